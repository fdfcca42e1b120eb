import { ContrastBadge, RelativeTime, SettingsCard } from "@homebase/ui";
import { Box, Code, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { RunDetail, RunState } from "./run-api";

const STATE_STYLE: Record<RunState, { label: string; color: string } | undefined> = {
  running: { label: "Running", color: "blue" },
  finished: { label: "Finished", color: "green" },
  crashed: { label: "Crashed", color: "red" },
};

/** "Running" (blue), "Finished" (green) or "Crashed" (red). */
export function RunStateBadge({ state }: { state: RunState }) {
  const style = STATE_STYLE[state] ?? { label: state, color: "gray" };
  return (
    <ContrastBadge color={style.color} size="lg" data-testid="run-state">
      {style.label}
    </ContrastBadge>
  );
}

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** "3 minutes ago" over the exact local time, so both show without hovering (phones cannot hover). */
export function Timestamp({ date }: { date: string }) {
  const parsed = new Date(date);
  if (Number.isNaN(parsed.getTime()))
    return (
      <Text span size="sm">
        unknown time
      </Text>
    );
  return (
    <>
      <RelativeTime date={date} />
      <Text span display="block" size="xs" c="dimmed">
        {absolute.format(parsed)}
      </Text>
    </>
  );
}

function Missing({ children }: { children: ReactNode }) {
  return (
    <Text span size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function Item({ term, children, wide = false }: { term: string; children: ReactNode; wide?: boolean }) {
  return (
    <Box style={wide ? { gridColumn: "1 / -1" } : undefined}>
      <Text component="dt" size="sm" c="dimmed">
        {term}
      </Text>
      <Box component="dd" m={0} mt={2} fz="sm" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Box>
    </Box>
  );
}

/** Times, exit code, host and program, in as many columns as fit (three on a desktop, one on phones). */
export function RunDetails({ run }: { run: RunDetail }) {
  const running = run.state === "running";
  return (
    <SettingsCard title="Details">
      <Box
        component="dl"
        m={0}
        style={{
          display: "grid",
          gridTemplateColumns: "repeat(auto-fill, minmax(190px, 1fr))",
          gap: "var(--mantine-spacing-md) var(--mantine-spacing-lg)",
        }}
      >
        <Item term="Started">
          <Timestamp date={run.createdAt} />
        </Item>
        <Item term={run.state === "crashed" ? "Crashed" : "Finished"}>
          {run.endedAt ? <Timestamp date={run.endedAt} /> : <Missing>{running ? "Still running" : "Unknown"}</Missing>}
        </Item>
        <Item term="Last heartbeat">
          <Timestamp date={run.lastHeartbeatAt} />
        </Item>
        <Item term="Exit code">
          {run.exitCode === null ? (
            <Missing>{running ? "None yet" : "None (the run went silent)"}</Missing>
          ) : (
            <Code fz="sm">{run.exitCode}</Code>
          )}
        </Item>
        <Item term="Host">{run.host ? <Code fz="sm">{run.host}</Code> : <Missing>Not reported</Missing>}</Item>
        <Item term="Program">{run.program ? <Code fz="sm">{run.program}</Code> : <Missing>Not reported</Missing>}</Item>
        <Item term="History lines">{run.historyLineCount.toLocaleString("en-US")}</Item>
        {run.tags.length > 0 && (
          <Item term="Tags" wide>
            <Group gap={6}>
              {run.tags.map((tag) => (
                <ContrastBadge key={tag} color="gray" tt="none">
                  {tag}
                </ContrastBadge>
              ))}
            </Group>
          </Item>
        )}
        {run.notes && (
          <Item term="Notes" wide>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {run.notes}
            </Text>
          </Item>
        )}
      </Box>
    </SettingsCard>
  );
}
