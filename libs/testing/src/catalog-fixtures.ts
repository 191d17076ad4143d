import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Certificate } from '@ocop/certification';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { Product } from '@ocop/catalog';

/** Rows for listing tests, inserted directly (the services that create them are tested elsewhere). */
export async function seedVendorWithCertificate(em: EntityManager, opts: { expiresAt?: Date; vendorStatus?: string; vendorName?: string; products?: number; state?: string } = {}) {
  const village = Object.assign(new Village(), {
    id: randomUUID(),
    slug: `bat-trang-${randomUUID().slice(0, 6)}`,
    name: 'Bát Tràng',
    province: 'Hà Nội',
    craft: 'gốm sứ',
    story: {},
    networks: [],
    photos: [],
    latitude: null,
    longitude: null,
    featured: false,
    featuredRank: null,
    featuredFrom: null,
    featuredUntil: null,
  });
  await em.insert(Village, village);
  const vendor = Object.assign(new Vendor(), {
    id: randomUUID(),
    slug: `htx-${randomUUID().slice(0, 8)}`,
    name: opts.vendorName ?? 'HTX Gốm Bát Tràng',
    type: 'cooperative',
    villageId: village.id,
    taxCode: null,
    address: null,
    status: opts.vendorStatus ?? 'approved',
    statusReason: null,
    contactEmail: null,
    approvedAt: null,
  });
  await em.insert(Vendor, vendor);
  const cert = Object.assign(new Certificate(), {
    id: randomUUID(),
    decisionNo: `${Math.floor(Math.random() * 9000) + 1000}/QĐ-UBND`,
    certificateNo: null,
    decisionDate: '2025-03-01',
    issuingBody: 'UBND thành phố Hà Nội',
    level: 'provincial',
    vendorId: vendor.id,
    productName: `Bình gốm men lam ${randomUUID().slice(0, 4)}`,
    productGroup: 'handicrafts',
    stars: 4,
    score: null,
    expiresAt: opts.expiresAt ?? new Date('2028-02-29T17:00:00Z'),
    status: 'active',
    revokedAt: null,
    revokeReason: null,
    revokedByDecisionNo: null,
    supersedesId: null,
    supersededById: null,
    expiryProcessedAt: null,
  });
  await em.insert(Certificate, cert);
  const products = Array.from({ length: opts.products ?? 2 }, (_, n) => productRow({ vendorId: vendor.id, villageId: village.id }, cert.id, n, opts.state ?? 'listed'));
  // Copies go in: a multi-row insert writes the re-read generated columns (ids included) back
  // onto the objects it was given in row order, which would shuffle the ids of `products`.
  await insertProducts(em, products);
  return { village, vendor, cert, products };
}

/** A listed (or `state`) product row of a vendor under a certificate, for tests. */
export function productRow(vendor: { vendorId: string; villageId: string }, certificateId: string, n: number, state = 'listed'): Product {
  return Object.assign(new Product(), {
    id: randomUUID(),
    slug: `binh-gom-${randomUUID().slice(0, 8)}`,
    vendorId: vendor.vendorId,
    certificateId,
    villageId: vendor.villageId,
    title: { vi: `Bình gốm ${n}` },
    description: {},
    productGroup: 'handicrafts',
    priceVnd: 350000,
    stock: 10,
    weightGrams: null,
    gtin: null,
    exportEligible: false,
    images: [],
    traceability: {},
    state,
    delistReason: null,
    traceCode: randomUUID().slice(0, 8).toUpperCase(),
    scanCount: 0,
    unitsSold: 0,
    listedAt: new Date(),
  });
}

/**
 * Inserts product rows in batches. Copies go in: a multi-row insert writes the re-read generated
 * columns (ids included) back onto the objects it was given in row order, which would shuffle ids.
 */
export async function insertProducts(em: EntityManager, products: Product[]): Promise<void> {
  for (let i = 0; i < products.length; i += 200)
    await em.insert(
      Product,
      products.slice(i, i + 200).map((p) => ({ ...p })),
    );
}
