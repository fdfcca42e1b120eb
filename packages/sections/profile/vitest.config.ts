import { withBase } from "@homebase/vitest-config";

// jsdom: BlockNote parses HTML with the DOM's parser.
export default withBase({ test: { environment: "jsdom" } });
