import { sectionDevConfig } from "@homebase/section-dev/vite";

/**
 * `pnpm --filter @homebase/section-account dev`, then open the address it prints. The API:
 * HOMEBASE_API_URL (default http://127.0.0.1:3000); the port: SECTION_DEV_PORT, else this section's own.
 */
export default sectionDevConfig(import.meta.url);
