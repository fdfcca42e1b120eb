import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIp, parseTrustedProxies, TRUST_NO_PROXY, type TrustedProxies } from "./client-ip";

// A real socket from 127.0.0.1, as the API sees a reverse proxy on the same host.
let server: ServerType;
let origin: string;
let trusted: TrustedProxies = TRUST_NO_PROXY;

beforeAll(async () => {
  const app = new Hono().get("/ip", (c) => c.text(clientIp(c, trusted)));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function ipFor(trustedProxies: string | undefined, forwardedFor?: string): Promise<string> {
  trusted = parseTrustedProxies(trustedProxies);
  const res = await fetch(`${origin}/ip`, { headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} });
  return (await res.text()).replace(/^::ffff:/, "");
}

describe("the client address (TRUSTED_PROXIES)", () => {
  it("is the socket's by default, whatever X-Forwarded-For says", async () => {
    expect(await ipFor(undefined)).toBe("127.0.0.1");
    expect(await ipFor(undefined, "203.0.113.9")).toBe("127.0.0.1");
    expect(await ipFor("", "203.0.113.9")).toBe("127.0.0.1");
  });

  it("is taken from X-Forwarded-For only when the socket's peer is a trusted proxy", async () => {
    expect(await ipFor("loopback", "203.0.113.9")).toBe("203.0.113.9");
    expect(await ipFor("127.0.0.1", "203.0.113.9")).toBe("203.0.113.9");
    expect(await ipFor("127.0.0.0/8", "203.0.113.9")).toBe("203.0.113.9");
    // The peer (127.0.0.1) is not in the list: the header is the client's own word.
    expect(await ipFor("10.0.0.0/8, 192.168.1.7", "203.0.113.9")).toBe("127.0.0.1");
  });

  it("stops at the nearest hop that is not a trusted proxy, so a client cannot fake its address", async () => {
    // The client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended the client's real address.
    expect(await ipFor("loopback", "198.51.100.1, 203.0.113.9")).toBe("203.0.113.9");
    // Two proxies in a row, both trusted: the hop before them.
    expect(await ipFor("loopback, 10.0.0.0/8", "203.0.113.9, 10.1.2.3")).toBe("203.0.113.9");
    expect(await ipFor("loopback", "203.0.113.9, 10.1.2.3")).toBe("10.1.2.3");
    expect(await ipFor("loopback", "2001:db8::1")).toBe("2001:db8::1");
  });

  it("keeps the socket's address when the hop it would take is not an IP address", async () => {
    expect(await ipFor("loopback", "not-an-ip")).toBe("127.0.0.1");
    expect(await ipFor("loopback", "9".repeat(500))).toBe("127.0.0.1");
    expect(await ipFor("*", "unknown, 203.0.113.9")).toBe("127.0.0.1");
  });

  it("trusts every hop with *, and takes the first one", async () => {
    expect(await ipFor("*", "198.51.100.1, 203.0.113.9")).toBe("198.51.100.1");
  });

  it("refuses an entry that is neither an address, a range nor a name", () => {
    expect(() => parseTrustedProxies("loopback, proxy.example.com")).toThrow(/proxy\.example\.com/);
    expect(() => parseTrustedProxies("10.0.0.0/99")).toThrow();
  });
});
