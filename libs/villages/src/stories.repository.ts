import { In, type FindOptionsWhere } from 'typeorm';
import type { Transactions } from '@ocop/database';
import { insertWithFreeSlug } from './slug';
import { Story, type StoryStatus } from './story.entity';
import { Village } from './village.entity';

/** Every statement on stories; each joins the caller's transaction. */
export class StoriesRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  insert(row: Story, base: string): Promise<Story> {
    return insertWithFreeSlug(this.em, Story, row, base);
  }

  byId(id: string): Promise<Story | null> {
    return this.em.findOneBy(Story, { id });
  }

  /** One vendor's story; null for another vendor's or the marketplace's own. */
  ownById(vendorId: string, id: string): Promise<Story | null> {
    return this.em.findOneBy(Story, { id, vendorId });
  }

  bySlug(slug: string): Promise<Story | null> {
    return this.em.findOneBy(Story, { slug });
  }

  villageExists(id: string): Promise<boolean> {
    return this.em.existsBy(Village, { id });
  }

  villageNames(ids: string[]): Promise<Pick<Village, 'id' | 'name' | 'slug'>[]> {
    return ids.length ? this.em.find(Village, { select: { id: true, name: true, slug: true }, where: { id: In(ids) } }) : Promise.resolve([]);
  }

  /** Newest first; `vendorId` scopes to one vendor's stories when given. */
  list(where: { status?: StoryStatus; vendorId?: string; villageId?: string }, limit = 200): Promise<Story[]> {
    const w: FindOptionsWhere<Story> = {};
    if (where.status) w.status = where.status;
    if (where.vendorId) w.vendorId = where.vendorId;
    if (where.villageId) w.villageId = where.villageId;
    return this.em.find(Story, { where: w, order: { createdAt: 'DESC' }, take: limit });
  }

  /**
   * Replaces the texts, village, photos and products of one vendor's rejected story and sends it
   * back for review (`pending`, note cleared); returns whether it was that vendor's and rejected.
   */
  async resubmit(vendorId: string, id: string, set: Pick<Story, 'kind' | 'villageId' | 'title' | 'body' | 'photos' | 'productIds'>): Promise<boolean> {
    const res = await this.em.update(Story, { id, vendorId, status: 'rejected' }, { ...set, status: 'pending', reviewNote: null });
    return (res.affected ?? 0) > 0;
  }

  /** Moves a story from `from` to the review outcome; returns whether it was in `from`. */
  async review(id: string, from: StoryStatus, set: Pick<Story, 'status' | 'reviewNote' | 'publishedAt'>): Promise<boolean> {
    const res = await this.em.update(Story, { id, status: from }, set);
    return (res.affected ?? 0) > 0;
  }
}
