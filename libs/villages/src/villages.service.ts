import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, Events, ForbiddenError, hasRole, NotFoundError, type Actor, type VillageRenamedEvent } from '@ocop/core';
import { record, Transactions } from '@ocop/database';
import { slugify } from './slug';
import { Village, type LocalizedText } from './village.entity';
import { VillagesRepository } from './villages.repository';
import { checkVillageInput, featuredAt, featuredColumns, isFeaturedNow, storefrontOrder, type FeaturedInput, type VillageChanges, type VillageInput } from './village.rules';

/** A village as shoppers see it: `featured` means featured right now. */
export interface PublicVillage {
  id: string;
  slug: string;
  name: string;
  province: string;
  craft: string;
  story: LocalizedText;
  networks: string[];
  photos: string[];
  latitude: number | null;
  longitude: number | null;
  featured: boolean;
}

/** A village as the admin sees it: every column, plus whether it is featured right now. */
export type AdminVillage = Village & { featuredNow: boolean };

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
}

/** Craft villages: their stories and the featured curation of the storefront. */
@Injectable()
export class VillagesService {
  private readonly repo: VillagesRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {
    this.repo = new VillagesRepository(tx);
  }

  /**
   * Creates a village with a slug from its name made ASCII ("Bát Tràng" → `bat-trang`; a clash
   * gets `-2`, `-3`, …). Not idempotent: the same name twice makes two villages. Throws
   * ValidationError naming the field, ForbiddenError for a non-admin.
   */
  async create(actor: Actor, input: VillageInput): Promise<Village> {
    requireAdmin(actor);
    const fields = checkVillageInput(input, {}, true);
    const row = Object.assign(new Village(), {
      id: randomUUID(),
      slug: '',
      story: {},
      networks: [],
      photos: [],
      latitude: null,
      longitude: null,
      featured: false,
      featuredRank: null,
      featuredFrom: null,
      featuredUntil: null,
      ...fields,
    });
    await this.tx.run(() => this.repo.insert(row, slugify(row.name, 'village')));
    return this.get(row.id);
  }

  /**
   * Changes the given fields; story languages are merged (an empty text removes a language).
   * The slug stays, so links to the village keep working after a rename. Throws NotFoundError,
   * ValidationError, ForbiddenError.
   */
  async update(actor: Actor, id: string, changes: VillageChanges): Promise<AdminVillage> {
    requireAdmin(actor);
    await this.tx.run(async () => {
      const current = await this.repo.story(id);
      if (!current) throw new NotFoundError('No such village');
      const fields = checkVillageInput(changes, current.story, false);
      if (Object.keys(fields).length) await this.repo.update(id, fields);
      const searched = (['name', 'province'] as const).filter((f) => fields[f] !== undefined);
      if (searched.length) {
        const event: VillageRenamedEvent = { villageId: id, fields: [...searched], at: this.clock.now().toISOString() };
        await record(Events.VillageRenamed, event);
      }
    });
    return this.withFeaturedNow(await this.get(id));
  }

  /**
   * Features a village at a rank (≥ 1) within an optional window [from, until), or un-features
   * it (clearing rank and window). Idempotent. Throws ValidationError naming `rank`, `from` or
   * `until`, NotFoundError, ForbiddenError.
   */
  async setFeatured(actor: Actor, id: string, input: FeaturedInput): Promise<AdminVillage> {
    requireAdmin(actor);
    const columns = featuredColumns(input);
    await this.tx.run(async () => {
      if (!(await this.repo.update(id, columns))) throw new NotFoundError('No such village');
    });
    return this.withFeaturedNow(await this.get(id));
  }

  /** Every village by name, for the admin. */
  async listAll(): Promise<AdminVillage[]> {
    const all = await this.repo.all();
    return all.sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((v) => this.withFeaturedNow(v));
  }

  /**
   * The storefront list: villages featured now first in rank order, then the rest by name;
   * `province` and `craft` (exact, case-insensitive) narrow it.
   */
  async listForStorefront(filter: { province?: string; craft?: string } = {}): Promise<PublicVillage[]> {
    const now = this.clock.now();
    const same = (a: string, b?: string) => !b || a.localeCompare(b, 'vi', { sensitivity: 'accent' }) === 0;
    const rows = (await this.repo.all()).filter((v) => same(v.province, filter.province) && same(v.craft, filter.craft));
    return storefrontOrder(rows, now).map((v) => this.toPublic(v, now));
  }

  /** The provinces and crafts villages have, each sorted, for the storefront's filters. */
  async facets(): Promise<{ provinces: string[]; crafts: string[] }> {
    const rows = await this.repo.all();
    const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'vi'));
    return { provinces: sorted(rows.map((v) => v.province)), crafts: sorted(rows.map((v) => v.craft)) };
  }

  /**
   * The villages the home page shows at `date` (default: now): featured with `date` inside their
   * window [from, until), in rank order. The home page and the admin's preview both read this.
   */
  async featuredOn(date: Date = this.clock.now()): Promise<PublicVillage[]> {
    return featuredAt(await this.repo.all(), date).map((v) => this.toPublic(v, date));
  }

  /** Id, name and province of every village by name, for pickers. */
  async choices(): Promise<Pick<Village, 'id' | 'name' | 'province'>[]> {
    const rows = await this.repo.choices();
    return rows.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** One village by slug, as shoppers see it. Throws NotFoundError. */
  async getBySlug(slug: string): Promise<PublicVillage> {
    const v = typeof slug === 'string' && slug.length <= 140 ? await this.repo.bySlug(slug) : null;
    if (!v) throw new NotFoundError('No such village');
    return this.toPublic(v, this.clock.now());
  }

  /** One village by id. Throws NotFoundError. */
  async get(id: string): Promise<Village> {
    const v = await this.repo.byId(id);
    if (!v) throw new NotFoundError('No such village');
    return v;
  }

  /** Whether a village exists; read inside the caller's transaction when there is one. */
  exists(id: string): Promise<boolean> {
    return this.repo.exists(id);
  }

  private withFeaturedNow(v: Village): AdminVillage {
    return Object.assign(v, { featuredNow: isFeaturedNow(v, this.clock.now()) });
  }

  private toPublic(v: Village, now: Date): PublicVillage {
    return {
      id: v.id,
      slug: v.slug,
      name: v.name,
      province: v.province,
      craft: v.craft,
      story: v.story ?? {},
      networks: v.networks ?? [],
      photos: v.photos ?? [],
      latitude: v.latitude,
      longitude: v.longitude,
      featured: isFeaturedNow(v, now),
    };
  }
}
