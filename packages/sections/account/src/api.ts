import { api, unwrap } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

export const deletionCheckKey = ["me", "deletion-check"] as const;

/** Whether the account can be deleted now, and the teams that block it (`GET /me/deletion-check`). */
export function useDeletionCheck() {
  return useQuery({
    queryKey: deletionCheckKey,
    queryFn: () => unwrap(api.api.v1.me["deletion-check"].$get()),
    // Teams may have been handed over meanwhile (on the team page, or in another tab).
    staleTime: 0,
    refetchOnWindowFocus: true,
  });
}

/**
 * `DELETE /me`. Called directly, not through a react-query mutation: a wrong password answers
 * 401, and the shell treats a 401 seen by the query cache as a lost session.
 */
export async function deleteAccount(confirm: string, password: string): Promise<void> {
  await unwrap(api.api.v1.me.$delete({ json: { confirm, password } }));
}

const v1 = api.api.v1;

export const sessionsKey = ["me", "sessions"] as const;

/** The signed-in browsers of the account (`GET /me/sessions`), this one marked `current`. */
export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: fetchSessions, staleTime: 0, refetchOnWindowFocus: true });
}

function fetchSessions() {
  return unwrap(v1.me.sessions.$get());
}

export type Session = Awaited<ReturnType<typeof fetchSessions>>["items"][number];

/** `DELETE /me/sessions/:id`: signs that browser out. 404 when it had ended already. */
export async function endSession(id: string): Promise<void> {
  await unwrap(v1.me.sessions[":id"].$delete({ param: { id } }));
}

/**
 * `PUT /me/email`: the new address gets a verification link and is used once verified.
 * Direct calls (here and below): a wrong password answers 401, which the shell's query cache
 * would take for a lost session.
 */
export function changeEmail(email: string, password: string) {
  return unwrap(v1.me.email.$put({ json: { email, password } }));
}

export type EmailChange = Awaited<ReturnType<typeof changeEmail>>;

/** `PUT /me/password`: every other session ends. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await unwrap(v1.me.password.$put({ json: { currentPassword, newPassword } }));
}
