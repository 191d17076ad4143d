import { In, type FindOneOptions } from 'typeorm';
import type { Transactions } from '@ocop/database';
import { User } from '@ocop/accounts';
import { insertWithFreeSlug, Village } from '@ocop/villages';
import { Vendor, type VendorStatus } from './vendor.entity';

/** A user working for a vendor. */
export interface VendorMember {
  userId: string;
  email: string;
  name: string;
  role: 'owner' | 'staff';
}

const toMember = (u: Pick<User, 'id' | 'email' | 'name' | 'vendorRole'>): VendorMember => ({ userId: u.id, email: u.email, name: u.name, role: u.vendorRole ?? 'staff' });

/**
 * The queries of the vendors library. Member reads take the vendor id as a required argument.
 * Membership lives on the users table (accounts), which vendors may read as the layer above it.
 * Each method joins the caller's transaction (`Transactions.manager()`).
 */
export class VendorRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  /** Inserts the vendor with the first free slug from `base` (see `insertWithFreeSlug`). */
  insert(row: Vendor, base: string): Promise<Vendor> {
    return insertWithFreeSlug(this.em, Vendor, row, base);
  }

  /**
   * Moves a vendor to `set.status` with one conditional update from any other status; returns
   * whether this call moved it, so of two concurrent twins only one goes on to announce it.
   */
  async changeStatus(id: string, set: Partial<Vendor> & { status: VendorStatus }): Promise<boolean> {
    const res = await this.em.createQueryBuilder().update(Vendor).set(set).where('id = :id AND status <> :to', { id, to: set.status }).execute();
    return (res.affected ?? 0) > 0;
  }

  /** Writes profile fields; returns whether the vendor exists. */
  async update(id: string, set: Partial<Vendor>): Promise<boolean> {
    const res = await this.em.update(Vendor, { id }, set);
    return (res.affected ?? 0) > 0;
  }

  byId(id: string): Promise<Vendor | null> {
    return this.em.findOneBy(Vendor, { id });
  }

  /** Vendors in one status (or all), oldest first, so the approval queue reads first come, first served. */
  list(status?: VendorStatus): Promise<Vendor[]> {
    return this.em.find(Vendor, { where: status ? { status } : {}, order: { createdAt: 'ASC', name: 'ASC' } });
  }

  villages(ids: string[]): Promise<Pick<Village, 'id' | 'slug' | 'name' | 'province'>[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.em.find(Village, { select: { id: true, slug: true, name: true, province: true }, where: { id: In([...new Set(ids)]) } });
  }

  /** The members of one vendor, owner first, then by name. */
  async members(vendorId: string): Promise<VendorMember[]> {
    const users = await this.em.find(User, { select: { id: true, email: true, name: true, vendorRole: true }, where: { vendorId } });
    return users.map(toMember).sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'vi') : a.role === 'owner' ? -1 : 1));
  }

  /** The owners of these vendors, by vendor id. */
  async owners(vendorIds: string[]): Promise<Map<string, Pick<User, 'id' | 'email' | 'name' | 'locale' | 'vendorId'>>> {
    if (!vendorIds.length) return new Map();
    const users = await this.em.find(User, { select: { id: true, email: true, name: true, locale: true, vendorId: true }, where: { vendorId: In([...new Set(vendorIds)]), vendorRole: 'owner' } });
    return new Map(users.map((u) => [u.vendorId!, u]));
  }

  /**
   * A user by id or e-mail, for a membership change. On MySQL-compatible servers the row is
   * locked until the transaction ends, so two concurrent changes cannot both see the user as
   * vendorless; SQLite runs one transaction at a time and needs (and supports) no lock.
   */
  userForUpdate(where: { id: string } | { email: string }): Promise<Pick<User, 'id' | 'email' | 'name' | 'vendorId' | 'vendorRole'> | null> {
    const options: FindOneOptions<User> = { select: { id: true, email: true, name: true, vendorId: true, vendorRole: true }, where };
    if (this.em.connection.options.type !== 'better-sqlite3') options.lock = { mode: 'pessimistic_write' };
    return this.em.findOne(User, options);
  }
}
