/** Small outline icons for the profile facts (decorative: each fact is also labelled in text). */
function Icon({ d, className }: { d: string; className?: string }) {
  return (
    <svg
      className={className}
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} />
    </svg>
  );
}

export const InstitutionIcon = ({ className }: { className?: string }) => (
  <Icon className={className} d="M3 21h18M5 21V10l7-5 7 5v11M9 21v-6h6v6M9 10h.01M15 10h.01" />
);
export const LocationIcon = ({ className }: { className?: string }) => (
  <Icon
    className={className}
    d="M12 21s-7-6.2-7-11.5A7 7 0 0 1 19 9.5C19 14.8 12 21 12 21zM12 12a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z"
  />
);
export const LinkIcon = ({ className }: { className?: string }) => (
  <Icon
    className={className}
    d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"
  />
);
export const TeamIcon = ({ className }: { className?: string }) => (
  <Icon
    className={className}
    d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM22 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8"
  />
);
