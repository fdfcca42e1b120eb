/** The beta-feature catalogue. Adding a feature is adding an entry here; the UI lists them all. */
export interface BetaFeature {
  key: string;
  name: string;
  description: string;
}

export const BETA_FEATURES: readonly BetaFeature[] = [
  {
    key: "run-comparer-v2",
    name: "Run comparer v2",
    description: "Compare up to 20 runs side by side with synced charts, config diffs and highlighted metric changes.",
  },
  {
    key: "artifact-lineage-graph",
    name: "Artifact lineage graph",
    description: "Show an interactive graph of which runs produced and consumed each artifact version.",
  },
  {
    key: "keyboard-shortcuts",
    name: "Keyboard shortcuts everywhere",
    description: "Navigate workspaces, panels and run tables with the keyboard. Press ? to see every shortcut.",
  },
  {
    key: "storage-insights",
    name: "Storage insights",
    description: "Suggest artifact versions and run files that can be deleted to free the most storage.",
  },
] as const;

export function findBetaFeature(key: string): BetaFeature | undefined {
  return BETA_FEATURES.find((f) => f.key === key);
}
