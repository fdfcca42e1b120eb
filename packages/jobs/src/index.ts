export * from "./definitions";
export * from "./outage";
export * from "./queues";
