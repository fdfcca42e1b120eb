/**
 * How a training script reaches this server: the environment variables the wandb SDK reads
 * (WANDB_BASE_URL, WANDB_API_KEY, WANDB_ENTITY), shown by the API keys, Alerts and Default team
 * sections.
 */
export const WANDB_ENV = {
  baseUrl: "WANDB_BASE_URL",
  apiKey: "WANDB_API_KEY",
  entity: "WANDB_ENTITY",
} as const;

/** This server's URL, the SDK's base URL: the shell and the API share one origin. */
export function homebaseUrl(): string {
  return globalThis.location?.origin ?? "http://localhost:3000";
}

/**
 * The shell lines that point the wandb SDK at this server and run a script, with `apiKey`
 * filled in (or a KEY placeholder). `wandb login` takes the key from the environment.
 */
export function wandbSetupScript(options: { baseUrl?: string; apiKey?: string } = {}): string {
  const { baseUrl = homebaseUrl(), apiKey = "KEY" } = options;
  return [
    `export ${WANDB_ENV.baseUrl}=${baseUrl}`,
    `export ${WANDB_ENV.apiKey}=${apiKey}`,
    `wandb login --host "$${WANDB_ENV.baseUrl}"`,
    "python train.py",
  ].join("\n");
}
