import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small local GitHub that speaks the real OAuth web flow and REST protocol for the paths
 * Homebase uses: the authorize page, POST /login/oauth/access_token, GET /api/v3/user and
 * DELETE /api/v3/applications/{client_id}/token (GitHub Enterprise Server layout), and the
 * secret-scanning partner keys at GET /api/v3/meta/public_keys/secret_scanning (also without the
 * /api/v3 prefix, as api.github.com serves it). Tests point GITHUB_BASE_URL at it; the production
 * code is unchanged.
 */
export interface FakeGithub {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Tokens issued and not revoked. */
  liveTokens: Set<string>;
  revoked: string[];
  /** Every request, "METHOD /path", in order. */
  requests: string[];
  /** Issues a code for the next exchange, as the authorize page does when the user approves. */
  issueCode(scopes?: string): string;
  /**
   * Signs a secret-scanning payload as GitHub does: ECDSA P-256 with SHA-256 over the exact body
   * bytes, DER-encoded and base64'd. `signature` goes in GITHUB-PUBLIC-KEY-SIGNATURE and
   * `keyIdentifier` in GITHUB-PUBLIC-KEY-IDENTIFIER.
   */
  signSecretScanning(body: string | Buffer): { signature: string; keyIdentifier: string };
  /**
   * Replaces the current secret-scanning key with a new P-256 key pair, as GitHub rotates its
   * keys: the old key stays published (is_current false). Returns the new key's identifier.
   */
  rotateSecretScanningKey(): string;
  close(): Promise<void>;
}

/** One published secret-scanning key: GitHub's `{ key_identifier, key (PEM), is_current }`. */
interface SecretScanningKey {
  keyIdentifier: string;
  privateKey: KeyObject;
  publicPem: string;
}

/** A fresh P-256 key pair; its identifier is the hex SHA-256 of the public key's DER (GitHub's form). */
function newSecretScanningKey(): SecretScanningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const der = publicKey.export({ type: "spki", format: "der" });
  return {
    keyIdentifier: createHash("sha256").update(der).digest("hex"),
    privateKey,
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export interface FakeGithubUser {
  login: string;
  id: number;
  avatar_url: string;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": typeof body === "string" ? "text/html; charset=utf-8" : "application/json",
    ...headers,
  });
  res.end(text);
}

