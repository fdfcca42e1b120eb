export * from "./accounts";
export * from "./api-keys";
export * from "./beta-features";
export * from "./intro";
export * from "./secrets";
