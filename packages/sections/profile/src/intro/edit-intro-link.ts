/** `/settings/profile` + this opens the intro editor at once (the public page's Edit button). */
export const EDIT_INTRO_SEARCH = "?edit=intro";

/** Whether the page was opened to edit the intro. */
export function isEditIntroRequested(): boolean {
  const location = globalThis.location;
  return location !== undefined && new URLSearchParams(location.search).get("edit") === "intro";
}

/** Removes the marker from the address, so a reload does not reopen the editor. */
export function clearEditIntroRequest(): void {
  const { location, history } = globalThis;
  if (!location || !history) return;
  const params = new URLSearchParams(location.search);
  if (!params.has("edit")) return;
  params.delete("edit");
  const search = params.toString();
  // Keep the router's own history state (its entry key); only the address changes.
  history.replaceState(history.state, "", `${location.pathname}${search ? `?${search}` : ""}${location.hash}`);
}
