import { withBase } from "@homebase/vitest-config";
import react from "@vitejs/plugin-react";

export default withBase({
  plugins: [react()],
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
  },
});
