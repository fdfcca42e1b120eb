import { withBase } from "@homebase/vitest-config";

export default withBase();
