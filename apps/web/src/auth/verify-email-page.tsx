import {
  ApiError,
  errorMessage,
  queryKeys,
  useResendVerification,
  useViewer,
  verifyEmail,
} from "@homebase/settings-kit";
import { FormError, Notice } from "@homebase/ui/forms";
import { Button, Loader, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useSearchParams } from "react-router";
import { AuthShell } from "./auth-shell";

/** Red text with AA contrast in both colour schemes. */
const DANGER_TEXT = "light-dark(var(--mantine-color-red-8), var(--mantine-color-red-3))";

/** Where a signed-in user manages the address; also where sign-in leads back to. */
const ACCOUNT_SETTINGS = "/settings/account";

/** "Send a new link" for a signed-in user; signed-out users sign in first and resend from the settings. */
function NewLink({ signedIn }: { signedIn: boolean }) {
  const { send, sending, result } = useResendVerification({
    nothingWaiting: "Your email address is already verified: nothing is waiting for a link.",
  });
  if (!signedIn) {
    return (
      <Button component={Link} to={`/login?next=${encodeURIComponent(ACCOUNT_SETTINGS)}`} fullWidth>
        Sign in to send a new link
      </Button>
    );
  }
  return (
    <Stack gap="sm">
      <Button onClick={send} loading={sending} fullWidth>
        Send a new link
      </Button>
      <div role="status">
        {result && (
          <Text size="sm" c={result.ok ? undefined : DANGER_TEXT}>
            {result.text}
          </Text>
        )}
      </div>
      <Button component={Link} to={ACCOUNT_SETTINGS} variant="default" fullWidth>
        Go to your settings
      </Button>
    </Stack>
  );
}

/**
 * /verify-email?token=…: the page the verification e-mail links to. Uses the token once on
 * load (no session needed) and says how it went; a used or expired link offers a new one.
 */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const signedIn = viewer.isSuccess;
  // A query, not an effect: React's strict mode mounts twice, and a token works only once.
  const verification = useQuery({
    queryKey: ["verify-email", token],
    queryFn: async () => {
      await verifyEmail(token);
      return true;
    },
    enabled: token !== "",
    retry: (count, error) => !(error instanceof ApiError) && count < 2,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });

  useEffect(() => {
    if (!verification.isSuccess) return;
    // The shell's notice and the account card read the viewer: fetch it again, now verified. The
    // viewer asked for on load may still be on its way with the old answer, and a first fetch in
    // flight is joined rather than restarted by an invalidation: cancel it first.
    void queryClient
      .cancelQueries({ queryKey: queryKeys.viewer })
      .then(() => queryClient.invalidateQueries({ queryKey: queryKeys.viewer }));
  }, [verification.isSuccess, queryClient]);

  if (!token) {
    return (
      <AuthShell title="This link cannot be used">
        <Stack gap="md">
          <FormError title="Your email address was not verified">
            The link has no token. Open the link from the e-mail again, or ask for a new one.
          </FormError>
          <NewLink signedIn={signedIn} />
        </Stack>
      </AuthShell>
    );
  }
  if (verification.isPending) {
    return (
      <AuthShell title="Verifying your email address">
        <Stack align="center" gap="sm" role="status" py="md">
          <Loader size="md" aria-hidden />
          <Text size="sm">Verifying your email address…</Text>
        </Stack>
      </AuthShell>
    );
  }
  if (verification.isSuccess) {
    return (
      <AuthShell title="Email address verified">
        <Stack gap="md">
          <Notice title="Thank you">
            Your email address is verified. Homebase sends its e-mails there now, and you can join teams that admit
            people by their email domain.
          </Notice>
          {signedIn ? (
            <Button component={Link} to={ACCOUNT_SETTINGS} fullWidth>
              Go to your settings
            </Button>
          ) : (
            <Button component={Link} to={`/login?next=${encodeURIComponent(ACCOUNT_SETTINGS)}`} fullWidth>
              Sign in
            </Button>
          )}
        </Stack>
      </AuthShell>
    );
  }
  const error = verification.error;
  const answered = error instanceof ApiError;
  // 409: the address went to another account meanwhile; a new link to it would not help.
  const taken = answered && error.status === 409;
  return (
    <AuthShell title={answered ? "This link cannot be used" : "Could not verify your email address"}>
      <Stack gap="md">
        <FormError title="The link did not work">{errorMessage(error)}</FormError>
        {viewer.data?.emailVerified && !taken && (
          // Usually a link opened twice. A new link is still offered: a changed address may be waiting.
          <Text size="sm">
            Your current address, <strong style={{ overflowWrap: "anywhere" }}>{viewer.data.email}</strong>, is
            verified.
          </Text>
        )}
        {taken ? (
          <Button
            component={Link}
            to={signedIn ? ACCOUNT_SETTINGS : `/login?next=${encodeURIComponent(ACCOUNT_SETTINGS)}`}
            fullWidth
          >
            {signedIn ? "Choose another address" : "Sign in to choose another address"}
          </Button>
        ) : answered ? (
          <NewLink signedIn={signedIn} />
        ) : (
          <Button onClick={() => void verification.refetch()} fullWidth>
            Try again
          </Button>
        )}
      </Stack>
    </AuthShell>
  );
}
