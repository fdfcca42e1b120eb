import { Modal, type ModalProps } from "@mantine/core";
import { createContext, useCallback, useContext, useLayoutEffect, useState } from "react";

/** Locks the enclosing Dialog; returns the unlock. */
type LockDialog = () => () => void;

const DialogLockContext = createContext<LockDialog | null>(null);

/**
 * Mantine's Modal with two accessibility fixes: its title bar is a `<header>`,
 * which axe counts as a second page banner, so it is marked presentational;
 * and the close button gets a name.
 *
 * Content can lock it with `useDialogLock()` (the show-once key does): while
 * locked, Escape and clicks on the backdrop do nothing and there is no close
 * button, so only the content's own buttons close it.
 */
export function Dialog(props: ModalProps) {
  const [locks, setLocks] = useState(0);
  const lock = useCallback<LockDialog>(() => {
    setLocks((n) => n + 1);
    return () => setLocks((n) => n - 1);
  }, []);
  const locked = locks > 0;
  return (
    <DialogLockContext.Provider value={lock}>
      <Modal
        {...props}
        closeOnEscape={locked ? false : props.closeOnEscape}
        closeOnClickOutside={locked ? false : props.closeOnClickOutside}
        withCloseButton={locked ? false : props.withCloseButton}
        attributes={{ header: { role: "none" }, ...props.attributes }}
        closeButtonProps={{ "aria-label": "Close", ...props.closeButtonProps }}
      />
    </DialogLockContext.Provider>
  );
}

/** While the calling component is mounted, its Dialog closes only through the component's own buttons. */
export function useDialogLock(): void {
  const lock = useContext(DialogLockContext);
  useLayoutEffect(() => lock?.(), [lock]);
}
