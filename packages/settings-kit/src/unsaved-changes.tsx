import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";

/** What a section registers while one of its forms holds unsaved changes. */
interface DirtyForm {
  /** Called when the user chooses to discard the changes (e.g. to forget a stored draft). */
  onDiscard?: () => void;
}

/** The shell's side of the contract: sections report dirty forms, the shell asks before leaving. */
export interface UnsavedChangesRegistry {
  /** Records (or, with null, forgets) the dirty form `id`. */
  set(id: string, form: DirtyForm | null): void;
}

const RegistryContext = createContext<UnsavedChangesRegistry | null>(null);

export interface UnsavedChangesOptions {
  /** Called when the user discards the changes through the shell's "Discard changes?" dialog. */
  onDiscard?: () => void;
}

/**
 * Declares that a form holds unsaved changes while `dirty` is true. The shell then asks
 * "Discard changes?" before in-app navigation, and the browser asks before a reload or
 * closing the tab (`beforeunload`). Use it in every form a user can lose work in.
 */
export function useUnsavedChanges(dirty: boolean, options: UnsavedChangesOptions = {}): void {
  const registry = useContext(RegistryContext);
  const id = useId();
  const onDiscard = useRef(options.onDiscard);
  onDiscard.current = options.onDiscard;
  // Discarded through the shell: the page may stay on screen a moment longer while the next one
  // loads, and a reload then must not ask again.
  const discarded = useRef(false);

  useEffect(() => {
    if (!dirty || !registry) return;
    discarded.current = false;
    registry.set(id, {
      onDiscard: () => {
        discarded.current = true;
        onDiscard.current?.();
      },
    });
    return () => registry.set(id, null);
  }, [registry, id, dirty]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (discarded.current) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
}

export interface UnsavedChangesState {
  /** Hand to `UnsavedChangesProvider`. */
  registry: UnsavedChangesRegistry;
  /** Whether any registered form is dirty (as of this render). */
  dirty: boolean;
  /** The same, as of now: for callbacks that run between renders (a navigation blocker). */
  isDirty: () => boolean;
  /** Tells every dirty form its changes are discarded, then forgets them. */
  discardAll: () => void;
}

/** For the shell: the registry its sections report to, and whether anything is unsaved. */
export function useUnsavedChangesRegistry(): UnsavedChangesState {
  const forms = useRef(new Map<string, DirtyForm>());
  const [count, setCount] = useState(0);
  const registry = useMemo<UnsavedChangesRegistry>(
    () => ({
      set(id, form) {
        if (form) forms.current.set(id, form);
        else forms.current.delete(id);
        setCount(forms.current.size);
      },
    }),
    [],
  );
  const discardAll = useCallback(() => {
    const discarded = [...forms.current.values()];
    forms.current.clear();
    setCount(0);
    for (const form of discarded) form.onDiscard?.();
  }, []);
  const isDirty = useCallback(() => forms.current.size > 0, []);
  return { registry, dirty: count > 0, isDirty, discardAll };
}

/** Makes `useUnsavedChanges` below it report to the shell's registry. */
export function UnsavedChangesProvider({
  registry,
  children,
}: {
  registry: UnsavedChangesRegistry;
  children: ReactNode;
}) {
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}
