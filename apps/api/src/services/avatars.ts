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

export class AvatarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AvatarError";
  }
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
