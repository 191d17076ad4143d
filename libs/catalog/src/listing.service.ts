import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  Clock,
  ConflictError,
  Events,
  NotFoundError,
  type Actor,
  type CertificateExpiredEvent,
  type CertificateRenewedEvent,
  type CertificateRevokedEvent,
  type DelistReason,
  type ListingState,
  type ProductListingChangedEvent,
  type VendorStatusEvent,
} from '@ocop/core';
import { DomainEventRecord, DomainEvents, Transactions } from '@ocop/database';
import { Certificate } from '@ocop/certification';
import { Vendor } from '@ocop/vendors';
import { ListingChange } from './listing-change.entity';
import { publishBlocker, REASON_TEXT } from './listing-gate';
import { Product } from './product.entity';

type ChangeReason = ProductListingChangedEvent['reason'];
const SYSTEM_REASONS: DelistReason[] = ['certificate_revoked', 'certificate_expired'];
const CHUNK = 500;

const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Every change of a product's listing state goes through here: it is applied with a conditional
 * update, written to the `listing_changes` audit log and announced as a `ProductListingChanged`
 * event, all in the caller's transaction. It also reacts, inside the emitting transaction, to
 * certificate revocation, expiry and renewal and to vendor suspension and re-approval.
 */
@Injectable()
export class ListingService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.onInTransaction<CertificateRevokedEvent>(Events.CertificateRevoked, (em, e, actor) =>
      this.delistWhere(em, { certificateId: e.certificateId }, 'certificate_revoked', actor).then(() => undefined),
    );
    this.events.onInTransaction<CertificateExpiredEvent>(Events.CertificateExpired, (em, e) =>
      this.delistWhere(em, { certificateId: e.certificateId }, 'certificate_expired', null).then(() => undefined),
    );
    this.events.onInTransaction<CertificateRenewedEvent>(Events.CertificateRenewed, (em, e, actor) => this.moveToRenewed(em, e, actor));
    this.events.onInTransaction<VendorStatusEvent>(Events.VendorSuspended, (em, e, actor) =>
      this.delistWhere(em, { vendorId: e.vendorId }, 'vendor_suspended', actor).then(() => undefined),
    );
    this.events.onInTransaction<VendorStatusEvent>(Events.VendorApproved, (em, e, actor) => this.relistAfterReapproval(em, e.vendorId, actor));
  }

  /**
   * Lists a vendor's product. Throws NotFoundError for another vendor's product and ConflictError
   * with `reason` (e.g. `certificate_expired`, `vendor_pending`) when the gate forbids it.
   * Idempotent: publishing a listed product changes nothing.
   */
  async publish(actor: Actor, productId: string): Promise<Product> {
    return this.tx.run(async (em) => {
      const p = await this.ownProduct(em, actor, productId);
      const [c, v] = await Promise.all([em.findOneBy(Certificate, { id: p.certificateId }), em.findOneBy(Vendor, { id: p.vendorId })]);
      const blocker = c && v ? publishBlocker(p.vendorId, c, v, this.clock.now()) : 'certificate_not_vendors';
      if (blocker) throw new ConflictError(`This product cannot be published: ${REASON_TEXT[blocker]}`, { reason: blocker });
      if (p.state !== 'listed') await this.apply(em, [p], 'listed', 'published', actor);
      return em.findOneByOrFail(Product, { id: p.id });
    });
  }

  /** Takes a vendor's product off sale (reason `vendor`); idempotent. Throws NotFoundError for another vendor's product. */
  async unpublish(actor: Actor, productId: string): Promise<Product> {
    return this.tx.run(async (em) => {
      const p = await this.ownProduct(em, actor, productId);
      if (p.state !== 'delisted') await this.apply(em, [p], 'delisted', 'vendor', actor);
      return em.findOneByOrFail(Product, { id: p.id });
    });
  }

  /** An admin takes any product off sale (reason `admin`); idempotent. Throws NotFoundError. */
  async adminDelist(actor: Actor, productId: string): Promise<Product> {
    return this.tx.run(async (em) => {
      const p = await em.findOneBy(Product, { id: productId });
      if (!p) throw new NotFoundError('No such product');
      if (p.state !== 'delisted') await this.apply(em, [p], 'delisted', 'admin', actor);
      return em.findOneByOrFail(Product, { id: p.id });
    });
  }

  /** Delists every listed product matching `where` with a system or admin reason; returns how many. */
  async delistWhere(em: EntityManager, where: { certificateId?: string; vendorId?: string }, reason: DelistReason, actor: Actor | null): Promise<number> {
    const listed = await em.find(Product, { select: { id: true, vendorId: true, state: true }, where: { ...where, state: 'listed' } });
    return this.apply(em, listed, 'delisted', reason, actor);
  }

  /**
   * Moves the certificate holder's products from the renewed certificate to its successor and
   * relists those the system delisted. Another vendor's product that points at the old
   * certificate (saved before such certificates were refused) stays where it is: a renewal
   * certifies only the holder's goods.
   */
  private async moveToRenewed(em: EntityManager, e: CertificateRenewedEvent, actor: Actor | null): Promise<void> {
    await em
      .createQueryBuilder()
      .update(Product)
      .set({ certificateId: e.newCertificateId })
      .where('certificateId = :old AND vendorId = (SELECT c.vendorId FROM certificates c WHERE c.id = :old)', { old: e.oldCertificateId })
      .execute();
    const holder = await em.findOne(Certificate, { select: { id: true, vendorId: true }, where: { id: e.oldCertificateId } });
    if (!holder) return;
    const vendor = await em.findOneBy(Vendor, { id: holder.vendorId });
    if (vendor?.status !== 'approved') return;
    // Only what the system took down comes back; a vendor's or an admin's decision stands.
    const down = await em.find(Product, {
      select: { id: true, vendorId: true, state: true },
      where: { certificateId: e.newCertificateId, vendorId: holder.vendorId, state: 'delisted', delistReason: In(SYSTEM_REASONS) },
    });
    await this.apply(em, down, 'listed', 'certificate_renewed', actor);
  }

  private async relistAfterReapproval(em: EntityManager, vendorId: string, actor: Actor | null): Promise<void> {
    const down = await em.find(Product, { select: { id: true, vendorId: true, state: true, certificateId: true }, where: { vendorId, state: 'delisted', delistReason: 'vendor_suspended' } });
    const now = this.clock.now();
    const certs = new Map((await em.findBy(Certificate, { id: In([...new Set(down.map((p) => p.certificateId))]) })).map((c) => [c.id, c]));
    const ok = down.filter((p) => {
      const c = certs.get(p.certificateId);
      return c && !publishBlocker(p.vendorId, c, { status: 'approved' }, now);
    });
    await this.apply(em, ok, 'listed', 'relisted', actor);
  }

  /**
   * Moves products to `to` with conditional updates (a product already there is skipped), writes
   * one audit row and one outbox event per product changed. Returns how many changed.
   */
  private async apply(em: EntityManager, products: Pick<Product, 'id' | 'vendorId' | 'state'>[], to: ListingState, reason: ChangeReason, actor: Actor | null): Promise<number> {
    if (products.length === 0) return 0;
    const now = this.clock.now();
    const delistReason = to === 'delisted' ? (reason as DelistReason) : null;
    let changed = 0;
    for (const batch of chunks(products)) {
      const byState = new Map<string, typeof batch>();
      for (const p of batch) byState.set(p.state, [...(byState.get(p.state) ?? []), p]);
      for (const [from, group] of byState) {
        if (from === to) continue;
        const set: Partial<Product> = { state: to, delistReason };
        if (to === 'listed') set.listedAt = now;
        const res = await em.createQueryBuilder().update(Product).set(set).where({ id: In(group.map((p) => p.id)), state: from }).execute();
        if ((res.affected ?? 0) !== group.length) {
          // Someone changed some of them meanwhile: record only the rows now in the target state.
          const moved = await em.find(Product, { select: { id: true }, where: { id: In(group.map((p) => p.id)), state: to } });
          const ids = new Set(moved.map((m) => m.id));
          group.splice(0, group.length, ...group.filter((p) => ids.has(p.id)));
        }
        if (group.length === 0) continue;
        changed += group.length;
        await em.insert(
          ListingChange,
          group.map((p) => ({ id: randomUUID(), productId: p.id, fromState: from, toState: to, reason, actorId: actor?.id ?? null, actorEmail: actor?.email ?? null, createdAt: now })),
        );
        await em.insert(
          DomainEventRecord,
          group.map((p) => ({
            id: randomUUID(),
            type: Events.ProductListingChanged,
            payload: JSON.stringify({ productId: p.id, vendorId: p.vendorId, from: from as ListingState, to, reason, at: now.toISOString() } satisfies ProductListingChangedEvent),
            dispatchedAt: null,
            createdAt: now,
          })),
        );
      }
    }
    return changed;
  }

  private async ownProduct(em: EntityManager, actor: Actor, productId: string): Promise<Product> {
    const p = actor.vendorId ? await em.findOneBy(Product, { id: productId, vendorId: actor.vendorId }) : null;
    if (!p) throw new NotFoundError('No such product');
    return p;
  }

  /** The audit log, newest first, optionally for one product, with each product's slug and title. */
  async history(opts: { productId?: string; page?: number; limit?: number } = {}): Promise<{ items: (ListingChange & { product: { slug: string; title: string } | null })[]; total: number }> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
    const page = Math.max(opts.page ?? 1, 1);
    const [rows, total] = await this.dataSource.getRepository(ListingChange).findAndCount({
      where: opts.productId ? { productId: opts.productId } : {},
      order: { createdAt: 'DESC' },
      take: limit,
      skip: (page - 1) * limit,
    });
    const ids = [...new Set(rows.map((r) => r.productId))];
    const products = ids.length ? await this.dataSource.getRepository(Product).find({ select: { id: true, slug: true, title: true }, where: { id: In(ids) } }) : [];
    const byId = new Map(products.map((p) => [p.id, { slug: p.slug, title: p.title.vi ?? p.title.en ?? p.slug }]));
    return { items: rows.map((r) => Object.assign(r, { product: byId.get(r.productId) ?? null })), total };
  }
}
