import { STORAGE_KINDS, type StorageKind } from "@homebase/core";
import { rng } from "./stats";

export interface IngestObject {
  kind: StorageKind;
  path: string;
  size: number;
  digest: string;
}

/**
 * The `count` objects starting at `offset` of one deterministic stream: the baseline and the
 * API get exactly the same rows. About 20 % repeat an earlier digest (same size).
 */
export function ingestObjects(offset: number, count: number): IngestObject[] {
  const random = rng(7919 + offset);
  const out: IngestObject[] = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const repeat = n > 0 && random() < 0.2;
    const source = repeat ? Math.floor(random() * n) : n;
    const r = rng(source + 1);
    const size = Math.round(Math.exp(Math.log(200_000) + 2 * (r() + r() + r() - 1.5)));
    out.push({
      kind: STORAGE_KINDS[Math.floor(random() * STORAGE_KINDS.length)]!,
      path: `runs/r${Math.floor(n / 1000)}/files/f${n}.bin`,
      size,
      digest: `${Math.floor(r() * 2 ** 32).toString(16)}${Math.floor(r() * 2 ** 32).toString(16)}${source.toString(16)}`,
    });
  }
  return out;
}
