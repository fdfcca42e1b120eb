/**
 * `@homebase/ui/dialogs`: the dialog parts only pages opened later need. A subpath of its own,
 * not the main entry, because the shell imports the main entry at start-up and the bundler
 * puts everything reachable from it into the shell's initial chunk (Modal included).
 */
export { ConfirmPanel, type ConfirmPanelProps } from "./confirm-panel";
export { Dialog } from "./dialog";
export { ShowOnceKey, type ShowOnceKeyProps } from "./show-once-key";
