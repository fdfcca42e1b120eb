import { withBase } from "@homebase/vitest-config";

// The scaffold test type-checks and tests a whole new section: minutes, not seconds, on a busy machine.
export default withBase({ test: { testTimeout: 240_000 } });
