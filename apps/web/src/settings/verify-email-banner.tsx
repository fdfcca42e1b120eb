import { queryKeys, useResendVerification, type Viewer } from "@homebase/settings-kit";
import { Alert, Anchor, Button, Group, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useLocation } from "react-router";

/** Where the address is changed (and verified again). */
const ACCOUNT_SETTINGS = "/settings/account";

/**
 * "Verify your email address", above every settings page until the viewer's address is verified,
 * with "Resend link" — except the account section, whose Email address card says the same with
 * its own Resend link. The link is usually opened in another tab: coming back here fetches the
 * viewer again, and the notice goes once it is verified.
 */
export function VerifyEmailBanner({ viewer }: { viewer: Viewer }) {
  const queryClient = useQueryClient();
  const { pathname } = useLocation();
  // Verified meanwhile (in another tab, 409): the viewer fetched again says so, and this notice goes.
  const {
    send: resend,
    sending,
    result,
  } = useResendVerification({
    nothingWaiting: null,
  });

  useEffect(() => {
    const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.viewer });
    window.addEventListener("focus", refresh);
    return () => window.removeEventListener("focus", refresh);
  }, [queryClient]);

  if (pathname === ACCOUNT_SETTINGS) return null;

  return (
    <Alert
      color="yellow"
      variant="light"
      role="region"
      title="Verify your email address"
      mb="lg"
      styles={{ title: { color: "var(--mantine-color-text)" } }}
    >
      <Text size="sm">
        We sent a link to <strong>{viewer.email}</strong>. Open it to confirm the address is yours: until then, you
        cannot join teams that admit people by their email domain.
      </Text>
      <Group gap="sm" mt="sm" wrap="wrap">
        <Button size="xs" variant="default" onClick={resend} loading={sending}>
          Resend link
        </Button>
        <Anchor component={Link} to={ACCOUNT_SETTINGS} size="sm" underline="always" c="var(--mantine-color-text)">
          Use another address
        </Anchor>
      </Group>
      <div role="status">
        {result && (
          <Text size="sm" mt="xs" fw={result.ok ? undefined : 600}>
            {result.text}
          </Text>
        )}
      </div>
    </Alert>
  );
}
