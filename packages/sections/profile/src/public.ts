/**
 * `@homebase/section-profile/public`: what the shell's public profile page (/u/:username)
 * shares with this section, so the intro looks the same in both places and one cache entry
 * serves both. Nothing here loads the intro editor.
 */
export { fetchPublicProfile, type PublicProfile, profileKeys } from "./api";
export { ProfileAvatar, type ProfileAvatarProps } from "./avatar/profile-avatar";
export { EDIT_INTRO_SEARCH } from "./intro/edit-intro-link";
export { IntroContent, type IntroContentProps } from "./intro/intro-content";
