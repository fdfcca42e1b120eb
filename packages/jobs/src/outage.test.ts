import { describe, expect, it } from "vitest";
import { createOutageReporter, isConnectionError } from "./outage";

describe("Redis outage reporting", () => {
  it("logs an outage once however many attempts fail, and once when Redis is back", () => {
    const lines: string[] = [];
    const logger = {
      warn: (_: object, msg: string) => lines.push(`warn ${msg}`),
      info: (_: object, msg: string) => lines.push(`info ${msg}`),
    };
    const outage = createOutageReporter(logger, "worker");
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" });
    for (let i = 0; i < 50; i++) expect(outage.error(refused)).toBe(true);
    expect(outage.down).toBe(true);
    outage.ready();
    outage.ready();
    expect(lines).toEqual([
      "warn worker: Redis is unreachable; retrying quietly until it answers",
      "info worker: Redis answers again",
    ]);
    expect(outage.error(new Error("ERR wrong number of arguments"))).toBe(false);
  });

  it("tells connection failures from other errors", () => {
    expect(isConnectionError(new Error("Connection is closed."))).toBe(true);
    expect(isConnectionError(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe(true);
    expect(isConnectionError(new Error("Missing lock for job 1"))).toBe(false);
  });
});
