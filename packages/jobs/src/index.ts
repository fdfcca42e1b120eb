export * from "./definitions";
export * from "./outage";
export * from "./purges";
export * from "./queues";
export * from "./status";
export * from "./storage";
