import { Notifications } from "@mantine/notifications";

/** Where toasts appear. Lazy-loaded by UiProvider: toasts raised before it loads wait in the store. */
export default function NotificationsHost() {
  return <Notifications position="bottom-right" limit={4} />;
}
