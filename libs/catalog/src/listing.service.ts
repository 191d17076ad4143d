import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, NotFoundError, type Actor, type CertificateRenewedEvent, type DelistReason, type ListingState, type ProductListingChangedEvent } from '@ocop/core';
import { Transactions } from '@ocop/database';
import type { ListingChange } from './listing-change.entity';
import { publishBlocker, REASON_TEXT } from './listing-gate';
import { ListingRepository, type ListingRow } from './listing.repository';
import type { Product } from './product.entity';

type ChangeReason = ProductListingChangedEvent['reason'];
const SYSTEM_REASONS: DelistReason[] = ['certificate_revoked', 'certificate_expired'];
const CHUNK = 500;

/** A product as the audit log names it. */
export interface AuditedProduct {
  slug: string;
  title: string;
  titles: Product['title'];
  vendorId: string;
  certificateId: string;
}

const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Every change of a product's listing state goes through here: it is applied with a conditional
 * update, written to the `listing_changes` audit log and announced as a `ProductListingChanged`
 * event, all in the caller's transaction. It also reacts, inside the emitting transaction, to
 * certificate revocation, expiry and renewal and to vendor suspension and re-approval.
 */
@Injectable()
export class ListingService {
  private readonly repo: ListingRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {
    this.repo = new ListingRepository(tx);
  }

  /**
   * Lists a vendor's product. Throws NotFoundError for another vendor's product and ConflictError
   * with `reason` (e.g. `certificate_expired`, `vendor_pending`) when the gate forbids it.
   * Idempotent: publishing a listed product changes nothing.
   */
  async publish(actor: Actor, productId: string): Promise<Product> {
    return this.tx.run(async () => {
      const p = await this.ownProduct(actor, productId);
      const [c, v] = await Promise.all([this.repo.certificate(p.certificateId), this.repo.vendor(p.vendorId)]);
      const blocker = c && v ? publishBlocker(p.vendorId, c, v, this.clock.now()) : 'certificate_not_vendors';
      if (blocker) throw new ConflictError(`This product cannot be published: ${REASON_TEXT[blocker]}`, { reason: blocker });
      if (p.state !== 'listed') await this.apply([p], 'listed', 'published', actor);
      return this.reread(p.id);
    });
  }

  /** Takes a vendor's product off sale (reason `vendor`); idempotent. Throws NotFoundError for another vendor's product. */
  async unpublish(actor: Actor, productId: string): Promise<Product> {
    return this.tx.run(async () => {
      const p = await this.ownProduct(actor, productId);
      if (p.state !== 'delisted') await this.apply([p], 'delisted', 'vendor', actor);
      return this.reread(p.id);
    });
  }

  /** An admin takes any product off sale (reason `admin`); idempotent. Throws NotFoundError. */
  async adminDelist(actor: Actor, productId: string): Promise<Product> {
    return this.tx.run(async () => {
      const p = await this.repo.product(productId);
      if (!p) throw new NotFoundError('No such product');
      if (p.state !== 'delisted') await this.apply([p], 'delisted', 'admin', actor);
      return this.reread(p.id);
    });
  }

  /**
   * Delists every listed product matching `where` with a system or admin reason, in the current
   * transaction; returns how many. Idempotent: a product already delisted is skipped.
   */
  async delistWhere(where: { certificateId?: string; vendorId?: string }, reason: DelistReason, actor: Actor | null): Promise<number> {
    return this.tx.run(async () => this.apply(await this.repo.listedWhere(where), 'delisted', reason, actor));
  }

