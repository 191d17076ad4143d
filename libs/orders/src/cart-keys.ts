import { createHash } from 'node:crypto';

/** The cart key of a signed-in shopper. Pure. */
export function cartKeyForUser(userId: string): string {
  return `u:${userId}`;
}

/** The cart key of a guest, from the guest cookie's token (only its hash is stored). Pure. */
export function cartKeyForGuest(token: string): string {
  return `g:${createHash('sha256').update(token).digest('hex').slice(0, 64)}`;
}

/** Shoppers-facing order references: ASCII letters and digits without look-alikes (no 0/O, 1/I). */
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new order reference such as `OCOP7K3M9Q2X`, from `random` bytes (8 used). Pure given the bytes. */
export function orderReference(random: Uint8Array): string {
  let out = 'OCOP';
  for (let i = 0; i < 8; i += 1) out += REFERENCE_ALPHABET[random[i] % REFERENCE_ALPHABET.length];
  return out;
}
