import { randomUUID } from "node:crypto";
import { API_SERVER, REDIS_URL } from "./paths";
import { freePort, type NodeProcess, startNode, waitForHttp } from "./proc";

export interface ApiProcess {
  proc: NodeProcess;
  port: number;
  /** http://127.0.0.1:PORT, also its PUBLIC_URL (the Origin cookie requests carry). */
  origin: string;
  stop(): Promise<void>;
}

/** The real API (apps/api/src/server.ts) in its own process, on DATA_DIR, waiting for /readyz. */
export async function startApi(o: {
  dataDir: string;
  prefix: string;
  logLevel?: string;
  env?: Record<string, string | undefined>;
  nodeArgs?: string[];
}): Promise<ApiProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const proc = startNode("api", API_SERVER, {
    nodeArgs: o.nodeArgs,
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      PUBLIC_URL: origin,
      DATA_DIR: o.dataDir,
      QUEUE_PREFIX: o.prefix,
      REDIS_URL,
      LOG_LEVEL: o.logLevel ?? "warn",
      // SQLite in DATA_DIR unless the bench says otherwise, whatever the shell running it has set.
      DATABASE_URL: undefined,
      ...o.env,
    },
  });
  await waitForHttp(`${origin}/readyz`, proc, 60_000);
  return { proc, port, origin, stop: () => proc.stop() };
}

export interface Account {
  username: string;
  userId: string;
  /** "hb_session=…" */
  cookie: string;
  apiKey: string;
}

async function json(res: Response, what: string) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Signs a user up through the API and creates an API key with its session, as a person would. */
export async function createAccount(origin: string, username = `bench-${randomUUID().slice(0, 8)}`): Promise<Account> {
  const signup = await fetch(`${origin}/api/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, email: `${username}@example.com`, password: "correct horse battery staple" }),
  });
  const cookie = /hb_session=[^;]+/.exec(signup.headers.get("set-cookie") ?? "")?.[0];
  const { user } = await json(signup, "signup");
  if (!cookie) throw new Error("signup set no session cookie");
  const created = await fetch(`${origin}/api/v1/me/api-keys`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin },
    body: JSON.stringify({ name: "bench" }),
  });
  const { key } = await json(created, "create API key");
  return { username, userId: user.id, cookie, apiKey: key };
}

export { json as readJson };
