import type { Bench } from "../lib/report";

export const alertsThroughput: Bench = {
  name: "alerts-throughput",
  title: "alerts-throughput",
  async run() {
    throw new Error("not written yet");
  },
};
