import { WANDB_ENV, wandbSetupScript } from "@homebase/settings-kit";
import { SettingsCard } from "@homebase/ui";
import { CodeBlock } from "@homebase/ui/code-block";
import { Anchor, Box, Code, List, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { usageExamples } from "./usage";

/** The three ways a program sends a key, as code blocks with a label each. */
export function UsageExamples({ apiKey }: { apiKey?: string }) {
  return (
    <Stack gap="xs">
      {usageExamples(apiKey).map((example) => (
        <Box key={example.label}>
          <Text size="sm" fw={500}>
            {example.label}
          </Text>
          <Code block style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {example.value}
          </Code>
        </Box>
      ))}
    </Stack>
  );
}

/** Shown instead of the table while the user has no key. */
export function NoKeysYet({ action }: { action: ReactNode }) {
  return (
    <SettingsCard title="No API keys yet">
      <Text size="sm">
        An API key lets a script, a training job or a service act as you: log runs, report storage and read your
        settings, without your password. Create one key per machine or service, so you can delete one without breaking
        the others.
      </Text>
      <Text size="sm">Programs send the key in one of these forms:</Text>
      <UsageExamples />
      <div>{action}</div>
    </SettingsCard>
  );
}

/** How to point the wandb SDK at this server, under the table (the empty state shows it among the examples). */
export function UseWithWandb() {
  return (
    <SettingsCard
      title="Use a key with the wandb SDK"
      description="Training scripts that use the Weights & Biases SDK send their runs, alerts and files here once two environment variables are set."
    >
      <CodeBlock>{wandbSetupScript()}</CodeBlock>
      <Text size="sm" c="dimmed">
        <Code>{WANDB_ENV.baseUrl}</Code> is this server&apos;s address and <Code>{WANDB_ENV.apiKey}</Code> one of your
        keys (replace KEY). Runs go to your default team (or account) unless the script passes <Code>entity=</Code> to{" "}
        <Code>wandb.init()</Code> or sets <Code>{WANDB_ENV.entity}</Code>.
      </Text>
    </SettingsCard>
  );
}

/** The short "Store API keys securely" advice under the table. */
export function StoreKeysSecurely() {
  return (
    <SettingsCard title="Store API keys securely">
      <List size="sm" spacing={6}>
        <List.Item>
          Keep keys in a secrets manager (or your CI's secret store) and hand them to programs as the{" "}
          <Code>WANDB_API_KEY</Code> environment variable.
        </List.Item>
        <List.Item>
          Never commit a key to a repository, a notebook or a container image. If one leaks, delete it here and create a
          new one.
        </List.Item>
        <List.Item>
          Do not pass keys on the command line: other users of the machine can read them in the process list and the
          shell history.
        </List.Item>
      </List>
      <Text size="sm" c="dimmed">
        Keys look like <Code>hb_v1_…</Code> and carry a checksum, so{" "}
        <Anchor
          href="https://docs.github.com/en/code-security/secret-scanning"
          target="_blank"
          rel="noreferrer"
          underline="always"
        >
          secret scanners
        </Anchor>{" "}
        can recognise them.
      </Text>
    </SettingsCard>
  );
}
