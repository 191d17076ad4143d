import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, ForbiddenError, hasRole, LOCALES, NotFoundError, Rules, ValidationError, type Actor, type Locale } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { slugify } from './slug';
import { StoriesRepository } from './stories.repository';
import { Story, type StoryKind, type StoryStatus } from './story.entity';
import type { LocalizedText } from './village.entity';

export interface StoryInput {
  kind?: StoryKind;
  villageId: string;
  title: Partial<Record<Locale, string | null>>;
  body: Partial<Record<Locale, string | null>>;
  photos?: string[];
  productIds?: string[];
}

/** A story with the name and slug of its village, for lists and pages. */
export type StoryView = Story & { village: { name: string; slug: string } | null };

const PHOTO = /^(https?:\/\/|\/)\S+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function texts(field: string, value: unknown, max: number): LocalizedText {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError(field, Rules.required());
  const out: LocalizedText = {};
  for (const [lang, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || v === null || v === '') continue;
    if (!(LOCALES as readonly string[]).includes(lang)) throw new ValidationError(`${field}.${lang}`, `is not a supported language (${LOCALES.join(', ')})`);
    if (typeof v !== 'string') throw new ValidationError(`${field}.${lang}`, Rules.isString());
    if (v.trim().length > max) throw new ValidationError(`${field}.${lang}`, Rules.maxLength(max));
    if (v.trim()) out[lang as Locale] = v.trim();
  }
  if (!Object.keys(out).length) throw new ValidationError(`${field}.vi`, Rules.required());
  return out;
}

function strings(field: string, value: unknown, max: number, pattern: RegExp): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > max || value.some((v) => typeof v !== 'string' || !pattern.test(v.trim()))) {
    throw new ValidationError(field, `must be a list of at most ${max} valid entries`);
  }
  return [...new Set((value as string[]).map((v) => v.trim()))];
}

/**
 * Village and artisan stories: admins publish them; vendors submit theirs, which wait for an
 * admin's approval. Only published stories reach the storefront.
 */
@Injectable()
export class StoriesService {
  private readonly repo: StoriesRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {
    this.repo = new StoriesRepository(tx);
  }

  /**
   * An admin publishes a story at once. Not idempotent (two calls make two stories). Throws
   * ForbiddenError for a non-admin, ValidationError naming the field (also `villageId` for an
   * unknown village).
   */
  async publish(actor: Actor, input: StoryInput): Promise<Story> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    return this.create(actor, input, null, 'published');
  }

  /**
   * A vendor member submits a story about its village; it waits in `pending` for an admin.
   * Throws ForbiddenError when the caller works for no vendor, ValidationError naming the field.
   */
  async submit(actor: Actor, input: StoryInput): Promise<Story> {
    if (!actor.vendorId) throw new ForbiddenError('Only people working for a vendor can submit stories');
    return this.create(actor, input, actor.vendorId, 'pending');
  }

  /**
   * Publishes a pending story, with an optional note. Throws NotFoundError, ConflictError when
   * it is not pending (already reviewed: not idempotent on purpose), ForbiddenError.
   */
  approve(actor: Actor, id: string, note?: string): Promise<Story> {
    return this.review(actor, id, 'published', note?.trim() || null);
  }

  /** Rejects a pending story; the note (required) tells the vendor why. Throws as `approve`, and ValidationError naming `note`. */
  reject(actor: Actor, id: string, note: string | undefined): Promise<Story> {
    if (!note?.trim()) throw new ValidationError('note', Rules.required());
    return this.review(actor, id, 'rejected', note.trim());
  }

  /** Stories for the admin, newest first, optionally of one status. */
  async listForAdmin(actor: Actor, status?: StoryStatus): Promise<StoryView[]> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    return this.withVillages(await this.repo.list({ status }));
  }

  /** The caller's vendor's stories, newest first. Throws ForbiddenError when the caller works for no vendor. */
  async listForVendor(actor: Actor): Promise<StoryView[]> {
    if (!actor.vendorId) throw new ForbiddenError('Only people working for a vendor have stories');
    return this.withVillages(await this.repo.list({ vendorId: actor.vendorId }));
  }

  /** A village's published stories, newest first. */
  async publishedForVillage(villageId: string): Promise<Story[]> {
    const rows = await this.repo.list({ villageId, status: 'published' }, 50);
    return rows.sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0));
  }

  /** A published story by slug. Throws NotFoundError for an unknown or unpublished one. */
  async getPublished(slug: string): Promise<StoryView> {
    const s = typeof slug === 'string' && slug.length <= 160 ? await this.repo.bySlug(slug) : null;
    if (!s || s.status !== 'published') throw new NotFoundError('No such story');
    return (await this.withVillages([s]))[0];
  }

  /** The story a product page links to: the newest published one naming the product, else the newest of its village; null when none. */
  async forProduct(productId: string, villageId: string): Promise<Story | null> {
    const stories = await this.publishedForVillage(villageId);
    return stories.find((s) => s.productIds.includes(productId)) ?? stories[0] ?? null;
  }

  private async create(actor: Actor, input: StoryInput, vendorId: string | null, status: StoryStatus): Promise<Story> {
    if (typeof input?.villageId !== 'string' || !UUID.test(input.villageId)) throw new ValidationError('villageId', 'must be a UUID');
    const kind = input.kind ?? 'village';
    if (kind !== 'village' && kind !== 'artisan') throw new ValidationError('kind', 'must be village or artisan');
    const title = texts('title', input.title, 200);
    const body = texts('body', input.body, 20000);
    const row = Object.assign(new Story(), {
      id: randomUUID(),
      slug: '',
      kind,
      villageId: input.villageId,
      vendorId,
      authorId: actor.id,
      title,
      body,
      photos: strings('photos', input.photos, 12, PHOTO),
      productIds: strings('productIds', input.productIds, 20, UUID),
      status,
      reviewNote: null,
      publishedAt: status === 'published' ? this.clock.now() : null,
    });
    await this.tx.run(async () => {
      if (!(await this.repo.villageExists(row.villageId))) throw new ValidationError('villageId', 'no village has this id');
      await this.repo.insert(row, slugify(title.vi ?? title.en ?? Object.values(title)[0] ?? '', 'story'));
    });
    return (await this.repo.byId(row.id))!;
  }

  private async review(actor: Actor, id: string, to: 'published' | 'rejected', note: string | null): Promise<Story> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    return this.tx.run(async () => {
      const current = await this.repo.byId(id);
      if (!current) throw new NotFoundError('No such story');
      const done = await this.repo.review(id, 'pending', { status: to, reviewNote: note, publishedAt: to === 'published' ? this.clock.now() : null });
      if (!done) throw new ConflictError('This story has already been reviewed', { reason: 'story_not_pending' });
      return (await this.repo.byId(id))!;
    });
  }

  private async withVillages(rows: Story[]): Promise<StoryView[]> {
    const villages = new Map((await this.repo.villageNames([...new Set(rows.map((r) => r.villageId))])).map((v) => [v.id, v]));
    return rows.map((r) => {
      const v = villages.get(r.villageId);
      return Object.assign(r, { village: v ? { name: v.name, slug: v.slug } : null });
    });
  }
}
