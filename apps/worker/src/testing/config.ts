import { randomBytes } from "node:crypto";
import { defineWorkerConfig, type WorkerConfig, type WorkerConfigInput } from "../config";

/** A worker config for tests: a fresh encryption key, fast retries, and whatever the test overrides. */
export function testWorkerConfig(input: Partial<WorkerConfig> & Pick<WorkerConfigInput, "dataDir">): WorkerConfig {
  return defineWorkerConfig({
    encryptionKey: randomBytes(32),
    publicUrl: "http://homebase.test",
    deliveryRetryBaseMs: 200,
    ...input,
  });
}
