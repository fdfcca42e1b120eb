import { ContrastBadge } from "@homebase/ui";
import { Text } from "@mantine/core";
import { expiryLabel, keyState, type LifecycleKey, SCOPE_LABELS, statusLabel } from "./model";

/** "Full access" or "Read-only". */
export function ScopeBadge({ scope = "full" }: { scope?: LifecycleKey["scope"] }) {
  return (
    <ContrastBadge color={scope === "read" ? "blue" : "gray"} style={{ whiteSpace: "nowrap" }}>
      {SCOPE_LABELS[scope]}
    </ContrastBadge>
  );
}

/**
 * A live key's expiry ("in 12 days", "never"), or why the key stopped working ("Expired",
 * "Rotated 3 days ago", "Revoked: reported as leaked"); the exact time on hover.
 */
export function KeyExpiry({ apiKey, now, prefix = false }: { apiKey: LifecycleKey; now: number; prefix?: boolean }) {
  const status = statusLabel(apiKey, now);
  if (status) {
    const at = keyState(apiKey, now) === "expired" ? apiKey.expiresAt : apiKey.revokedAt;
    const iso = at ? new Date(at).toISOString() : undefined;
    return (
      <Text span size="sm" fw={600} c="var(--mantine-color-text)">
        {iso ? (
          <time dateTime={iso} title={iso}>
            {status}
          </time>
        ) : (
          status
        )}
      </Text>
    );
  }
  const label = expiryLabel(apiKey.expiresAt, now);
  const text = prefix ? (label === "never" ? "Never expires" : `Expires ${label.replace(/^expires /, "")}`) : label;
  if (!apiKey.expiresAt) return <span>{text}</span>;
  const iso = new Date(apiKey.expiresAt).toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
