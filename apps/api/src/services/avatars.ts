import { createHash } from "node:crypto";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
export const AVATAR_MAX_SIDE = 512;
export const AVATAR_TYPES = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/webp": "webp",
  "image/gif": "gif",
} as const;
export type AvatarType = keyof typeof AVATAR_TYPES;
const KEY_RE = /^[0-9a-f]{32}\.webp$/;

export class AvatarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AvatarError";
  }
}

export function isAvatarKey(key: string): boolean {
  return KEY_RE.test(key);
}

/**
 * Checks the image's real type from its bytes (libvips' own detection), refuses anything but
 * the declared PNG/JPEG/WebP/GIF, and re-encodes it as WebP of at most 512×512. Re-encoding
 * drops every metadata block (EXIF, GPS, XMP, ICC comments); EXIF orientation is applied first.
 */
export async function processAvatar(input: Buffer, declared: AvatarType): Promise<Buffer> {
  let format: string | undefined;
  try {
    format = (await sharp(input).metadata()).format;
  } catch {
    throw new AvatarError("The file is not an image we can read. Upload a PNG, JPEG, WebP or GIF.");
  }
  if (format !== AVATAR_TYPES[declared]) {
    throw new AvatarError(
      format && Object.values(AVATAR_TYPES).includes(format as never)
        ? `The file is a ${format.toUpperCase()} image, but was sent as ${declared}.`
        : "Only PNG, JPEG, WebP and GIF images can be used as a profile image.",
    );
  }
  try {
    return await sharp(input, { animated: false, limitInputPixels: 50_000_000 })
      .rotate()
      .resize(AVATAR_MAX_SIDE, AVATAR_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer();
  } catch {
    throw new AvatarError("The image could not be processed. Try another file.");
  }
}

/** Avatars live under DATA_DIR/avatars, named by the digest of their content. */
export function avatarStore(dataDir: string) {
  const dir = join(dataDir, "avatars");
  return {
    async save(image: Buffer): Promise<string> {
      const key = `${createHash("sha256").update(image).digest("hex").slice(0, 32)}.webp`;
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.${key}.${process.pid}.${Date.now()}.tmp`);
      await writeFile(tmp, image);
      await rename(tmp, join(dir, key));
      return key;
    },
    async read(key: string): Promise<Buffer | null> {
      if (!isAvatarKey(key)) return null;
      return readFile(join(dir, key)).catch(() => null);
    },
    async remove(key: string): Promise<void> {
      if (isAvatarKey(key)) await unlink(join(dir, key)).catch(() => {});
    },
    path(key: string) {
      return join(dir, key);
    },
  };
}
