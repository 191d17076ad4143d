import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, ForbiddenError, hasRole, LOCALES, NotFoundError, Rules, ValidationError, type Actor, type Locale } from '@ocop/core';
import { Transactions } from '@ocop/database';
import { checkImage, FileStorage, MEDIA_PREFIX, newMediaKey } from '@ocop/storage';
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

/** The most photos one story holds, uploaded and given by address together. */
export const MAX_STORY_PHOTOS = 12;
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
  // Vietnamese is the text every other language falls back to, so every story has it.
  if (!out.vi) throw new ValidationError(`${field}.vi`, Rules.required());
  return out;
}

/** The checked fields of a story as `input` gives them. Throws ValidationError naming the field. Pure. */
function checkedStory(input: StoryInput): Pick<Story, 'kind' | 'villageId' | 'title' | 'body' | 'photos' | 'productIds'> {
  if (typeof input?.villageId !== 'string' || !UUID.test(input.villageId)) throw new ValidationError('villageId', 'must be a UUID');
  const kind = input.kind ?? 'village';
  if (kind !== 'village' && kind !== 'artisan') throw new ValidationError('kind', 'must be village or artisan');
  return {
    kind,
    villageId: input.villageId,
    title: texts('title', input.title, 200),
    body: texts('body', input.body, 20000),
    photos: strings('photos', input.photos, MAX_STORY_PHOTOS, PHOTO),
    productIds: strings('productIds', input.productIds, 20, UUID),
  };
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
    private readonly storage: FileStorage,
  ) {
    this.repo = new StoriesRepository(tx);
  }

  /**
   * An admin publishes a story at once, with `files` (uploaded photos) stored and added after the
   * photos `input` names. Not idempotent (two calls make two stories). All or nothing: a refused
   * story stores no photo. Throws ForbiddenError for a non-admin, ValidationError naming the field
   * (also `villageId` for an unknown village, `photos` for a file that is not a JPEG, PNG or WebP
   * of at most 5 MiB or past 12 photos).
   */
  async publish(actor: Actor, input: StoryInput, files: readonly Buffer[] = []): Promise<Story> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    return this.create(actor, input, null, 'published', files);
  }

  /**
   * A vendor member submits a story about its village, with uploaded photos as `publish` takes
   * them; it waits in `pending` for an admin. Throws ForbiddenError when the caller works for no
   * vendor, ValidationError naming the field as `publish` does.
   */
  async submit(actor: Actor, input: StoryInput, files: readonly Buffer[] = []): Promise<Story> {
    if (!actor.vendorId) throw new ForbiddenError('Only people working for a vendor can submit stories');
    return this.create(actor, input, actor.vendorId, 'pending', files);
  }

  /**
   * A vendor member changes a story an admin rejected and sends it for review again (`pending`,
   * the note cleared): texts, village and products as `input` gives them, photos as `input`
   * names them followed by `files`. One conditional update, so a story reviewed or changed
   * meanwhile is refused. Throws ForbiddenError without a vendor; NotFoundError for an unknown
   * story or another vendor's; ConflictError (reason `story_not_rejected`) unless it is rejected;
   * ValidationError naming the field as `publish` does.
   */
  async resubmit(actor: Actor, id: string, input: StoryInput, files: readonly Buffer[] = []): Promise<Story> {
    const vendorId = actor.vendorId;
    if (!vendorId) throw new ForbiddenError('Only people working for a vendor have stories');
    const current = UUID.test(id) ? await this.repo.ownById(vendorId, id) : null;
    if (!current) throw new NotFoundError('No such story');
    const notRejected = () => new ConflictError('Only a rejected story can be changed and sent again', { reason: 'story_not_rejected' });
    if (current.status !== 'rejected') throw notRejected();
    const fields = checkedStory(input);
    await this.withStoredPhotos(fields.photos, files, async (photos) => {
      await this.tx.run(async () => {
        if (!(await this.repo.villageExists(fields.villageId))) throw new ValidationError('villageId', Rules.unknownChoice('village'));
        if (!(await this.repo.resubmit(vendorId, id, { ...fields, photos }))) throw notRejected();
      });
    });
    return (await this.repo.byId(id))!;
  }

  /** One of the caller's vendor's stories with its village. Throws ForbiddenError without a vendor, NotFoundError for another vendor's. */
  async getOwn(actor: Actor, id: string): Promise<StoryView> {
    if (!actor.vendorId) throw new ForbiddenError('Only people working for a vendor have stories');
    const s = typeof id === 'string' && UUID.test(id) ? await this.repo.ownById(actor.vendorId, id) : null;
    if (!s) throw new NotFoundError('No such story');
    return (await this.withVillages([s]))[0];
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

  private async create(actor: Actor, input: StoryInput, vendorId: string | null, status: StoryStatus, files: readonly Buffer[]): Promise<Story> {
    const fields = checkedStory(input);
    const row = Object.assign(new Story(), {
      id: randomUUID(),
      slug: '',
      ...fields,
      vendorId,
      authorId: actor.id,
      status,
      reviewNote: null,
      publishedAt: status === 'published' ? this.clock.now() : null,
    });
    await this.withStoredPhotos(fields.photos, files, async (photos) => {
      row.photos = photos;
      await this.tx.run(async () => {
        if (!(await this.repo.villageExists(row.villageId))) throw new ValidationError('villageId', Rules.unknownChoice('village'));
        await this.repo.insert(row, slugify(fields.title.vi ?? '', 'story'));
      });
    });
    return (await this.repo.byId(row.id))!;
  }

  /**
   * Checks every uploaded photo, stores them under new random keys and runs `write` with the
   * story's whole photo list (`named`, then the stored ones as `/media/…` paths). When storing or
   * `write` fails, the files stored for it are removed again.
   */
  private async withStoredPhotos(named: string[], files: readonly Buffer[], write: (photos: string[]) => Promise<void>): Promise<void> {
    if (named.length + files.length > MAX_STORY_PHOTOS) throw new ValidationError('photos', `a story has at most ${MAX_STORY_PHOTOS} photos`);
    const checked = files.map((data) => ({ data, type: checkImage(data, 'photos') }));
    const keys = checked.map((f) => newMediaKey(f.type));
    const removeStored = () => Promise.all(keys.map((k) => this.storage.delete(k).catch(() => undefined)));
    const stored = await Promise.allSettled(checked.map((f, i) => this.storage.put(keys[i], f.data, f.type)));
    const failed = stored.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await removeStored();
      throw failed.reason;
    }
    try {
      await write([...named, ...keys.map((k) => MEDIA_PREFIX + k)]);
    } catch (err) {
      await removeStored();
      throw err;
    }
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
