import { Alert, Button, Group, Text } from "@mantine/core";
import { Component, type ErrorInfo, type ReactNode } from "react";

export interface ErrorBoundaryFallbackProps {
  error: Error;
  reset: () => void;
}

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** Heading of the default fallback. @default "Something went wrong" */
  title?: string;
  /** Replaces the default fallback. */
  fallback?: (props: ErrorBoundaryFallbackProps) => ReactNode;
  /** Called when the user presses Retry, before the children render again (e.g. to reset failed queries). */
  onReset?: () => void;
  /** When any value changes, a shown error is cleared (e.g. the route). */
  resetKeys?: readonly unknown[];
  onError?: (error: Error, info: ErrorInfo) => void;
}

interface ErrorBoundaryState {
  error: Error | null;
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

function changed(a: readonly unknown[] = [], b: readonly unknown[] = []): boolean {
  return a.length !== b.length || a.some((value, index) => !Object.is(value, b[index]));
}

/** Catches a render error below it and shows a friendly message with a Retry button. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: toError(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    this.props.onError?.(toError(error), info);
    if (!this.props.onError) console.error(error);
  }

  override componentDidUpdate(prev: ErrorBoundaryProps) {
    if (this.state.error && changed(prev.resetKeys, this.props.resetKeys)) this.setState({ error: null });
  }

  reset = () => {
    this.props.onReset?.();
    this.setState({ error: null });
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (this.props.fallback) return this.props.fallback({ error, reset: this.reset });
    return <ErrorFallback title={this.props.title} error={error} onRetry={this.reset} />;
  }
}

export interface ErrorFallbackProps {
  title?: string;
  error: Error | string;
  onRetry?: () => void;
}

/** The message shown for a failed section or request: what happened, and a Retry button. */
export function ErrorFallback({ title = "Something went wrong", error, onRetry }: ErrorFallbackProps) {
  const message = typeof error === "string" ? error : error.message;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Text size="sm">{message || "An unexpected error occurred."}</Text>
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="default" onClick={onRetry}>
            Retry
          </Button>
        </Group>
      )}
    </Alert>
  );
}
