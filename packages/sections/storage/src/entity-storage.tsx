import { errorMessage } from "@homebase/settings-kit";
import { ErrorFallback, SettingsCard } from "@homebase/ui";
import { Card, Divider, SimpleGrid, Skeleton, Stack, Title, VisuallyHidden } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense } from "react";
import { KindBreakdown, TopProjects } from "./breakdown";
import type { StorageUsage } from "./model";
import { Recalculate } from "./recalculate";
import { UsageBar } from "./usage-bar";

const UsageChart = lazy(() => import("./usage-chart"));

function ChartSkeleton() {
  return <Skeleton height={220} aria-hidden />;
}

export function StorageSkeleton({ label }: { label: string }) {
  return (
    <Card withBorder padding="lg" aria-busy="true">
      <VisuallyHidden role="status">Loading {label}…</VisuallyHidden>
      <Stack gap="md">
        <Skeleton height={20} width="30%" />
        <Skeleton height={18} width="55%" />
        <Skeleton height={16} radius="xl" />
        <Skeleton height={12} width="40%" />
        <Skeleton height={160} />
      </Stack>
    </Card>
  );
}

/** One entity's storage: usage against the quota, recalculation, breakdowns and the 30-day chart. */
export function EntityStorage({
  title,
  description,
  query,
  usageKey,
  footerHint,
}: {
  title: string;
  description: ReactNode;
  query: UseQueryResult<StorageUsage, Error>;
  usageKey: readonly unknown[];
  footerHint?: ReactNode;
}) {
  if (query.isPending) return <StorageSkeleton label={title} />;
  if (query.isError) {
    return (
      <ErrorFallback
        title={`Could not load the storage of ${title}`}
        error={errorMessage(query.error)}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const usage = query.data;
  return (
    <SettingsCard title={title} description={description} footerHint={footerHint}>
      <UsageBar usage={usage} />
      <Recalculate entity={usage.entity} computedAt={usage.computedAt} usageKey={usageKey} />
      <Divider />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
        <KindBreakdown usage={usage} />
        <TopProjects usage={usage} />
      </SimpleGrid>
      <Divider />
      <Stack gap="xs">
        <Title order={3} fz="md">
          Last 30 days
        </Title>
        <Suspense fallback={<ChartSkeleton />}>
          <UsageChart usage={usage} />
        </Suspense>
      </Stack>
    </SettingsCard>
  );
}
