export * from "./client";
export * from "./errors";
export * from "./queries";
export * as schema from "./schema";
export * from "./secret-key";
