// Redis probing and the project-local redis-server of `npm start` (Node builtins only).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import tls from "node:tls";

/** Encodes a command in RESP, the Redis wire protocol. */
function resp(...args) {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join("")}`;
}

/**
 * Sends PING (after AUTH when the URL carries credentials) and resolves true on +PONG.
 * Never rejects: anything else — refused, timeout, auth error, not Redis — is false.
 */
export function pingRedis(url, timeoutMs = 1500) {
  return new Promise((resolve) => {
    let u;
    try {
      u = new URL(url);
    } catch {
      resolve(false);
      return;
    }
    const host = u.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1";
    const port = Number(u.port || 6379);
    const socket =
      u.protocol === "rediss:" ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    let buffer = "";
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on("error", () => done(false));
    socket.on(u.protocol === "rediss:" ? "secureConnect" : "connect", () => {
      const password = decodeURIComponent(u.password);
      const user = decodeURIComponent(u.username);
      let out = "";
      if (password) out += user ? resp("AUTH", user, password) : resp("AUTH", password);
      out += resp("PING");
      socket.write(out);
    });
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      if (buffer.startsWith("-")) return done(false);
      if (buffer.includes("+PONG\r\n")) return done(true);
    });
  });
}

/** Absolute path of `redis-server` on PATH, or undefined. */
export function findRedisServer(env = process.env) {
  const r = spawnSync("/bin/sh", ["-c", "command -v redis-server"], { encoding: "utf8", env });
  const path = r.stdout?.trim();
  return r.status === 0 && path ? path : undefined;
}

/**
 * Starts redis-server on 127.0.0.1:<port> with its files under `dir`. It runs in its own
 * process group so that a Ctrl-C or a group SIGTERM reaches the API and worker first; the
 * launcher stops it last, after they have closed their connections.
 */
export async function startRedisServer({ binary, dir, port = 6379, log }) {
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    binary,
    [
      "--bind",
      "127.0.0.1",
      "--port",
      String(port),
      "--dir",
      dir,
      "--dbfilename",
      "dump.rdb",
      "--save",
      "60 1",
      "--appendonly",
      "no",
      "--daemonize",
      "no",
      "--loglevel",
      "warning",
    ],
    { stdio: ["ignore", "inherit", "inherit"], detached: true },
  );
  const url = `redis://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let dead = false;
  exited.then(() => {
    dead = true;
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !dead) {
    if (await pingRedis(url, 500)) {
      log(`started redis-server on 127.0.0.1:${port} (data in ${dir})`);
      return { child, url, exited };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!dead) child.kill("SIGKILL");
  throw new Error(`redis-server did not answer on 127.0.0.1:${port} (is the port taken by something else?)`);
}