  /**
   * Moves the certificate holder's products from the renewed certificate to its successor and
   * relists those the system delisted. Another vendor's product that points at the old
   * certificate (saved before such certificates were refused) stays where it is: a renewal
   * certifies only the holder's goods.
   */
  /**
   * Moves the holder's products from a renewed certificate to its successor and relists those the
   * system delisted; runs inside the renewing transaction. Idempotent.
   */
  async moveToRenewed(e: CertificateRenewedEvent, actor: Actor | null): Promise<void> {
    await this.repo.moveHolderProducts(e.oldCertificateId, e.newCertificateId);
    const holder = await this.repo.certificateHolder(e.oldCertificateId);
    if (!holder) return;
    const vendor = await this.repo.vendor(holder);
    if (vendor?.status !== 'approved') return;
    // Only what the system took down comes back; a vendor's or an admin's decision stands.
    const down = await this.repo.delistedFor({ certificateId: e.newCertificateId, vendorId: holder }, SYSTEM_REASONS);
    await this.apply(down, 'listed', 'certificate_renewed', actor);
  }

  /** Relists what a vendor's suspension took down once it is approved again; runs inside that transaction. Idempotent. */
  async relistAfterReapproval(vendorId: string, actor: Actor | null): Promise<void> {
    const down = await this.repo.delistedFor({ vendorId }, ['vendor_suspended']);
    const now = this.clock.now();
    const certs = new Map((await this.repo.certificatesByIds(down.map((p) => p.certificateId))).map((c) => [c.id, c]));
    const ok = down.filter((p) => {
      const c = certs.get(p.certificateId);
      return c && !publishBlocker(p.vendorId, c, { status: 'approved' }, now);
    });
    await this.apply(ok, 'listed', 'relisted', actor);
  }

  /**
   * Moves products to `to` with conditional updates (a product already there is skipped), writes
   * one audit row and one outbox event per product changed. Returns how many changed.
   */
  private async apply(products: ListingRow[], to: ListingState, reason: ChangeReason, actor: Actor | null): Promise<number> {
    if (products.length === 0) return 0;
    const now = this.clock.now();
    const delistReason = to === 'delisted' ? (reason as DelistReason) : null;
    let changed = 0;
    for (const batch of chunks(products)) {
      const byState = new Map<string, typeof batch>();
      for (const p of batch) byState.set(p.state, [...(byState.get(p.state) ?? []), p]);
      for (const [from, group] of byState) {
        if (from === to) continue;
        const ids = group.map((p) => p.id);
        if ((await this.repo.changeState(ids, from, to, delistReason, now)) !== group.length) {
          // Someone changed some of them meanwhile: record only the rows now in the target state.
          const moved = await this.repo.idsInState(ids, to);
          group.splice(0, group.length, ...group.filter((p) => moved.has(p.id)));
        }
        if (group.length === 0) continue;
        changed += group.length;
        await this.repo.recordChanges(group, from as ListingState, to, reason, actor, now);
      }
    }
    return changed;
  }

  private async ownProduct(actor: Actor, productId: string): Promise<Product> {
    const p = actor.vendorId ? await this.repo.ownProduct(actor.vendorId, productId) : null;
    if (!p) throw new NotFoundError('No such product');
    return p;
  }

  private async reread(id: string): Promise<Product> {
    const p = await this.repo.product(id);
    if (!p) throw new NotFoundError('No such product');
    return p;
  }

  /** How many products matching `where` (a certificate, a vendor) are listed now. Read-only. */
  listedCount(where: { certificateId?: string; vendorId?: string }): Promise<number> {
    return this.repo.countListed(where);
  }

  /**
   * The audit log, newest first, optionally for one product, with each product's slug, title (in
   * Vietnamese, and in every language it has), vendor and certificate.
   */
  async history(opts: { productId?: string; page?: number; limit?: number } = {}): Promise<{ items: (ListingChange & { product: AuditedProduct | null })[]; total: number }> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
    const page = Math.max(opts.page ?? 1, 1);
    const [rows, total] = await this.repo.history({ productId: opts.productId }, limit, (page - 1) * limit);
    const products = await this.repo.productTitles([...new Set(rows.map((r) => r.productId))]);
    const byId = new Map<string, AuditedProduct>(
      products.map((p) => [p.id, { slug: p.slug, title: p.title.vi ?? p.title.en ?? p.slug, titles: p.title, vendorId: p.vendorId, certificateId: p.certificateId }]),
    );
    return { items: rows.map((r) => Object.assign(r, { product: byId.get(r.productId) ?? null })), total };
  }
}
