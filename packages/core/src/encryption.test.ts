import { describe, expect, it } from "vitest";
import { decryptSecret, deriveEncryptionKey, encryptSecret } from "./encryption";

describe("secret encryption", () => {
  const key = deriveEncryptionKey("test secret key");

  it("round-trips and never shows the plaintext", () => {
    const url = "https://hooks.slack.com/services/T000/B000/XXXXXXXX";
    const sealed = encryptSecret(url, key);
    expect(sealed).not.toContain("hooks.slack.com");
    expect(sealed).not.toBe(encryptSecret(url, key));
    expect(decryptSecret(sealed, key)).toBe(url);
  });

  it("refuses another key and tampered ciphertext", () => {
    const sealed = encryptSecret("gho_token", key);
    expect(() => decryptSecret(sealed, deriveEncryptionKey("other"))).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("gho_tokeX").toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow();
    expect(() => decryptSecret("plain", key)).toThrow();
  });
});
