import { formatBytes } from "@homebase/ui";

/** What `PUT /me/avatar` accepts (API.md): PNG, JPEG, WebP or GIF of at most 5 MB. */
export const AVATAR_TYPES: Readonly<Record<string, string>> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WebP",
  "image/gif": "GIF",
};
/** The API's limit: 5 MiB, which the API calls "5 MB". */
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
export const AVATAR_ACCEPT = Object.keys(AVATAR_TYPES).join(",");

/**
 * Why a chosen file cannot be a profile image, or `null` when it may be uploaded. The
 * server checks the real type from the bytes; this only saves a pointless upload.
 */
export function avatarFileProblem(file: Pick<File, "name" | "type" | "size">): string | null {
  if (!(file.type in AVATAR_TYPES)) {
    const kind = file.type ? `“${file.name}” is ${file.type}` : `“${file.name}” is not an image we recognise`;
    return `${kind}. Choose a PNG, JPEG, WebP or GIF image.`;
  }
  if (file.size > AVATAR_MAX_BYTES) {
    return `“${file.name}” is ${formatBytes(file.size)}. Choose an image of at most 5 MB.`;
  }
  if (file.size === 0) return `“${file.name}” is empty. Choose another image.`;
  return null;
}
