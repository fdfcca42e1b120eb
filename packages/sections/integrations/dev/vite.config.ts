import { sectionDevConfig } from "@homebase/section-dev/vite";

/** `pnpm --filter @homebase/section-integrations dev`, then open http://localhost:5183 (the API on port 3000). */
export default sectionDevConfig(import.meta.url, 5183);
