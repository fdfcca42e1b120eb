import type { Bench } from "../lib/report";

export const storageIngest: Bench = {
  name: "storage-ingest",
  title: "storage-ingest",
  async run() {
    throw new Error("not written yet");
  },
};
