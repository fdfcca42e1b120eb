/**
 * The child side of NodeProcess.call: `serve({ cmd: async (args) => result })`. Each
 * command's answer (or error) goes back with the caller's id.
 */
export function serve(handlers: Record<string, (args: never) => Promise<unknown> | unknown>): void {
  if (!process.send) throw new Error("this script runs as a child of the bench (with an IPC channel)");
  process.on("message", async (message: { id: number; cmd: string; args: unknown }) => {
    const handler = handlers[message.cmd];
    try {
      if (!handler) throw new Error(`unknown command ${message.cmd}`);
      const result = await handler(message.args as never);
      process.send?.({ id: message.id, ok: true, result });
    } catch (error) {
      process.send?.({ id: message.id, ok: false, error: (error as Error)?.stack ?? String(error) });
    }
  });
  // The bench going away (its IPC channel closing) ends the child too.
  process.on("disconnect", () => process.exit(0));
  // A normal exit on SIGTERM, so that --cpu-prof writes its profile.
  process.on("SIGTERM", () => process.exit(0));
}
