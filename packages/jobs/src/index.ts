export * from "./definitions";
export * from "./queues";
