import { Avatar, type AvatarProps } from "@mantine/core";

export interface ProfileAvatarProps extends Pick<AvatarProps, "size" | "className"> {
  src: string | null | undefined;
  /** The person's name or username: gives the initials shown without a picture. */
  name: string;
  /** Empty when the name is written next to it. */
  alt: string;
}

/** A round profile picture, or the person's initials when there is none. */
export function ProfileAvatar({ src, name, alt, size, className }: ProfileAvatarProps) {
  return (
    <Avatar src={src || null} alt={alt} name={name} color="initials" size={size} radius={1000} className={className} />
  );
}
