import { Between, In, IsNull, type FindOptionsWhere } from 'typeorm';
import { isUniqueViolation, type Transactions } from '@ocop/database';
import { User } from '@ocop/accounts';
import { Vendor } from '@ocop/vendors';
import { Certificate } from './certificate.entity';
import type { EffectiveStatus } from './certificate.rules';
import { Inspection } from './inspection.entity';

/** Lookups by lists of keys use IN lists of at most this many values. */
export const IN_BATCH = 500;

export const chunk = <T>(xs: T[], n = IN_BATCH): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

export interface CertificateFilters {
  status?: EffectiveStatus;
  vendorId?: string;
  /** Part of the decision number, certificate number or product name. */
  q?: string;
  /** Active certificates that lapse within this many days. */
  expiringWithinDays?: number;
  page: number;
  limit: number;
}

export interface InspectionFilters {
  result?: 'pass' | 'fail';
  certificateId?: string;
  page: number;
  limit: number;
}

export type VendorRow = Pick<Vendor, 'id' | 'name' | 'slug' | 'taxCode'>;
export type MemberRow = Pick<User, 'id' | 'email' | 'name' | 'locale' | 'vendorId'>;

// '!' escapes LIKE wildcards the same way on SQLite and MySQL (a backslash is read differently).
const escapeLike = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

/** A write refused by the unique (decision number, product name) key. */
export class DuplicateCertificate extends Error {}

/**
 * Every query of the certificate registry; vendor-owned reads take the vendor id as an argument.
 * Each method joins the caller's transaction (`Transactions.manager()`).
 */
