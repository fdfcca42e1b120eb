export * from "./accounts";
export * from "./alerts";
export * from "./api-keys";
export * from "./beta-features";
export * from "./encryption";
export * from "./intro";
export * from "./secrets";
export * from "./slack";
