import { withDialects } from "@homebase/vitest-config";

// Every test file runs once on SQLite and once on PostgreSQL (HOMEBASE_TEST_DIALECTS picks one).
export default withDialects();
