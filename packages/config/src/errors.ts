/** A validation issue as @t3-oss/env-core reports it (Standard Schema): the path starts with the variable. */
interface EnvIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** One line per issue: `REDIS_URL: must be a redis:// or rediss:// URL`. Never the value (it may be a secret). */
function formatEnvIssues(issues: readonly EnvIssue[]): string {
  return issues
    .map((issue) => {
      const name = (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".");
      return `  ${name || "(environment)"}: ${issue.message}`;
    })
    .join("\n");
}

/**
 * createEnv's `onValidationError`: fails the start with a message that names each bad variable
 * and what it must be.
 */
export function onInvalidEnv(issues: readonly EnvIssue[]): never {
  throw new Error(`Invalid environment variables:\n${formatEnvIssues(issues)}`);
}
