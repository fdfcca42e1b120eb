export * from "./beta-features";
export * from "./org-settings";
export * from "./sessions";
export * from "./users";
