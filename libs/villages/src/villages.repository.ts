import type { Transactions } from '@ocop/database';
import { insertWithFreeSlug } from './slug';
import { Village } from './village.entity';

/** Every statement on villages; each joins the caller's transaction (`Transactions.manager()`). */
export class VillagesRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  all(): Promise<Village[]> {
    return this.em.find(Village);
  }

  choices(): Promise<Pick<Village, 'id' | 'name' | 'province'>[]> {
    return this.em.find(Village, { select: { id: true, name: true, province: true } });
  }

  byId(id: string): Promise<Village | null> {
    return this.em.findOneBy(Village, { id });
  }

  bySlug(slug: string): Promise<Village | null> {
    return this.em.findOneBy(Village, { slug });
  }

  exists(id: string): Promise<boolean> {
    return this.em.existsBy(Village, { id });
  }

  story(id: string): Promise<Pick<Village, 'id' | 'story'> | null> {
    return this.em.findOne(Village, { select: { id: true, story: true }, where: { id } });
  }

  /** Inserts the village with the first free slug from `base` (see `insertWithFreeSlug`). */
  insert(row: Village, base: string): Promise<Village> {
    return insertWithFreeSlug(this.em, Village, row, base);
  }

  /** Writes `set` to the village; returns whether it exists. */
  async update(id: string, set: Partial<Village>): Promise<boolean> {
    const res = await this.em.update(Village, { id }, set);
    return (res.affected ?? 0) > 0;
  }
}
