const DIVISIONS: { amount: number; unit: Intl.RelativeTimeFormatUnit }[] = [
  { amount: 60, unit: "second" },
  { amount: 60, unit: "minute" },
  { amount: 24, unit: "hour" },
  { amount: 7, unit: "day" },
  { amount: 4.34524, unit: "week" },
  { amount: 12, unit: "month" },
  { amount: Number.POSITIVE_INFINITY, unit: "year" },
];

/**
 * "3 hours ago", "in 2 days", "just now" (under 45 seconds either way).
 * `now` is injectable for tests.
 */
export function formatRelativeTime(
  date: Date | string | number,
  now: Date | number = Date.now(),
  locale = "en",
): string {
  const then = new Date(date).getTime();
  if (Number.isNaN(then)) return "unknown time";
  let duration = (then - new Date(now).getTime()) / 1000;
  if (Math.abs(duration) < 45) return "just now";
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  // Round the magnitude, so that 90 s is "2 minutes" both ago and ahead (Math.round(-1.5) is -1).
  const round = (value: number) => Math.sign(value) * Math.round(Math.abs(value));
  for (const division of DIVISIONS) {
    if (Math.abs(round(duration)) < division.amount) return format.format(round(duration), division.unit);
    duration /= division.amount;
  }
  return format.format(round(duration), "year");
}
