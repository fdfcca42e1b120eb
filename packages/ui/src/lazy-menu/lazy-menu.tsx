import type { Menu, MenuProps } from "@mantine/core";
import { useMergedRef } from "@mantine/hooks";
import {
  cloneElement,
  type ReactElement,
  type ReactNode,
  type Ref,
  type SyntheticEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import type { TargetProps } from "./bound-menu";

type BoundMenuModule = typeof import("./bound-menu");

let loaded: BoundMenuModule | undefined;
let loading: Promise<BoundMenuModule> | undefined;

/** Starts loading Mantine's Menu (and Floating UI) once for every `LazyMenu`; resolves when it is there. */
export function loadMenu(): Promise<BoundMenuModule> {
  loading ??= import("./bound-menu").then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      // A failed download (offline, a deploy in between) is tried again on the next hover, focus or press.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export interface LazyMenuProps extends Omit<MenuProps, "children" | "opened" | "defaultOpened" | "onChange"> {
  /**
   * The button that opens the menu, as `Menu.Target`'s child would be: one element that takes a
   * ref. Rendered at once, with `aria-haspopup="menu"` and `aria-expanded`, before the menu's code.
   */
  target: ReactElement<Record<string, unknown> & { ref?: Ref<HTMLElement> }>;
  /** The dropdown, given Mantine's `Menu` once its code is there: `(Menu) => <Menu.Dropdown>…</Menu.Dropdown>`. */
  children: (menu: typeof Menu) => ReactNode;
}

type Handler = (event: SyntheticEvent) => void;

/** Handlers the rendered trigger forwards to the bound menu (Menu.Target's; hover triggers use the mouse ones). */
const FORWARDED = ["onClick", "onMouseEnter", "onMouseLeave", "onKeyDown"] as const;

/** Sets a ref to a node, returning how to unset it (React 19 ref cleanups included). */
function attach(ref: unknown, node: HTMLElement): () => void {
  if (typeof ref === "function") {
    const cleanup: unknown = ref(node);
    return typeof cleanup === "function" ? (cleanup as () => void) : () => ref(null);
  }
  if (ref && typeof ref === "object" && "current" in ref) {
    (ref as { current: unknown }).current = node;
    return () => {
      (ref as { current: unknown }).current = null;
    };
  }
  return () => {};
}

/** The attributes of the bound props that show in the DOM, as one string: the trigger re-renders when it changes. */
function signature(props: TargetProps): string {
  return JSON.stringify(
    Object.entries(props)
      .filter(([key]) => key !== "ref")
      .map(([key, value]) => [key, typeof value === "function" ? "ƒ" : (value ?? null)]),
  );
}

/**
 * Mantine's `Menu`, whose code (Menu, Popover and Floating UI, ~40 KB gzip) loads when the user
 * is about to use it — on hovering, focusing or pressing the trigger — instead of with the page.
 * The trigger renders at once and is never replaced: when the code arrives, the menu binds to
 * that same element (Mantine's ARIA attributes, handlers and ref), so focus stays where it is and
 * everything then works as Mantine's menu does (Enter, Space, arrow keys, Escape, focus return).
 * A click or key press that comes before the code opens the menu as soon as it is there.
 */
export function LazyMenu({ target, children, ...menuProps }: LazyMenuProps) {
  const [menuModule, setMenuModule] = useState(loaded);
  const button = useRef<HTMLElement | null>(null);
  const bound = useRef<{ props: TargetProps; ref?: unknown; detach?: () => void; signature?: string }>({ props: {} });
  const [boundSignature, setBoundSignature] = useState<string>();
  const pendingClick = useRef(false);
  const replaying = useRef(false);

  const start = useCallback(() => {
    // Loaded already (by another menu since this one rendered): bind now.
    if (loaded) return setMenuModule(loaded);
    loadMenu().then(setMenuModule, () => {
      // The menu stays closed; the next hover, focus or press tries again.
      pendingClick.current = false;
    });
  }, []);

  const bind = useCallback((props: TargetProps) => {
    const { ref, ...rest } = props;
    const current = bound.current;
    if (ref !== current.ref) {
      current.detach?.();
      current.ref = ref;
      current.detach = button.current ? attach(ref, button.current) : undefined;
    }
    current.props = rest;
    const next = signature(rest);
    if (next !== current.signature) {
      current.signature = next;
      setBoundSignature(next);
    }
  }, []);

  // The rendered element: the bound menu's ref follows it should it ever be replaced.
  const setButton = useCallback((node: HTMLElement | null) => {
    const current = bound.current;
    button.current = node;
    current.detach?.();
    current.detach = node && current.ref ? attach(current.ref, node) : undefined;
  }, []);
  const ref = useMergedRef(setButton, target.props.ref);

  // A press that came before the code: now that the menu is bound, it gets the same click.
  useEffect(() => {
    if (boundSignature === undefined || !pendingClick.current) return;
    pendingClick.current = false;
    replaying.current = true;
    try {
      button.current?.click();
    } finally {
      replaying.current = false;
    }
  }, [boundSignature]);

  const own = target.props;
  const chain =
    (name: string, before?: () => void) =>
    (event: SyntheticEvent): void => {
      before?.();
      (own[name] as Handler | undefined)?.(event);
    };
  const isBound = boundSignature !== undefined;
  const boundValues: Record<string, unknown> = isBound
    ? Object.fromEntries(Object.entries(bound.current.props).filter(([, value]) => typeof value !== "function"))
    : { "aria-haspopup": "menu", "aria-expanded": false };
  const className = [own.className, boundValues.className].filter(Boolean).join(" ") || undefined;
  const forwarded = Object.fromEntries(
    FORWARDED.map((name) => [
      name,
      (event: SyntheticEvent) => {
        if (!(name === "onClick" && replaying.current)) (own[name] as Handler | undefined)?.(event);
        // Not bound yet (read from the ref: the binding may be newer than this render).
        if (name === "onClick" && bound.current.signature === undefined) {
          pendingClick.current = true;
          start();
          return;
        }
        (bound.current.props[name] as Handler | undefined)?.(event);
      },
    ]),
  );

  const trigger = cloneElement(target, {
    ...boundValues,
    className,
    ...forwarded,
    // The user is about to open it: fetch the code now (a mouse, the keyboard, a finger).
    onPointerEnter: chain("onPointerEnter", start),
    onPointerDown: chain("onPointerDown", start),
    onFocus: chain("onFocus", start),
    ref,
  });
  return (
    <>
      {trigger}
      {menuModule && (
        <menuModule.BoundMenu menuProps={menuProps} bind={bind}>
          {children}
        </menuModule.BoundMenu>
      )}
    </>
  );
}
