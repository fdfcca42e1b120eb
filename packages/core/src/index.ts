export * from "./accounts";
export * from "./beta-features";
export * from "./secrets";
