import { type Me, queryKeys } from "@homebase/settings-kit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  fetchPublicProfile,
  type ProfilePatch,
  type PublicProfile,
  profileKeys,
  removeAvatar,
  saveIntro,
  updateProfile,
  uploadAvatar,
} from "./api";

/** The public view of a profile; the settings page reads the owner's rendered intro from it. */
export function usePublicProfile(username: string | undefined) {
  return useQuery({
    queryKey: profileKeys.publicProfile(username ?? ""),
    queryFn: () => fetchPublicProfile(username ?? ""),
    enabled: username !== undefined,
  });
}

/**
 * After any save: the answer becomes the cached `GET /me`, and the owner's public profile is
 * patched with what is known and refetched, so /u/<username> shows the change at once.
 */
function useProfileCache() {
  const queryClient = useQueryClient();
  return {
    setMe(update: (me: Me) => Me) {
      queryClient.setQueryData<Me>(queryKeys.me, (old) => (old ? update(old) : old));
    },
    patchPublic(username: string, patch: Partial<PublicProfile>) {
      const key = profileKeys.publicProfile(username);
      queryClient.setQueryData<PublicProfile>(key, (old) => (old ? { ...old, ...patch } : old));
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
    },
  };
}

export function useUpdateProfile() {
  const cache = useProfileCache();
  return useMutation({
    mutationFn: (patch: ProfilePatch) => updateProfile(patch),
    onSuccess: (me) => {
      cache.setMe(() => me);
      const { name, institution, bio, location, websiteUrl } = me;
      cache.patchPublic(me.username, { name, institution, bio, location, websiteUrl });
    },
  });
}

export function useSaveIntro(username: string) {
  const cache = useProfileCache();
  return useMutation({
    mutationFn: (markdown: string) => saveIntro(markdown),
    onSuccess: ({ introMarkdown, introHtml }) => {
      cache.setMe((me) => ({ ...me, introMarkdown }));
      cache.patchPublic(username, { introHtml });
    },
  });
}

export function useUploadAvatar(username: string) {
  const cache = useProfileCache();
  return useMutation({
    mutationFn: ({ file, type }: { file: Blob; type: string }) => uploadAvatar(file, type),
    onSuccess: ({ avatarUrl }) => {
      cache.setMe((me) => ({ ...me, avatarUrl }));
      cache.patchPublic(username, { avatarUrl });
    },
  });
}

export function useRemoveAvatar(username: string) {
  const cache = useProfileCache();
  return useMutation({
    mutationFn: removeAvatar,
    onSuccess: () => {
      cache.setMe((me) => ({ ...me, avatarUrl: null }));
      cache.patchPublic(username, { avatarUrl: null });
    },
  });
}
