import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { Events, type DelistReason, type ListingState, type ProductListingChangedEvent } from '@ocop/core';
import { writeOutbox, type Transactions } from '@ocop/database';
import { Certificate } from '@ocop/certification';
import { Vendor } from '@ocop/vendors';
import { ListingChange } from './listing-change.entity';
import { Product } from './product.entity';

export type ListingRow = Pick<Product, 'id' | 'vendorId' | 'state'>;
type ChangeReason = ProductListingChangedEvent['reason'];

/**
 * Every statement about a product's listing state: the conditional state change, its audit rows
 * in `listing_changes` and its `ProductListingChanged` outbox rows. Each method joins the
 * caller's transaction (`Transactions.manager()`).
 */
export class ListingRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  product(id: string): Promise<Product | null> {
    return this.em.findOneBy(Product, { id });
  }

  ownProduct(vendorId: string, id: string): Promise<Product | null> {
    return this.em.findOneBy(Product, { id, vendorId });
  }

  certificate(id: string): Promise<Certificate | null> {
    return this.em.findOneBy(Certificate, { id });
  }

  vendor(id: string): Promise<Vendor | null> {
    return this.em.findOneBy(Vendor, { id });
  }

  certificatesByIds(ids: string[]): Promise<Certificate[]> {
    return this.em.findBy(Certificate, { id: In([...new Set(ids)]) });
  }

  /** The vendor holding a certificate, or null. */
  async certificateHolder(certificateId: string): Promise<string | null> {
    const c = await this.em.findOne(Certificate, { select: { id: true, vendorId: true }, where: { id: certificateId } });
    return c?.vendorId ?? null;
  }

  listedWhere(where: { certificateId?: string; vendorId?: string }): Promise<ListingRow[]> {
    return this.em.find(Product, { select: { id: true, vendorId: true, state: true }, where: { ...where, state: 'listed' } });
  }

  /** A vendor's products under a certificate taken down for one of `reasons`. */
  delistedFor(where: { certificateId?: string; vendorId: string }, reasons: DelistReason[]): Promise<Pick<Product, 'id' | 'vendorId' | 'state' | 'certificateId'>[]> {
    return this.em.find(Product, {
      select: { id: true, vendorId: true, state: true, certificateId: true },
      where: { ...where, state: 'delisted', delistReason: reasons.length === 1 ? reasons[0] : In(reasons) },
    });
  }

  /** Points the certificate holder's products at the renewing certificate; another vendor's stay. */
  async moveHolderProducts(oldCertificateId: string, newCertificateId: string): Promise<void> {
    await this.em
      .createQueryBuilder()
      .update(Product)
      .set({ certificateId: newCertificateId })
      .where('certificateId = :old AND vendorId = (SELECT c.vendorId FROM certificates c WHERE c.id = :old)', { old: oldCertificateId })
      .execute();
  }

  /** Moves products still in `from` to `to` with one conditional update; returns rows affected. */
  async changeState(ids: string[], from: string, to: ListingState, delistReason: DelistReason | null, now: Date): Promise<number> {
    const set: Partial<Product> = { state: to, delistReason };
    if (to === 'listed') set.listedAt = now;
    const res = await this.em
      .createQueryBuilder()
      .update(Product)
      .set(set)
      .where({ id: In(ids), state: from })
      .execute();
    return res.affected ?? 0;
  }

  /** Which of `ids` are now in `state`. */
  async idsInState(ids: string[], state: ListingState): Promise<Set<string>> {
    const rows = await this.em.find(Product, { select: { id: true }, where: { id: In(ids), state } });
    return new Set(rows.map((r) => r.id));
  }

  /** One audit row and one `ProductListingChanged` outbox row per product moved. */
  async recordChanges(group: ListingRow[], from: ListingState, to: ListingState, reason: ChangeReason, actor: { id: string; email: string } | null, now: Date): Promise<void> {
    await this.em.insert(
      ListingChange,
      group.map((p) => ({ id: randomUUID(), productId: p.id, fromState: from, toState: to, reason, actorId: actor?.id ?? null, actorEmail: actor?.email ?? null, createdAt: now })),
    );
    await writeOutbox(
      group.map((p) => ({
        type: Events.ProductListingChanged,
        payload: { productId: p.id, vendorId: p.vendorId, from, to, reason, at: now.toISOString() } satisfies ProductListingChangedEvent,
        createdAt: now,
      })),
      this.em,
    );
  }

  /** A page of the audit log, newest first, optionally for one product. */
  history(where: { productId?: string }, take: number, skip: number): Promise<[ListingChange[], number]> {
    return this.em.getRepository(ListingChange).findAndCount({ where: where.productId ? { productId: where.productId } : {}, order: { createdAt: 'DESC' }, take, skip });
  }

  productTitles(ids: string[]): Promise<Pick<Product, 'id' | 'slug' | 'title' | 'vendorId' | 'certificateId'>[]> {
    return ids.length ? this.em.find(Product, { select: { id: true, slug: true, title: true, vendorId: true, certificateId: true }, where: { id: In(ids) } }) : Promise.resolve([]);
  }

  /** How many products matching `where` are listed. */
  countListed(where: { certificateId?: string; vendorId?: string }): Promise<number> {
    return this.em.count(Product, { where: { ...where, state: 'listed' } });
  }
}
