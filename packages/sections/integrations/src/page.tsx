import { errorMessage, useViewer } from "@homebase/settings-kit";
import { ErrorFallback } from "@homebase/ui";
import { Alert, Card, Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useIntegrations } from "./api";
import { GithubCard } from "./github-card";
import { githubResultMessage, resultStillApplies } from "./github-result";
import { SlackCard } from "./slack-card";

/**
 * The outcome of a GitHub connection attempt (`?github=`), shown once: the parameter leaves the
 * URL at once (replacing the history entry), so a reload or Back does not bring it back.
 */
function useGithubResult() {
  const [params, setParams] = useSearchParams();
  const [value] = useState(() => params.get("github"));
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    if (!params.has("github")) return;
    const next = new URLSearchParams(params);
    next.delete("github");
    setParams(next, { replace: true });
  }, [params, setParams]);
  return { value: dismissed ? null : value, dismiss: () => setDismissed(true) };
}

function LoadingCards() {
  return (
    <Stack gap="lg" aria-busy="true">
      <VisuallyHidden role="status">Loading your integrations…</VisuallyHidden>
      {[0, 1].map((card) => (
        <Card key={card} withBorder padding="lg">
          <Skeleton height={18} width="25%" mb="md" />
          <Skeleton height={12} width="80%" mb={8} />
          <Skeleton height={12} width="60%" />
        </Card>
      ))}
    </Stack>
  );
}

/** Integrations: GitHub (connect, or the connected account) and the state of Slack. */
export default function IntegrationsPage() {
  const integrations = useIntegrations();
  const admin = useViewer().data?.admin ?? false;
  const { value, dismiss } = useGithubResult();
  const message = githubResultMessage(value, { admin });
  // "GitHub connected" goes away with the connection (Disconnect), failures when dismissed.
  const result = message && resultStillApplies(message, integrations.data?.github.connected) ? message : null;

  return (
    <Stack gap="lg">
      {result && (
        <Alert
          color={result.ok ? "green" : "red"}
          variant="light"
          title={result.title}
          role={result.ok ? "status" : "alert"}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={dismiss}
          styles={{ title: { color: "var(--mantine-color-text)" } }}
        >
          {result.ok && integrations.data?.github.login
            ? `Your GitHub account ${integrations.data.github.login} is now connected to Homebase.`
            : result.text}
        </Alert>
      )}
      {integrations.isPending ? (
        <LoadingCards />
      ) : integrations.isError ? (
        <ErrorFallback
          title="Could not load your integrations"
          error={errorMessage(integrations.error)}
          onRetry={() => void integrations.refetch()}
        />
      ) : (
        <>
          <GithubCard github={integrations.data.github} admin={admin} onDisconnected={dismiss} />
          <SlackCard connected={integrations.data.slack.connected} />
        </>
      )}
    </Stack>
  );
}
