import { WANDB_ENV, wandbSetupScript } from "@homebase/settings-kit";
import { SettingsCard } from "@homebase/ui";
import { CodeBlock } from "@homebase/ui/code-block";
import { Anchor, Code, Text } from "@mantine/core";

/** Where run alerts come from: scripts that use the wandb SDK pointed at this server. */
export function SdkCard() {
  return (
    <SettingsCard
      title="Alerts from your training scripts"
      description="Run alerts come from scripts that use the wandb SDK with these two variables set."
    >
      <CodeBlock>{wandbSetupScript()}</CodeBlock>
      <Text size="sm" c="dimmed">
        <Code>{WANDB_ENV.baseUrl}</Code> is this server&apos;s address; for <Code>{WANDB_ENV.apiKey}</Code>, create a
        key in{" "}
        <Anchor href="/settings/api-keys" underline="always">
          API keys
        </Anchor>
        . When the script ends, you get “Run finished” or “Run crashed”; <Code>run.alert()</Code> sends its own. Each
        alert links to the run&apos;s page.
      </Text>
    </SettingsCard>
  );
}
