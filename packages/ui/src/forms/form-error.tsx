import { Alert } from "@mantine/core";
import type { ReactNode } from "react";

export interface FormErrorProps {
  /** What did not happen, e.g. "Could not create the account". */
  title: string;
  /** Why: the API's detail or the browser's message. Nothing is rendered without it. */
  children?: ReactNode;
}

/** The red notice above a form when a submission failed for no one field's reason (announced at once). */
export function FormError({ title, children }: FormErrorProps) {
  if (children === null || children === undefined || children === false || children === "") return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {children}
    </Alert>
  );
}

export interface NoticeProps {
  title: string;
  children: ReactNode;
  /** Teal for a success (the default), blue for something under way. */
  color?: "teal" | "blue";
}

/**
 * A calm notice in a form or on an auth page: what just happened ("Password changed", "Reset link
 * sent"), announced politely. The coloured title fails AA contrast on its tint, so it takes the
 * text colour, as the body.
 */
export function Notice({ title, children, color = "teal" }: NoticeProps) {
  return (
    <Alert
      color={color}
      variant="light"
      role="status"
      title={title}
      styles={{ title: { color: "var(--mantine-color-text)" } }}
    >
      {children}
    </Alert>
  );
}
