import { In, type FindOneOptions } from 'typeorm';
import { isUniqueViolation, type Transactions } from '@ocop/database';
import { Certificate } from '@ocop/certification';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { Product } from './product.entity';

/** A certificate as a vendor picks it for a product. */
export type CertificateSummary = Pick<Certificate, 'id' | 'decisionNo' | 'certificateNo' | 'productName' | 'productGroup' | 'stars' | 'issuingBody' | 'status' | 'expiresAt' | 'vendorId'>;

const CERTIFICATE_SUMMARY = {
  id: true,
  decisionNo: true,
  certificateNo: true,
  productName: true,
  productGroup: true,
  stars: true,
  issuingBody: true,
  status: true,
  expiresAt: true,
  vendorId: true,
} as const;

/**
 * The vendor side's queries over products; every product read takes the owning vendor's id.
 * Each method joins the caller's transaction (`Transactions.manager()`).
 */
export class ProductRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  /** Inserts the product; false when its slug or trace code is taken (the transaction stays usable). */
  async tryInsert(row: Product): Promise<boolean> {
    try {
      await this.em.insert(Product, row);
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return false;
    }
  }

  /** Writes `set` to the vendor's product. */
  async updateOwn(vendorId: string, id: string, set: Partial<Product>): Promise<void> {
    await this.em.update(Product, { id, vendorId }, set);
  }

  ownProduct(vendorId: string, id: string): Promise<Product | null> {
    return this.em.findOneBy(Product, { id, vendorId });
  }

  /** The vendor's product, locked for the rest of the transaction on MySQL (SQLite runs transactions one at a time). */
  ownProductForUpdate(vendorId: string, id: string): Promise<Product | null> {
    const options: FindOneOptions<Product> = { where: { id, vendorId } };
    if (this.em.connection.options.type !== 'better-sqlite3') options.lock = { mode: 'pessimistic_write' };
    return this.em.findOne(Product, options);
  }

  listOwn(vendorId: string, page: number, limit: number): Promise<[Product[], number]> {
    return this.em.findAndCount(Product, { where: { vendorId }, order: { createdAt: 'DESC', id: 'ASC' }, skip: (page - 1) * limit, take: limit });
  }

  vendor(id: string): Promise<Vendor | null> {
    return this.em.findOneBy(Vendor, { id });
  }

  villageExists(id: string): Promise<boolean> {
    return this.em.existsBy(Village, { id });
  }

  /** One of the vendor's own certificates; another vendor's answers null like an unknown id. */
  vendorCertificate(vendorId: string, id: string): Promise<CertificateSummary | null> {
    return this.em.findOne(Certificate, { select: CERTIFICATE_SUMMARY, where: { id, vendorId } });
  }

  async certificates(ids: string[]): Promise<Map<string, CertificateSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em.find(Certificate, { select: CERTIFICATE_SUMMARY, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((c) => [c.id, c]));
  }

  /** The vendor's certificates, newest decision first. */
  vendorCertificates(vendorId: string): Promise<CertificateSummary[]> {
    return this.em.find(Certificate, { select: CERTIFICATE_SUMMARY, where: { vendorId }, order: { decisionDate: 'DESC', productName: 'ASC' } });
  }
}
