import { sectionDevConfig } from "@homebase/section-dev/vite";

/** `pnpm --filter @homebase/section-profile dev`, then open http://localhost:5185 (the API on port 3000). */
export default sectionDevConfig(import.meta.url, 5185);
