import { notifications } from "@mantine/notifications";

/** A red toast for a failed action, e.g. "Could not save Run comparer v2". */
export function notifyError(title: string, message: string) {
  notifications.show({ color: "red", title, message, autoClose: 8000 });
}

/** A short green toast confirming an action. */
export function notifySuccess(message: string, title?: string) {
  notifications.show({ color: "teal", title, message, autoClose: 4000 });
}
