export * from "./beta-features";
export * from "./entities";
export * from "./org-settings";
export * from "./projects";
export * from "./sessions";
export * from "./teams";
export * from "./user-settings";
export * from "./users";
