import { type CSSProperties, useState } from "react";
import classes from "./user-avatar.module.css";

/**
 * Backgrounds for initials: the 9th shade of each, so that white initials keep at least 4.5:1
 * contrast (Mantine's own "initials" colours include lime and yellow, which do not).
 */
const INITIALS_COLORS = ["blue", "cyan", "teal", "green", "grape", "violet", "indigo", "pink", "red"] as const;

/** The same colour for a name every time, spread over {@link INITIALS_COLORS}. */
export function initialsColor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return `${INITIALS_COLORS[hash % INITIALS_COLORS.length]}.9`;
}

export interface UserAvatarProps {
  /** The uploaded picture, if any. */
  src: string | null | undefined;
  /** The person's name, else their username: gives the initials and their colour. */
  name: string;
  size?: number;
}

/** Two letters, as Mantine's avatars have them: "Ada Lovelace" → "AL", "ada" → "AD". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return (words[0] ?? "").slice(0, 2).toUpperCase();
  return words
    .slice(0, 2)
    .map((word) => word[0])
    .join("")
    .toUpperCase();
}

/**
 * The signed-in user's round picture, or their initials on a coloured circle. Decorative:
 * the control it sits in carries the name. The initials are drawn by CSS (`data-initials`), not
 * text, so they are not read as, nor checked against, the control's name ("Account menu for …").
 * Drawn as Mantine's filled round Avatar looks (`user-avatar.module.css`), without its code (group
 * context, placeholder icon, its own initials and colours): it is in the shell's first download.
 * A picture that fails to load gives way to the initials, as Mantine's does.
 */
export function UserAvatar({ src, name, size = 32 }: UserAvatarProps) {
  const [failed, setFailed] = useState<string | null>(null);
  const style = {
    "--avatar-size": `calc(${size / 16}rem * var(--mantine-scale))`,
    "--avatar-bg": `var(--mantine-color-${initialsColor(name).replace(".", "-")})`,
  } as CSSProperties;
  return (
    <span className={classes.root} style={style} aria-hidden="true" data-testid="user-avatar">
      {src && src !== failed ? (
        <img className={classes.image} src={src} alt="" onError={() => setFailed(src)} />
      ) : (
        <span className={classes.placeholder}>
          <span className={classes.initials} data-initials={initials(name)} />
        </span>
      )}
    </span>
  );
}
