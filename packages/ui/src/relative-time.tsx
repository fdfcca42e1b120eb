import { useEffect, useState } from "react";
import { formatRelativeTime } from "./format-relative-time";

export interface RelativeTimeProps {
  /** An ISO-8601 string (as the API sends), a Date or epoch milliseconds. */
  date: string | Date | number;
}

/**
 * "3 hours ago" in a `<time>` element whose `dateTime` and hover title carry
 * the exact ISO time. Refreshes every 30 seconds while mounted.
 */
export function RelativeTime({ date }: RelativeTimeProps) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const parsed = new Date(date);
  if (Number.isNaN(parsed.getTime())) return <span>unknown time</span>;
  const iso = parsed.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {formatRelativeTime(parsed, now)}
    </time>
  );
}
