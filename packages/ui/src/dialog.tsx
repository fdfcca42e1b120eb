import { Modal, type ModalProps } from "@mantine/core";

/**
 * Mantine's Modal with two accessibility fixes: its title bar is a `<header>`,
 * which axe counts as a second page banner, so it is marked presentational;
 * and the close button gets a name.
 */
export function Dialog(props: ModalProps) {
  return (
    <Modal
      {...props}
      attributes={{ header: { role: "none" }, ...props.attributes }}
      closeButtonProps={{ "aria-label": "Close", ...props.closeButtonProps }}
    />
  );
}
