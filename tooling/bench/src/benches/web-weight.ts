import type { Bench } from "../lib/report";

export const webWeight: Bench = {
  name: "web-weight",
  title: "web-weight",
  async run() {
    throw new Error("not written yet");
  },
};
