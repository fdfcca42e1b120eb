/** The intro card's heading, the same whether it shows the intro or the editor. */
export const INTRO_CARD = {
  title: "Intro",
  description: "The first thing people see on your public profile. Written in Markdown.",
} as const;
