import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ConflictError, foldVietnamese } from '@ocop/core';
import { isUniqueViolation } from '@ocop/database';

/**
 * The URL slug of a name: ASCII, lower case, words joined by `-` ("Bát Tràng" → `bat-trang`).
 * Falls back to `fallback` when nothing of the name survives (a name in another script). Pure.
 */
export function slugify(name: string, fallback: string, maxLength = 100): string {
  const slug = foldVietnamese(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** `base` when free, otherwise `base-2`, `base-3`, … — the first one not in `taken`. Pure. */
export function nextFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Inserts `row` with the first free slug derived from `base`. The unique index on `slug` is the
 * real guard: when a concurrent insert takes the slug between the look-up and the insert, the
 * next one is tried (a failed statement leaves the transaction usable on both dialects). A slug
 * that clashed is remembered, because under REPEATABLE READ the look-up keeps answering from the
 * transaction's first snapshot and would not see the row that won. Throws ConflictError after
 * repeated clashes.
 */
export async function insertWithFreeSlug<T extends ObjectLiteral & { slug: string }>(em: EntityManager, target: EntityTarget<T>, row: T, base: string): Promise<T> {
  const clashed: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    // Slugs hold only [a-z0-9-], so LIKE needs no escaping.
    const taken: { slug: string }[] = await em
      .createQueryBuilder(target, 't')
      .select('t.slug', 'slug')
      .where('t.slug = :base OR t.slug LIKE :like', { base, like: `${base}-%` })
      .getRawMany();
    row.slug = nextFreeSlug(base, [...taken.map((t) => t.slug), ...clashed]);
    try {
      await em.insert(target, row as never);
      return row;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      clashed.push(row.slug);
    }
  }
  throw new ConflictError('Could not find a free address for this name; try again', { reason: 'slug_taken' });
}
