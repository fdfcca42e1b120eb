import { z } from "zod";

/** A whole number of at least `min` (given as text in the environment), else the default. */
export function wholeNumber(fallback: number, { min = 1, unit = "" }: { min?: number; unit?: string } = {}) {
  const error = `must be a whole number${unit ? ` of ${unit}` : ""}${min === 1 ? " above 0" : ` of at least ${min}`}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).default(fallback);
}

/** A URL whose protocol (without the colon) matches `protocol`; `what` names it in the message. */
export function urlOf(protocol: RegExp, what: string) {
  return z.url({ protocol, error: `must be ${what}` });
}
