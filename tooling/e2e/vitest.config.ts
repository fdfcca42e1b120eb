import { withBase } from "@homebase/vitest-config";

/**
 * Browser tests against `npm start`. One file at a time: each starts the whole application
 * (API, worker, built shell) and a Chromium, which is plenty for two cores.
 */
export default withBase({
  test: {
    include: ["src/**/*.e2e.test.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 300_000,
  },
});
