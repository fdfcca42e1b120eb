import { IconBuilding, IconLink, IconMapPin, IconUsers } from "@tabler/icons-react";

/** Small outline icons for the profile facts (decorative: each fact is also labelled in text). */
type IconProps = { className?: string };

export const InstitutionIcon = ({ className }: IconProps) => (
  <IconBuilding className={className} size={16} aria-hidden="true" focusable="false" />
);
export const LocationIcon = ({ className }: IconProps) => (
  <IconMapPin className={className} size={16} aria-hidden="true" focusable="false" />
);
export const LinkIcon = ({ className }: IconProps) => (
  <IconLink className={className} size={16} aria-hidden="true" focusable="false" />
);
export const TeamIcon = ({ className }: IconProps) => (
  <IconUsers className={className} size={16} aria-hidden="true" focusable="false" />
);
