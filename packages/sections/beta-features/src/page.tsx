import { type BetaFeature, errorMessage, useBetaFeatures } from "@homebase/settings-kit";
import { ErrorFallback } from "@homebase/ui";
import { SettingSwitch } from "@homebase/ui/setting-switch";
import { Box, Card, EmptyState, Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import { useToggleBetaFeature } from "./use-toggle-beta-feature";

function FeatureSwitch({ feature, onToggle }: { feature: BetaFeature; onToggle: (enabled: boolean) => void }) {
  return (
    <SettingSwitch
      checked={feature.enabled}
      onChange={onToggle}
      label={feature.name}
      description={feature.description}
    />
  );
}

function LoadingList() {
  return (
    <Card withBorder padding="lg" aria-busy="true">
      <VisuallyHidden role="status">Loading beta features…</VisuallyHidden>
      <Stack gap="lg">
        {[0, 1, 2].map((row) => (
          <Stack key={row} gap={8}>
            <Skeleton height={14} width="40%" />
            <Skeleton height={10} width="85%" />
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

/** The beta-feature catalogue as switches that save at once. */
export default function BetaFeaturesPage() {
  const features = useBetaFeatures();
  const toggle = useToggleBetaFeature();

  if (features.isPending) return <LoadingList />;
  if (features.isError) {
    return (
      <ErrorFallback
        title="Could not load beta features"
        error={errorMessage(features.error)}
        onRetry={() => void features.refetch()}
      />
    );
  }
  const { items } = features.data;
  if (items.length === 0) {
    return (
      <Card withBorder padding="xl">
        <EmptyState
          title="No beta features right now"
          description="When a new feature is ready for early testing, it will show up here."
        />
      </Card>
    );
  }
  return (
    <Card withBorder padding={0}>
      <ul aria-label="Beta features" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {items.map((feature, index) => (
          <Box
            key={feature.key}
            component="li"
            p="lg"
            style={index === 0 ? undefined : { borderTop: "1px solid var(--mantine-color-default-border)" }}
          >
            <FeatureSwitch
              feature={feature}
              onToggle={(enabled) => toggle.mutate({ key: feature.key, name: feature.name, enabled })}
            />
          </Box>
        ))}
      </ul>
    </Card>
  );
}