export class CertificateRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  /** Inserts certificates in one statement; throws DuplicateCertificate when a key is taken. */
  async insert(rows: Certificate | Certificate[]): Promise<void> {
    try {
      await this.em.createQueryBuilder().insert().into(Certificate).values(rows).updateEntity(false).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateCertificate();
      throw err;
    }
  }

  /**
   * Writes `set` to a certificate still active, in one conditional update; returns whether it
   * changed. Throws DuplicateCertificate when the new key is taken.
   */
  async updateActive(id: string, set: Partial<Certificate>): Promise<boolean> {
    try {
      const res = await this.em.createQueryBuilder().update(Certificate).set(set).where('id = :id AND status = :active', { id, active: 'active' }).execute();
      return res.affected === 1;
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateCertificate();
      throw err;
    }
  }

  /** active → revoked in one conditional update; returns whether this call revoked it. */
  async revoke(id: string, at: Date, reason: string, decisionNo: string | null): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(Certificate)
      .set({ status: 'revoked', revokedAt: at, revokeReason: reason, revokedByDecisionNo: decisionNo })
      .where('id = :id AND status = :active', { id, active: 'active' })
      .execute();
    return res.affected === 1;
  }

  /**
   * Points a certificate not yet renewed at its successor (an active one becomes `superseded`;
   * a revoked one keeps its status) in one conditional update; returns whether it changed.
   */
  async supersede(old: Pick<Certificate, 'id' | 'status'>, successorId: string): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(Certificate)
      .set(old.status === 'active' ? { status: 'superseded', supersededById: successorId } : { supersededById: successorId })
      .where('id = :id AND status = :status AND supersededById IS NULL', { id: old.id, status: old.status })
      .execute();
    return res.affected === 1;
  }

  /** Marks an active certificate's passed expiry as processed; returns whether this call did. */
  async markExpiryProcessed(id: string, now: Date): Promise<boolean> {
    const res = await this.em
      .createQueryBuilder()
      .update(Certificate)
      .set({ expiryProcessedAt: now })
      .where('id = :id AND status = :active AND expiresAt <= :now AND expiryProcessedAt IS NULL', { id, active: 'active', now })
      .execute();
    return res.affected === 1;
  }

  /** Active certificates with an unprocessed expiry between `from` and `until`. */
  upcomingExpiries(from: Date, until: Date): Promise<Pick<Certificate, 'id' | 'expiresAt'>[]> {
    return this.em.find(Certificate, { select: { id: true, expiresAt: true }, where: { status: 'active', expiryProcessedAt: IsNull(), expiresAt: Between(from, until) } });
  }

  async insertInspection(row: Inspection): Promise<void> {
    await this.em.insert(Inspection, row);
  }

  inspection(id: string): Promise<Inspection | null> {
    return this.em.findOneBy(Inspection, { id });
  }

  byId(id: string): Promise<Certificate | null> {
    return this.em.findOneBy(Certificate, { id });
  }

  async byIds(ids: string[]): Promise<Map<string, Certificate>> {
    const out = new Map<string, Certificate>();
    for (const part of chunk([...new Set(ids)])) for (const c of await this.em.findBy(Certificate, { id: In(part) })) out.set(c.id, c);
    return out;
  }

  byKey(decisionNo: string, productName: string): Promise<Certificate | null> {
    return this.em.findOneBy(Certificate, { decisionNo, productName });
  }

  /** Certificates carrying any of these decision numbers, in IN lists of at most 500. */
  async byDecisionNos(decisionNos: string[]): Promise<Certificate[]> {
    const out: Certificate[] = [];
    for (const part of chunk([...new Set(decisionNos)])) out.push(...(await this.em.findBy(Certificate, { decisionNo: In(part) })));
    return out;
  }

  /** A page of the registry: newest first, or soonest to lapse first when filtering on expiry. */
  async list(f: CertificateFilters, now: Date): Promise<{ items: Certificate[]; total: number }> {
    const qb = this.em.createQueryBuilder(Certificate, 'c');
    if (f.status === 'active') qb.andWhere('c.status = :active AND c.expiresAt > :now', { active: 'active', now });
    else if (f.status === 'expired') qb.andWhere('c.status = :active AND c.expiresAt <= :now', { active: 'active', now });
    else if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.vendorId) qb.andWhere('c.vendorId = :vendorId', { vendorId: f.vendorId });
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      qb.andWhere("(c.decisionNo LIKE :like ESCAPE '!' OR c.productName LIKE :like ESCAPE '!' OR c.certificateNo LIKE :like ESCAPE '!')", { like });
    }
    if (f.expiringWithinDays !== undefined) {
      const until = new Date(now.getTime() + f.expiringWithinDays * 86_400_000);
      qb.andWhere('c.status = :active AND c.expiresAt > :now AND c.expiresAt <= :until', { active: 'active', now, until });
      qb.orderBy('c.expiresAt', 'ASC');
    } else {
      qb.orderBy('c.createdAt', 'DESC');
    }
    qb.addOrderBy('c.id', 'ASC')
      .skip((f.page - 1) * f.limit)
      .take(f.limit);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** One vendor's certificates, soonest to lapse first. */
  byVendor(vendorId: string): Promise<Certificate[]> {
    return this.em.find(Certificate, { where: { vendorId }, order: { expiresAt: 'ASC', productName: 'ASC' } });
  }

  vendor(id: string): Promise<VendorRow | null> {
    return this.em.findOne(Vendor, { select: { id: true, name: true, slug: true, taxCode: true }, where: { id } });
  }

  async vendorsByIds(ids: string[]): Promise<Map<string, VendorRow>> {
    const out = new Map<string, VendorRow>();
    for (const part of chunk([...new Set(ids)])) {
      for (const v of await this.em.find(Vendor, { select: { id: true, name: true, slug: true, taxCode: true }, where: { id: In(part) } })) out.set(v.id, v);
    }
    return out;
  }

  /** Vendors whose id, slug or tax code is one of `refs`, in IN lists of at most 500. */
  async vendorsByRefs(refs: string[]): Promise<VendorRow[]> {
    const out = new Map<string, VendorRow>();
    for (const part of chunk([...new Set(refs)])) {
      const rows = await this.em.find(Vendor, {
        select: { id: true, name: true, slug: true, taxCode: true },
        where: [{ id: In(part) }, { slug: In(part) }, { taxCode: In(part) }],
      });
      for (const v of rows) out.set(v.id, v);
    }
    return [...out.values()];
  }

  /** Every vendor by name, for the create form. */
  vendorOptions(): Promise<VendorRow[]> {
    return this.em.find(Vendor, { select: { id: true, name: true, slug: true, taxCode: true }, order: { name: 'ASC' } });
  }

  /** Active certificates past their expiry whose expiry has not been processed, oldest first. */
  dueForExpiry(now: Date, limit: number): Promise<Pick<Certificate, 'id' | 'vendorId' | 'expiresAt'>[]> {
    return this.em
      .createQueryBuilder(Certificate, 'c')
      .select(['c.id', 'c.vendorId', 'c.expiresAt'])
      .where('c.status = :active AND c.expiresAt <= :now AND c.expiryProcessedAt IS NULL', { active: 'active', now })
      .orderBy('c.expiresAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Active certificates lapsing in (now, until], in pages after `afterId` (keyset on id). */
  expiringWithin(now: Date, until: Date, afterId: string, limit: number): Promise<Certificate[]> {
    return this.em
      .createQueryBuilder(Certificate, 'c')
      .where('c.status = :active AND c.expiresAt > :now AND c.expiresAt <= :until AND c.id > :afterId', { active: 'active', now, until, afterId })
      .orderBy('c.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Everyone working for these vendors (owner and staff). */
  async members(vendorIds: string[]): Promise<MemberRow[]> {
    const out: MemberRow[] = [];
    for (const part of chunk([...new Set(vendorIds)])) {
      out.push(...(await this.em.find(User, { select: { id: true, email: true, name: true, locale: true, vendorId: true }, where: { vendorId: In(part) } })));
    }
    return out;
  }

  /** A page of inspections, newest inspection date first. */
  async inspections(f: InspectionFilters): Promise<{ items: Inspection[]; total: number }> {
    const where: FindOptionsWhere<Inspection> = {};
    if (f.result) where.result = f.result;
    if (f.certificateId) where.certificateId = f.certificateId;
    const [items, total] = await this.em.findAndCount(Inspection, {
      where,
      order: { inspectedOn: 'DESC', createdAt: 'DESC', id: 'ASC' },
      skip: (f.page - 1) * f.limit,
      take: f.limit,
    });
    return { items, total };
  }
}
