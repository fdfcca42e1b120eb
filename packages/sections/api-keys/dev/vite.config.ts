import { sectionDevConfig } from "@homebase/section-dev/vite";

/** `pnpm --filter @homebase/section-api-keys dev`, then open http://localhost:5181 (the API on port 3000). */
export default sectionDevConfig(import.meta.url, 5181);
