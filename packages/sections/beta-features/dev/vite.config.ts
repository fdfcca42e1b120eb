import { sectionDevConfig } from "@homebase/section-dev/vite";

/** `pnpm --filter @homebase/section-beta-features dev`, then open http://localhost:5180 (the API on port 3000). */
export default sectionDevConfig(import.meta.url, 5180);
