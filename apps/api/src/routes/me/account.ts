import { deleteAccount, soleMemberTeams, teamsBlockingLeave } from "@homebase/db";
import { enqueuePurgeAccount } from "@homebase/jobs";
import { createRoute } from "@hono/zod-openapi";
import { boundedWait } from "../../lib/bounded";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";
import { requireSession } from "../../middleware/with-auth";
import { sendAccountEmail } from "../../services/account-emails";
import { verifyPassword } from "../../services/passwords";

const BlockingTeams = z.array(z.object({ name: z.string(), displayName: z.string() }));

const check = createRoute({
  method: "get",
  path: "/deletion-check",
  tags: ["Account"],
  summary: "Whether the account can be deleted now, which teams block it, and which go with it",
  responses: {
    200: jsonResponse(
      z.object({
        deletable: z.boolean(),
        blockingTeams: BlockingTeams,
        teamsToDelete: BlockingTeams.openapi({
          description: "Teams whose only member you are: deleted with the account",
        }),
      }),
      "Check",
    ),
    ...problems(401),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/",
  tags: ["Account"],
  summary: "Delete your account (browser session only); cannot be undone",
  middleware: [requireSession] as const,
  request: {
    body: jsonBody(
      z.object({ confirm: z.string().max(64), password: z.string().min(1, "Enter your password.").max(256) }),
    ),
  },
  responses: {
    202: jsonResponse(z.object({ status: z.literal("deleting") }), "Deleted; data is purged shortly"),
    ...problems(401, 403, 409, 422),
  },
});

export function accountRouter() {
  return createRouter<AuthedEnv>()
    .openapi(check, async (c) => {
      const userId = c.var.principal.user.id;
      const blockingTeams = await teamsBlockingLeave(c.var.deps.db, userId);
      const teamsToDelete = (await soleMemberTeams(c.var.deps.db, userId)).map(({ name, displayName }) => ({
        name,
        displayName,
      }));
      return c.json({ deletable: blockingTeams.length === 0, blockingTeams, teamsToDelete }, 200);
    })
    .openapi(remove, async (c) => {
      const { db, clock, queues, logger } = c.var.deps;
      const user = c.var.principal.user;
      const body = c.req.valid("json");
      if (body.confirm.trim().toLowerCase() !== user.username) {
        throw new HttpProblem(422, "Type your username to confirm.", {
          errors: [{ path: "confirm", message: `Type ${user.username} to confirm.` }],
        });
      }
      if (!(await verifyPassword(user.passwordHash, body.password))) {
        throw new HttpProblem(401, "The password is not correct.", {
          errors: [{ path: "password", message: "The password is not correct." }],
        });
      }
      const result = await deleteAccount(db, { userId: user.id, now: clock.now() });
      if (!result.ok) {
        const names = result.teams.map((t) => t.name).join(", ");
        throw new HttpProblem(
          409,
          `You are the last admin of ${names}, which still has other members. Make another member an admin, or remove the members, first.`,
          {
            extensions: { teams: result.teams },
          },
        );
      }
      // The purge row is in the database: if this enqueue fails, the sweeper starts the purge.
      await boundedWait(enqueuePurgeAccount(queues, user.id)).catch((err: Error) =>
        logger.warn({ err: err.message }, "purge not enqueued; the sweeper will start it"),
      );
      await sendAccountEmail(c.var.deps, { kind: "account-deleted", to: user.email, username: user.username });
      return c.json({ status: "deleting" as const }, 202);
    });
}
