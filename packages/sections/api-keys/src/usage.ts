/** How programs send a key: the forms the API accepts, shown in the empty state and after creating one. */
import { wandbSetupScript } from "@homebase/settings-kit";

/** `base64("api:" + key)`, the HTTP Basic credentials the wandb SDK sends. */
export function basicCredentials(key: string): string {
  const bytes = new TextEncoder().encode(`api:${key}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export interface UsageExample {
  label: string;
  value: string;
}

/**
 * The three ways a program authenticates, with `key` filled in (or a KEY placeholder); the wandb
 * SDK also needs this server's URL (`baseUrl`, by default the page's origin).
 */
export function usageExamples(key?: string, baseUrl?: string): UsageExample[] {
  return [
    { label: "Bearer token", value: `Authorization: Bearer ${key ?? "KEY"}` },
    {
      label: "HTTP Basic (user “api”, the key as password)",
      value: key ? `Authorization: Basic ${basicCredentials(key)}` : 'Authorization: Basic base64("api:KEY")',
    },
    { label: "wandb SDK (Python): point it at this server", value: wandbSetupScript({ baseUrl, apiKey: key }) },
  ];
}
