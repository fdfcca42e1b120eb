import { errorMessage, isApiError } from "@homebase/settings-kit";
import { formatBytes, SaveStatus, SettingsCard, useSavedNotice } from "@homebase/ui";
import { Alert, Button, Group, Progress, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { NameInput } from "../name-input";
import { type EntityStorage, setEntityQuota, useDefaultQuotaBytes } from "./admin-api";
import { BYTES_PER_GB, parseQuotaGb } from "./quota";

type Errors = { entity?: string; quota?: string };

function UsageSummary({ storage, reset }: { storage: EntityStorage; reset: boolean }) {
  const percent = Math.min(100, storage.usedFraction * 100);
  return (
    <Alert
      color={storage.level === "ok" ? "blue" : "yellow"}
      variant="light"
      role="status"
      title={reset ? `${storage.entity} is back on the default quota` : `Quota for ${storage.entity} saved`}
    >
      <Stack gap={6}>
        <Text size="sm">
          {storage.entity} uses {formatBytes(storage.usedBytes)} of {formatBytes(storage.quotaBytes)} (
          {percent.toLocaleString("en-US", { maximumFractionDigits: 1 })} %).
        </Text>
        {/* The deployment's plan (its DEFAULT_STORAGE_QUOTA_BYTES), as the API states it. */}
        <Text size="sm">The default plan is {formatBytes(storage.defaultQuotaBytes)}.</Text>
        <Progress
          value={percent}
          color={storage.level === "ok" ? "teal" : storage.level === "caution" ? "yellow" : "red"}
          aria-label={`Storage used by ${storage.entity}`}
        />
      </Stack>
    </Alert>
  );
}

/** Bytes as the number of GB the quota field takes: "100", "2.5" (no grouping, so it can be typed back). */
export function quotaGbText(bytes: number): string {
  return (bytes / BYTES_PER_GB).toLocaleString("en-US", { maximumFractionDigits: 3, useGrouping: false });
}

/** What the quota field says about the deployment's default plan, once the API has stated it. */
function defaultPlanText(defaultQuota: ReturnType<typeof useDefaultQuotaBytes>): string {
  if (defaultQuota.isSuccess) return `Default plan: ${quotaGbText(defaultQuota.data)} GB.`;
  if (defaultQuota.isError) return "The default plan could not be loaded.";
  return "Loading the default plan…";
}

/** Per-entity storage quota overrides: a user or team name and a quota in GB, or back to the default. */
export function QuotaCard() {
  const [entity, setEntity] = useState("");
  const [quota, setQuota] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [result, setResult] = useState<{ storage: EntityStorage; reset: boolean } | null>(null);
  /** Typed into since the last successful save (or since the page opened). */
  const [edited, setEdited] = useState(false);
  const [saved, markSaved] = useSavedNotice();
  // The deployment's plan (DEFAULT_STORAGE_QUOTA_BYTES), never a size typed in here.
  const defaultQuota = useDefaultQuotaBytes();
  const dirty = edited && (entity.trim() !== "" || quota.trim() !== "");
  const save = useMutation({
    mutationFn: (input: { entity: string; quotaBytes: number | null }) =>
      setEntityQuota(input.entity, input.quotaBytes),
    onSuccess: (storage, input) => {
      setResult({ storage, reset: input.quotaBytes === null });
      setEdited(false);
      markSaved();
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 404) setErrors({ entity: error.detail });
      else if (isApiError(error) && error.fieldErrors().quotaBytes)
        setErrors({ quota: error.fieldErrors().quotaBytes });
      else setErrors({ entity: errorMessage(error) });
    },
  });

  const entityName = () => {
    const name = entity.trim().toLowerCase();
    if (!name) setErrors({ entity: "Enter a username or team name." });
    return name;
  };

  const onSave = () => {
    setResult(null);
    const name = entityName();
    if (!name) return;
    const parsed = parseQuotaGb(quota);
    if (!parsed.ok) {
      setErrors({ quota: parsed.error });
      return;
    }
    setErrors({});
    save.mutate({ entity: name, quotaBytes: parsed.bytes });
  };

  const onReset = () => {
    setResult(null);
    const name = entityName();
    if (!name) return;
    setErrors({});
    save.mutate({ entity: name, quotaBytes: null });
  };

  const resetting = save.isPending && save.variables?.quotaBytes === null;
  return (
    <SettingsCard
      title="Storage quotas"
      description="Give a user or team more (or less) storage than the default plan. Sizes are in GB: 1 GB = 1,000,000,000 bytes."
      onSave={onSave}
      saving={save.isPending && !resetting}
      footer={
        <Group justify="space-between" gap="sm" wrap="wrap">
          <SaveStatus dirty={dirty} saved={saved} />
          <Group gap="sm" ml="auto">
            <Button variant="default" onClick={onReset} loading={resetting}>
              Reset to default
            </Button>
            <Button type="submit" loading={save.isPending && !resetting}>
              Save quota
            </Button>
          </Group>
        </Group>
      }
    >
      <Group align="flex-start" gap="md" wrap="wrap">
        <NameInput
          label="User or team"
          placeholder="acme-research"
          value={entity}
          onChange={(event) => {
            setEntity(event.currentTarget.value);
            setEdited(true);
            setErrors((e) => ({ ...e, entity: undefined }));
          }}
          error={errors.entity}
        />
        <TextInput
          label="Quota (GB)"
          description={defaultPlanText(defaultQuota)}
          // Under the field, so both inputs of the row stay level.
          inputWrapperOrder={["label", "input", "description", "error"]}
          placeholder={defaultQuota.isSuccess ? quotaGbText(defaultQuota.data) : undefined}
          inputMode="decimal"
          value={quota}
          onChange={(event) => {
            setQuota(event.currentTarget.value);
            setEdited(true);
            setErrors((e) => ({ ...e, quota: undefined }));
          }}
          error={errors.quota}
          autoComplete="off"
          rightSection={
            <Text size="sm" c="dimmed" aria-hidden>
              GB
            </Text>
          }
          style={{ flex: "0 1 200px" }}
        />
      </Group>
      {result && <UsageSummary storage={result.storage} reset={result.reset} />}
    </SettingsCard>
  );
}
