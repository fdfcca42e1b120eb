/** `/settings/profile` + this opens the intro editor at once (the public page's Edit button). */
export const EDIT_INTRO_SEARCH = "?edit=intro";

/** Whether the page was opened to edit the intro; removes the marker so a reload does not reopen it. */
export function takeEditIntroRequest(): boolean {
  const { location, history } = globalThis;
  if (!location || new URLSearchParams(location.search).get("edit") !== "intro") return false;
  const params = new URLSearchParams(location.search);
  params.delete("edit");
  const search = params.toString();
  // Keep the router's own history state (its entry key), only the address changes.
  history.replaceState(history.state, "", `${location.pathname}${search ? `?${search}` : ""}${location.hash}`);
  return true;
}
