import type { z } from "zod";

type Output<S extends Record<string, z.ZodType>> = { [K in keyof S]: z.output<S[K]> };
type OptionalKeys<T> = { [K in keyof T]: undefined extends T[K] ? K : never }[keyof T];

/**
 * The parsed values of one or more slices, as createEnv returns them (a variable that may be
 * unset is an optional key): `EnvOf<typeof serverEnv & typeof mailEnv>`.
 */
export type EnvOf<S extends Record<string, z.ZodType>> = {
  [K in Exclude<keyof S, OptionalKeys<Output<S>>>]: Output<S>[K];
} & { [K in OptionalKeys<Output<S>>]?: Output<S>[K] };
