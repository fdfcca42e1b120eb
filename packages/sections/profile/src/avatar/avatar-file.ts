import { formatBytes } from "@homebase/core/format-bytes";

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

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** Magic numbers of the accepted formats. */
const SIGNATURES: { type: string; matches: (head: Uint8Array) => boolean }[] = [
  { type: "image/png", matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: "image/jpeg", matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { type: "image/gif", matches: (h) => startsWith(h, ascii("GIF87a")) || startsWith(h, ascii("GIF89a")) },
  { type: "image/webp", matches: (h) => startsWith(h, ascii("RIFF")) && startsWith(h, ascii("WEBP"), 8) },
];

function readHead(file: Blob, length: number): Promise<Uint8Array> {
  const head = file.slice(0, length);
  if (typeof head.arrayBuffer === "function") return head.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(head);
  });
}

/**
 * The image format the file's first bytes announce (PNG, JPEG, GIF or WebP), or `null`.
 * A browser takes `file.type` from the name, so a JPEG saved as "me.png" says image/png;
 * the API checks the bytes and would refuse it (415). Sending the announced type avoids
 * that, and a renamed non-image is caught before uploading.
 */
export async function sniffImageType(file: Blob): Promise<string | null> {
  const head = await readHead(file, 12);
  return SIGNATURES.find((signature) => signature.matches(head))?.type ?? null;
}
