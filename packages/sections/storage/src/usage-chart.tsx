import { formatBytes } from "@homebase/ui";
import { Text } from "@mantine/core";
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import { chartPoints, type StorageUsage } from "./model";

const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric" });
const timeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

function ChartTooltip({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const point = payload?.[0]?.payload as { at: number; usedBytes: number } | undefined;
  if (!active || !point) return null;
  return (
    <div
      style={{
        background: "var(--mantine-color-body)",
        border: "1px solid var(--mantine-color-default-border)",
        borderRadius: 6,
        padding: "6px 10px",
        fontSize: 13,
      }}
    >
      <div>{timeFormat.format(point.at)}</div>
      <strong>{formatBytes(point.usedBytes, { maximumFractionDigits: 2 })}</strong>
    </div>
  );
}

/** What the chart shows, in words (the chart itself is hidden from assistive technology). */
function caption(first: { at: number; usedBytes: number } | undefined, from: number, usage: StorageUsage): string {
  const since = first && first.at > from + 86_400_000 ? `Recorded since ${dayFormat.format(first.at)}` : "Last 30 days";
  const quota = `the quota is ${formatBytes(usage.quotaBytes)}`;
  if (!first || first.usedBytes === usage.usedBytes) return `${since}: ${formatBytes(usage.usedBytes)}; ${quota}.`;
  return `${since}: from ${formatBytes(first.usedBytes)} to ${formatBytes(usage.usedBytes)} now; ${quota}.`;
}

/**
 * Usage over the last 30 days with the quota as a dashed line (recharts). Loaded lazily: recharts
 * is large, and the rest of the page does not need it. The chart is decorative for assistive
 * technology; the sentence under it says what it shows.
 */
export default function UsageChart({ usage }: { usage: StorageUsage }) {
  const now = Date.now();
  const { from, to, points } = chartPoints(usage, now);
  const max = Math.max(usage.quotaBytes, ...points.map((p) => p.usedBytes));
  // Gridlines at quarters of the quota (25, 50, 75, 100 %), continued above it when usage is higher.
  const step = usage.quotaBytes > 0 ? usage.quotaBytes / 4 : Math.max(1, max / 4);
  const ticks = Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
  const first = points[0];
  const last = points.at(-1);
  const color = "var(--mantine-color-blue-6)";
  return (
    <figure style={{ margin: 0 }}>
      <div style={{ width: "100%", height: 220 }} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={points} margin={{ top: 16, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" vertical={false} />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={[from, to]}
              tickFormatter={(at: number) => dayFormat.format(at)}
              tick={{ fill: "var(--mantine-color-dimmed)", fontSize: 12 }}
              stroke="var(--mantine-color-default-border)"
              minTickGap={24}
            />
            <YAxis
              domain={[0, Math.max(max * 1.08, ticks.at(-1) ?? 0)]}
              ticks={ticks}
              tickFormatter={(bytes: number) => formatBytes(bytes)}
              tick={{ fill: "var(--mantine-color-dimmed)", fontSize: 12 }}
              stroke="var(--mantine-color-default-border)"
              width={64}
            />
            <Tooltip content={ChartTooltip} />
            <ReferenceLine
              y={usage.quotaBytes}
              stroke="var(--mantine-color-red-7)"
              strokeDasharray="6 4"
              label={{
                value: `Quota ${formatBytes(usage.quotaBytes)}`,
                position: "insideTopRight",
                fill: "var(--mantine-color-red-7)",
                fontSize: 12,
              }}
            />
            <Area
              type="stepAfter"
              dataKey="usedBytes"
              stroke={color}
              fill={color}
              fillOpacity={0.15}
              strokeWidth={2}
              isAnimationActive={false}
              dot={false}
            />
            {last && <ReferenceDot x={last.at} y={last.usedBytes} r={4} fill={color} stroke="none" />}
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <Text component="figcaption" size="sm" c="dimmed" mt="xs">
        {caption(first, from, usage)}
      </Text>
    </figure>
  );
}
