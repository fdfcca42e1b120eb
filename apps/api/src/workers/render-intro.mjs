// The file Piscina loads in each intro render thread. It is JavaScript so that a bare Node
// thread can load it: under `tsx` (npm start, npm run dev) the thread inherits tsx's loader
// from the process's execArgv, under vitest or plain `node` it does not, and then tsx's
// loader is registered here (for this thread) before the TypeScript task is imported.
let task;
try {
  task = await import("./render-intro.ts");
} catch (error) {
  if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
  const { register } = await import("tsx/esm/api");
  register();
  // A new URL, so the failed load above is not served from the module cache.
  task = await import("./render-intro.ts?tsx");
}

export default task.default;
