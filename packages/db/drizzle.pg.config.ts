import { defineConfig } from "drizzle-kit";

/**
 * The PostgreSQL twin of drizzle.config.ts: `pnpm generate:pg` writes drizzle-pg/ (after
 * regenerating src/schema-pg from src/schema, as `pnpm generate` does for both dialects).
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema-pg/index.ts",
  out: "./drizzle-pg",
  casing: "snake_case",
});
