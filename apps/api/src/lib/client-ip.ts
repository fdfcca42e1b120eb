import { isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import proxyAddr from "proxy-addr";

/**
 * Which peers are reverse proxies whose `X-Forwarded-For` is believed: a predicate over an
 * address and its hop index, as Express's `trust proxy` (proxy-addr) takes it.
 */
export type TrustedProxies = (address: string, hop: number) => boolean;

/** No proxy is trusted: the client address is the socket's, and X-Forwarded-For is ignored. */
export const TRUST_NO_PROXY: TrustedProxies = () => false;

/**
 * TRUSTED_PROXIES, parsed: a comma-separated list of IP addresses, CIDR ranges (IPv4 or IPv6)
 * and proxy-addr's names `loopback` (127.0.0.1/8, ::1/128), `linklocal` (169.254.0.0/16,
 * fe80::/10) and `uniquelocal` (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7), or `*`
 * for every hop (only when every route to the API passes a proxy that sets the header).
 * Empty or unset: none.
 * @throws TypeError naming the entry that is neither an address, a range nor a name.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const entries = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return TRUST_NO_PROXY;
  if (entries.includes("*")) return () => true;
  return proxyAddr.compile(entries);
}

/**
 * The caller's address: the socket's peer, or — when that peer is a trusted proxy — the
 * nearest `X-Forwarded-For` hop that is not itself a trusted proxy (walking the header from
 * the right, as proxy-addr does), so a client cannot fake its address by sending the header;
 * the socket's address when that hop is not an IP address.
 * `"local"` for app.request() in tests, which has no socket.
 */
export function clientIp(c: Context, trusted: TrustedProxies): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket.
  }
  const forwardedFor = c.req.header("x-forwarded-for");
  if (!forwardedFor || trusted === TRUST_NO_PROXY) return peer ?? "local";
  const request = { headers: { "x-forwarded-for": forwardedFor }, connection: { remoteAddress: peer ?? "local" } };
  try {
    const address = proxyAddr(request as never, trusted);
    // A hop that is not an IP address ("unknown", junk a client slipped past the proxy) is not
    // an address to record or to count: keep the socket's.
    if (isIP(address) || address === peer) return address;
  } catch {
    // A malformed hop in the header: keep the socket's address.
  }
  return peer ?? "local";
}
