export * from "./client";
export * from "./errors";
export * from "./secret-key";
export * from "./queries";
export * as schema from "./schema";