export async function startFakeGithub(
  options: { user?: FakeGithubUser; clientId?: string; clientSecret?: string } = {},
): Promise<FakeGithub> {
  const user = options.user ?? { login: "octo-ada", id: 4242, avatar_url: "https://avatars.example/octo-ada.png" };
  const clientId = options.clientId ?? "Iv1.fakeclient";
  const clientSecret = options.clientSecret ?? "fake-client-secret";
  const codes = new Map<string, string>();
  const liveTokens = new Set<string>();
  const revoked: string[] = [];
  const requests: string[] = [];
  // Newest first: the first is the current key.
  const scanningKeys: SecretScanningKey[] = [newSecretScanningKey()];

  const issueCode = (scopes = "read:user,read:org") => {
    const code = randomBytes(10).toString("hex");
    codes.set(code, scopes);
    return code;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    requests.push(`${req.method} ${url.pathname}`);
    try {
      if (req.method === "GET" && url.pathname === "/login/oauth/authorize") {
        const redirect = url.searchParams.get("redirect_uri") ?? "";
        const state = url.searchParams.get("state") ?? "";
        if (url.searchParams.get("client_id") !== clientId) return send(res, 404, "<h1>Unknown application</h1>");
        if (url.searchParams.get("approve") === "1") {
          const target = new URL(redirect);
          target.searchParams.set("code", issueCode(url.searchParams.get("scope") ?? ""));
          target.searchParams.set("state", state);
          res.writeHead(302, { location: target.toString() });
          return res.end();
        }
        if (url.searchParams.get("deny") === "1") {
          const target = new URL(redirect);
          target.searchParams.set("error", "access_denied");
          target.searchParams.set("state", state);
          res.writeHead(302, { location: target.toString() });
          return res.end();
        }
        const approve = new URL(url);
        approve.searchParams.set("approve", "1");
        const deny = new URL(url);
        deny.searchParams.set("deny", "1");
        return send(
          res,
          200,
          `<!doctype html><html lang="en"><head><title>Authorize Homebase</title></head><body><main>
<h1>Authorize Homebase</h1><p>Homebase wants to read your profile (${user.login}).</p>
<fieldset><legend>Organization access</legend><label><input type="checkbox" name="org" checked> ml-research</label></fieldset>
<p><a id="authorize" href="${approve.pathname}${approve.search}">Authorize</a> <a id="cancel" href="${deny.pathname}${deny.search}">Cancel</a></p>
</main></body></html>`,
        );
      }
      if (req.method === "POST" && url.pathname === "/login/oauth/access_token") {
        const raw = await readBody(req);
        const params = (req.headers["content-type"] ?? "").includes("json")
          ? (JSON.parse(raw) as Record<string, string>)
          : Object.fromEntries(new URLSearchParams(raw));
        if (params.client_id !== clientId || params.client_secret !== clientSecret) {
          return send(res, 200, {
            error: "incorrect_client_credentials",
            error_description: "The client_id and/or client_secret passed are incorrect.",
            error_uri: "https://docs.github.com",
          });
        }
        const scopes = params.code ? codes.get(params.code) : undefined;
        if (scopes === undefined) {
          return send(res, 200, {
            error: "bad_verification_code",
            error_description: "The code passed is incorrect or expired.",
            error_uri: "https://docs.github.com",
          });
        }
        codes.delete(params.code!);
        const token = `gho_${randomBytes(18).toString("base64url")}`;
        liveTokens.add(token);
        return send(res, 200, { access_token: token, token_type: "bearer", scope: scopes });
      }
      if (req.method === "GET" && url.pathname === "/api/v3/user") {
        const token = (req.headers.authorization ?? "").replace(/^(token|bearer)\s+/i, "");
        if (!liveTokens.has(token)) return send(res, 401, { message: "Bad credentials" });
        return send(res, 200, user);
      }
      if (
        req.method === "GET" &&
        (url.pathname === "/api/v3/meta/public_keys/secret_scanning" ||
          url.pathname === "/meta/public_keys/secret_scanning")
      ) {
        return send(res, 200, {
          public_keys: scanningKeys.map((k, i) => ({
            key_identifier: k.keyIdentifier,
            key: k.publicPem,
            is_current: i === 0,
          })),
        });
      }
      const revoke = /^\/api\/v3\/applications\/([^/]+)\/token$/.exec(url.pathname);
      if (req.method === "DELETE" && revoke) {
        const basic = Buffer.from((req.headers.authorization ?? "").replace(/^basic\s+/i, ""), "base64").toString();
        if (revoke[1] !== clientId || basic !== `${clientId}:${clientSecret}`)
          return send(res, 404, { message: "Not Found" });
        const { access_token } = JSON.parse((await readBody(req)) || "{}") as { access_token?: string };
        if (!access_token || !liveTokens.delete(access_token)) return send(res, 404, { message: "Not Found" });
        revoked.push(access_token);
        res.writeHead(204);
        return res.end();
      }
      return send(res, 404, { message: "Not Found" });
    } catch (error) {
      return send(res, 500, { message: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    liveTokens,
    revoked,
    requests,
    issueCode,
    signSecretScanning(body) {
      const current = scanningKeys[0]!;
      const signature = sign("sha256", typeof body === "string" ? Buffer.from(body, "utf8") : body, {
        key: current.privateKey,
        dsaEncoding: "der",
      });
      return { signature: signature.toString("base64"), keyIdentifier: current.keyIdentifier };
    },
    rotateSecretScanningKey() {
      scanningKeys.unshift(newSecretScanningKey());
      return scanningKeys[0]!.keyIdentifier;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
