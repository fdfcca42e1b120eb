import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { API_KEY_LENGTH, base62Fixed, generateApiKey, parseApiKey } from "./api-keys";

// The wandb SDK's own check: 40+ characters of letters, digits and underscores, after an optional "prefix-".
const WANDB_KEY_RE = /^(?:[\w]+-)?\w{40,}$/;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("API keys", () => {
  it("look like hb_v1_<12 id>_<32 random + 6 checksum> and pass the wandb SDK's check", () => {
    const { key, id, secret } = generateApiKey();
    expect(key).toMatch(/^hb_v1_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}$/);
    expect(key.length).toBe(API_KEY_LENGTH);
    expect(key.length).toBeGreaterThanOrEqual(40);
    expect(key).toMatch(WANDB_KEY_RE);
    expect(key).toBe(`hb_v1_${id}_${secret}`);
  });

  it("round-trips generate → parse (property)", () => {
    fc.assert(
      fc.property(fc.integer(), () => {
        const generated = generateApiKey();
        expect(parseApiKey(generated.key)).toEqual({ id: generated.id, secret: generated.secret });
      }),
      { numRuns: 500 },
    );
  });

  it("fails the checksum after any single-character change (property)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...BASE62.split("")), (position, replacement) => {
        const { key } = generateApiKey();
        // Only the id and secret are base62; the prefix is checked literally.
        const index = 6 + (position % (key.length - 6));
        if (key[index] === "_" || key[index] === replacement) return;
        const changed = key.slice(0, index) + replacement + key.slice(index + 1);
        expect(parseApiKey(changed)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects a wrong prefix, a wrong length and bad characters", () => {
    const { key } = generateApiKey();
    expect(parseApiKey(key.replace("hb_v1_", "hb_v2_"))).toBeNull();
    expect(parseApiKey(key.replace("hb_v1_", "xx_v1_"))).toBeNull();
    expect(parseApiKey(key.slice(0, -1))).toBeNull();
    expect(parseApiKey(`${key}a`)).toBeNull();
    expect(parseApiKey(`${key.slice(0, 20)}-${key.slice(21)}`)).toBeNull();
    expect(parseApiKey(`${key.slice(0, 20)}é${key.slice(21)}`)).toBeNull();
    expect(parseApiKey("")).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        expect(parseApiKey(s)).toBeNull();
      }),
    );
  });

  it("renders checksums in six base62 digits", () => {
    expect(base62Fixed(0, 6)).toBe("000000");
    expect(base62Fixed(0xffffffff, 6)).toMatch(/^[0-9A-Za-z]{6}$/);
  });
});
