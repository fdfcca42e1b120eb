import { API_KEY_SCOPES } from "@homebase/core/vocabulary";
import { Group, NativeSelect, Radio, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import {
  allowedChoice,
  customDateBounds,
  customDateError,
  defaultExpiryChoice,
  type ExpiryChoice,
  expiresAtFor,
  expiryOptions,
  maxDaysFromMessage,
} from "./expiry-choice";
import { useMaxKeyLifetime } from "./max-lifetime";
import { DAY_MS, type KeyScope, SCOPE_DESCRIPTIONS, SCOPE_LABELS } from "./model";

export interface KeyLifetime {
  scope: KeyScope;
  expiresAt: string | null;
}

/**
 * The scope and expiry of a key being created: state, validation, and the server's 422 on the
 * expiry (which also tells a non-admin the organisation's maximum lifetime).
 */
export function useKeyLifetime() {
  const max = useMaxKeyLifetime();
  const [learnedMax, setLearnedMax] = useState<number | null>(null);
  const maxDays = learnedMax ?? max.maxDays;
  const [scope, setScope] = useState<KeyScope>("full");
  const [picked, setPicked] = useState<ExpiryChoice | null>(null);
  const [date, setDate] = useState("");
  const [error, setError] = useState<string | null>(null);
  const choice = picked === null ? defaultExpiryChoice(maxDays) : allowedChoice(picked, maxDays);

  return {
    maxDays,
    scope,
    choice,
    date,
    error,
    setScope,
    setChoice: (value: ExpiryChoice) => {
      setPicked(value);
      setError(null);
    },
    setDate: (value: string) => {
      setDate(value);
      setError(null);
    },
    /** The body's `scope` and `expiresAt`, or null after showing why the expiry cannot be used. */
    validate(now = Date.now()): KeyLifetime | null {
      if (choice === "custom") {
        const problem = customDateError(date, maxDays, now);
        if (problem) {
          setError(problem);
          return null;
        }
      }
      setError(null);
      return { scope, expiresAt: expiresAtFor(choice, date, maxDays, now) };
    },
    /** Shows the server's complaint about `expiresAt` and learns the maximum it states. */
    serverError(message: string) {
      setError(message);
      const learned = maxDaysFromMessage(message);
      if (learned !== null) setLearnedMax(learned);
    },
    reset() {
      setScope("full");
      setPicked(null);
      setDate("");
      setError(null);
    },
  };
}

export type KeyLifetimeState = ReturnType<typeof useKeyLifetime>;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function optionLabel(value: ExpiryChoice, days: number | null, now: number): string {
  if (value === "custom") return "On a date you choose";
  if (value === "none") return "No expiry";
  return `${days} days (${dateFormat.format(new Date(now + (days ?? 0) * DAY_MS))})`;
}

/**
 * "Expires" (7, 30, 60, 90 days, a date, or none) and "Scope" (full or read-only) for a create
 * dialog. `reminderTo` says who is e-mailed before the key expires.
 */
export function KeyLifetimeFields({ form, reminderTo }: { form: KeyLifetimeState; reminderTo: string }) {
  const [now] = useState(() => Date.now());
  const options = expiryOptions(form.maxDays);
  const limited = form.maxDays !== null;
  const bounds = customDateBounds(form.maxDays, now);
  const description = limited
    ? `Your organisation allows keys to live at most ${form.maxDays} days, so longer choices are off. ${reminderTo} an email 7 days before it expires.`
    : `When the key stops working. ${reminderTo} an email 7 days before it expires.`;
  return (
    <Stack gap="md">
      <Group gap="md" align="flex-start" wrap="wrap">
        <NativeSelect
          label="Expires"
          description={description}
          data={options.map((o) => ({
            value: o.value,
            label: o.disabled
              ? `${optionLabel(o.value, o.days, now)} — over the limit`
              : optionLabel(o.value, o.days, now),
            disabled: o.disabled,
          }))}
          value={form.choice}
          onChange={(event) => form.setChoice(event.currentTarget.value as ExpiryChoice)}
          error={form.choice !== "custom" ? form.error : undefined}
          style={{ flex: "1 1 260px" }}
        />
        {form.choice === "custom" && (
          <TextInput
            type="date"
            label="Expiry date"
            description="The key works until the end of this day."
            value={form.date}
            min={bounds.min}
            max={bounds.max}
            onChange={(event) => form.setDate(event.currentTarget.value)}
            error={form.error}
            required
            style={{ flex: "0 1 200px" }}
          />
        )}
      </Group>
      <Radio.Group
        label="Scope"
        description="What a program holding the key may do."
        value={form.scope}
        onChange={(value) => form.setScope(value as KeyScope)}
      >
        <Stack gap="xs" mt="xs">
          {API_KEY_SCOPES.map((scope) => (
            <Radio key={scope} value={scope} label={SCOPE_LABELS[scope]} description={SCOPE_DESCRIPTIONS[scope]} />
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
