export * from "./client";
export { type Dialect, dialectOf, type Tables, tables } from "./dialect";
export * from "./env";
export * from "./errors";
export * from "./queries";
export * as schema from "./schema";
export * from "./secret-key";
export * from "./shapes";
