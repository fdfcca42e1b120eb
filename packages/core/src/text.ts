import { z } from "zod";

/**
 * Rules for text people give things: names (API keys, service accounts, team display names,
 * runs) and alert titles are one line of visible text. They refuse what renders wrongly or
 * deceptively wherever they are shown later (tables, e-mail subjects, Slack):
 * - C0/C1 control characters (NUL, CR, LF, ESC, …) — they break headers and terminals;
 * - unpaired UTF-16 surrogates — not text at all, and invalid in UTF-8;
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) — the
 *   "Trojan Source" trick (CVE-2021-42574) that makes a name read differently from what it is.
 * Free text such as an alert's body may keep newlines and tabs.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROL_ALL = /[\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f]+/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `value` is not acceptable as one line of text, or undefined when it is. */
export function singleLineTextProblem(value: string): string | undefined {
  if (LONE_SURROGATE.test(value)) return "Contains characters that are not valid text.";
  if (CONTROL.test(value)) return "Must be one line without control characters.";
  if (BIDI_CONTROL.test(value)) return "Must not contain bidirectional control characters.";
  return undefined;
}

/** Why `value` is not acceptable as free text (newlines and tabs allowed), or undefined. */
export function freeTextProblem(value: string): string | undefined {
  if (LONE_SURROGATE.test(value)) return "Contains characters that are not valid text.";
  if (CONTROL_EXCEPT_WHITESPACE.test(value)) return "Must not contain control characters.";
  return undefined;
}

/** `value` with each unpaired surrogate replaced by U+FFFD (String.prototype.toWellFormed, ES2024). */
export function toWellFormedText(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/**
 * What a lenient client's text (the wandb SDK, whose alert errors nobody sees) becomes: control
 * and bidirectional control characters removed, lone surrogates replaced by U+FFFD.
 */
export function toPlainSingleLine(value: string): string {
  return toWellFormedText(value).replace(CONTROL_RUNS, " ").replace(BIDI_CONTROL_ALL, "").trim();
}

/**
 * A name: trimmed, 1–`max` characters of one line of plain text (see above), with the
 * messages the API returns in its problem documents.
 */
export function nameSchema(max: number, emptyMessage: string) {
  return z
    .string()
    .trim()
    .min(1, emptyMessage)
    .max(max, `Must be at most ${max} characters.`)
    .superRefine((value, ctx) => {
      const problem = singleLineTextProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** Free text of at most `max` characters: newlines and tabs allowed, other control characters not. */
export function freeTextSchema(max: number) {
  return z
    .string()
    .max(max, `Must be at most ${max} characters.`)
    .superRefine((value, ctx) => {
      const problem = freeTextProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}
