import type { Bench } from "../lib/report";

export const storageFreshness: Bench = {
  name: "storage-freshness",
  title: "storage-freshness",
  async run() {
    throw new Error("not written yet");
  },
};
