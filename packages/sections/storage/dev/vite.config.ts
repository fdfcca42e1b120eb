import { sectionDevConfig } from "@homebase/section-dev/vite";

/** `pnpm --filter @homebase/section-storage dev`, then open http://localhost:5184 (the API on port 3000). */
export default sectionDevConfig(import.meta.url, 5184);
