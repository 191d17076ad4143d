import { randomBytes } from 'node:crypto';
import { ValidationError } from '@ocop/core';

/** The image types the marketplace accepts for upload. */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** The path under which the apps serve stored files: `/media/<key>`. */
export const MEDIA_PREFIX = '/media/';

const EXTENSION: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (data: Buffer, bytes: number[], at = 0) => data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);

/**
 * The image type the bytes really are, from their magic numbers (the name and the declared type
 * of an upload are not trusted), or null for anything else. Pure.
 */
export function detectImageType(data: Buffer): ImageType | null {
  if (startsWith(data, PNG)) return 'image/png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/**
 * The type of an uploaded image; throws `ValidationError(field)` when it is empty, larger than
 * 5 MiB, or not a JPEG, PNG or WebP by its bytes. Pure.
 */
export function checkImage(data: Buffer, field = 'file'): ImageType {
  if (data.length === 0) throw new ValidationError(field, 'is empty');
  if (data.length > MAX_IMAGE_BYTES) throw new ValidationError(field, 'must be at most 5 MiB');
  const type = detectImageType(data);
  if (!type) throw new ValidationError(field, 'must be a JPEG, PNG or WebP image');
  return type;
}

/** A fresh random key for a file of this type, e.g. `3f9c…e1.png`. */
export function newMediaKey(type: ImageType): string {
  return `${randomBytes(16).toString('hex')}.${EXTENSION[type]}`;
}
