import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new random token of 256 bits, base64url encoded (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The hex SHA-256 digest under which a token is stored; the token itself never is. */
export function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
