import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, ConflictError, Events, ForbiddenError, LOCALES, NotFoundError, Rules, ValidationError, type Actor, type ProductUpdatedEvent } from '@ocop/core';
import { record, Transactions } from '@ocop/database';
import { checkImage, FileStorage, MEDIA_PREFIX, newMediaKey } from '@ocop/storage';
import { effectiveStatus, type EffectiveStatus } from '@ocop/certification';
import { publishBlocker, REASON_TEXT, sellability, type NotSellableReason } from './listing-gate';
import { ListingService } from './listing.service';
import { Product, type LocalizedText } from './product.entity';
import { cleanText, cleanTraceability, MAX_IMAGES, productInputProblems, productSlug, type ProductChanges, type ProductInput } from './product.rules';
import { ProductRepository, type CertificateSummary } from './products.repository';
import { qrPng, qrSvg, verifyUrl } from './qr-label';
import { newTraceCode } from './trace-code';

/** A product as its vendor sees it: the row, its certificate, whether it sells now and why not. */
export type VendorProduct = Product & {
  certificate: (CertificateSummary & { publicStatus: EffectiveStatus }) | null;
  sellable: boolean;
  reason: NotSellableReason | null;
  verifyUrl: string;
};

export type CertificateOption = CertificateSummary & { publicStatus: EffectiveStatus };

export interface QrLabel {
  contentType: 'image/png' | 'image/svg+xml; charset=utf-8';
  body: Buffer | string;
  filename: string;
}

const INSERT_ATTEMPTS = 5;

/** The caller's vendor id; ForbiddenError when the caller works for no vendor. */
function vendorOf(actor: Actor): string {
  if (!actor.vendorId) throw new ForbiddenError('This needs a vendor account');
  return actor.vendorId;
}

/** The same answer for another vendor's certificate and an unknown id, so neither tells that the other exists. */
const noSuchCertificate = () => new NotFoundError('No such certificate', { errors: [{ field: 'certificateId', message: Rules.unknownChoice('certificate of your vendor').text }] });

function firstProblem(input: unknown, mode: 'create' | 'update'): void {
  const [p] = productInputProblems(input, mode);
  if (p) throw new ValidationError(p.field, p.message);
}

/** Given languages replace, empty ones are removed (a title's Vietnamese is required, so the rules refuse it empty). */
function mergeText(current: LocalizedText, patch: LocalizedText): LocalizedText {
  const out: LocalizedText = { ...current };
  for (const lang of LOCALES) {
    const t = patch[lang];
    if (t === undefined || t === null) continue;
    if (t.trim() === '') delete out[lang];
    else out[lang] = t.trim();
  }
  return out;
}

/**
 * A vendor's products: creation as drafts, changes, images, QR labels. Every query is scoped by
 * the caller's vendor; another vendor's product answers NotFoundError. Listing state is never
 * written here: publishing and unpublishing go through `ListingService`.
 */
@Injectable()
export class ProductsService {
  private readonly repo: ProductRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly storage: FileStorage,
    private readonly listing: ListingService,
  ) {
    this.repo = new ProductRepository(tx);
  }

  /**
   * Creates a product in `draft` with a fresh trace code and a slug from its Vietnamese title.
   * The certificate must be one the vendor holds: a product never points at another producer's
   * certificate, even as a draft, since its label would show that producer's recognition. The
   * village defaults to the vendor's. Not idempotent. Throws ForbiddenError without a vendor,
   * NotFoundError (field `certificateId`) for a certificate the vendor does not hold (unknown or
   * another vendor's, alike), ValidationError naming the field (`villageId` when it names nothing).
   */
  async create(actor: Actor, input: ProductInput): Promise<VendorProduct> {
    const vendorId = vendorOf(actor);
    firstProblem(input, 'create');
    const id = await this.tx.run(async () => {
      const repo = this.repo;
      const vendor = await repo.vendor(vendorId);
      if (!vendor) throw new ForbiddenError('This needs a vendor account');
      if (!(await repo.vendorCertificate(vendorId, input.certificateId))) throw noSuchCertificate();
      if (input.villageId && !(await repo.villageExists(input.villageId))) throw new ValidationError('villageId', Rules.unknownChoice('village'));
      const title = cleanText(input.title);
      const row = Object.assign(new Product(), {
        id: randomUUID(),
        vendorId,
        certificateId: input.certificateId,
        villageId: input.villageId ?? vendor.villageId,
        title,
        description: cleanText(input.description),
        productGroup: input.productGroup,
        priceVnd: input.priceVnd,
        stock: input.stock,
        weightGrams: input.weightGrams ?? null,
        gtin: input.gtin || null,
        exportEligible: input.exportEligible ?? false,
        images: input.images ?? [],
        traceability: cleanTraceability(input.traceability),
        state: 'draft' as const,
        delistReason: null,
        scanCount: 0,
        unitsSold: 0,
        listedAt: null,
      });
      await this.insertWithFreshCodes(row, title.vi!);
      return row.id;
    });
    return this.get(actor, id);
  }

  /** Inserts with a new slug suffix and trace code until neither clashes with a unique index. */
  private async insertWithFreshCodes(row: Product, titleVi: string): Promise<void> {
    for (let attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
      row.slug = productSlug(titleVi);
      row.traceCode = newTraceCode();
      if (await this.repo.tryInsert(row)) return;
    }
    throw new ConflictError('Could not give the product a unique code; try again', { reason: 'code_taken' });
  }

  /**
   * Changes any of a product's fields (titles and descriptions merge per language; an empty
   * translation is removed). The slug and trace code stay. A new certificate must be one the
   * vendor holds (NotFoundError with field `certificateId` otherwise); on a listed product one
   * that would stop it selling is refused with ConflictError carrying the gate's `reason`. Throws
   * ForbiddenError, NotFoundError (another vendor's product too), ValidationError naming the field.
   */
  async update(actor: Actor, id: string, changes: ProductChanges): Promise<VendorProduct> {
    const vendorId = vendorOf(actor);
    firstProblem(changes, 'update');
    await this.tx.run(async () => {
      const repo = this.repo;
      const p = await repo.ownProductForUpdate(vendorId, id);
      if (!p) throw new NotFoundError('No such product');
      const set: Partial<Product> = {};
      if (changes.certificateId !== undefined && changes.certificateId !== p.certificateId) {
        const cert = await repo.vendorCertificate(vendorId, changes.certificateId);
        if (!cert) throw noSuchCertificate();
        if (p.state === 'listed') {
          const vendor = await repo.vendor(vendorId);
          const blocker = vendor ? publishBlocker(p.vendorId, cert, vendor, this.clock.now()) : 'vendor_pending';
          if (blocker) throw new ConflictError(`This listed product cannot move to that certificate: ${REASON_TEXT[blocker]}`, { reason: blocker });
        }
        set.certificateId = cert.id;
      }
      if (changes.villageId !== undefined && changes.villageId !== p.villageId) {
        if (!(await repo.villageExists(changes.villageId))) throw new ValidationError('villageId', Rules.unknownChoice('village'));
        set.villageId = changes.villageId;
      }
      if (changes.title !== undefined) set.title = mergeText(p.title, changes.title);
      if (changes.description !== undefined) set.description = mergeText(p.description, changes.description);
      if (changes.productGroup !== undefined) set.productGroup = changes.productGroup;
      if (changes.priceVnd !== undefined) set.priceVnd = changes.priceVnd;
      if (changes.stock !== undefined) set.stock = changes.stock;
      if (changes.weightGrams !== undefined) set.weightGrams = changes.weightGrams;
      if (changes.gtin !== undefined) set.gtin = changes.gtin || null;
      if (changes.images !== undefined) set.images = changes.images;
      if (changes.exportEligible !== undefined) set.exportEligible = changes.exportEligible;
      if (changes.traceability !== undefined) set.traceability = cleanTraceability(changes.traceability);
      if (Object.keys(set).length) {
        await repo.updateOwn(vendorId, p.id, set);
        // The search index and other readers of product details follow this event.
        const event: ProductUpdatedEvent = { productId: p.id, vendorId, fields: Object.keys(set), at: this.clock.now().toISOString() };
        await record(Events.ProductUpdated, event);
      }
    });
    return this.get(actor, id);
  }

  /** The caller's products, newest first. Throws ForbiddenError without a vendor. */
  async list(actor: Actor, opts: { page?: number; limit?: number } = {}): Promise<{ items: VendorProduct[]; total: number }> {
    const vendorId = vendorOf(actor);
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    const page = Math.max(opts.page ?? 1, 1);
    const [rows, total] = await this.repo.listOwn(vendorId, page, limit);
    return { items: await this.decorate(vendorId, rows), total };
  }

  /** One of the caller's products. Throws ForbiddenError, NotFoundError (another vendor's too). */
  async get(actor: Actor, id: string): Promise<VendorProduct> {
    const vendorId = vendorOf(actor);
    const p = await this.repo.ownProduct(vendorId, id);
    if (!p) throw new NotFoundError('No such product');
    return (await this.decorate(vendorId, [p]))[0];
  }

  /** Lists the product (see `ListingService.publish`); ConflictError with the gate's `reason` when it may not sell. */
  async publish(actor: Actor, id: string): Promise<VendorProduct> {
    vendorOf(actor);
    await this.listing.publish(actor, id);
    return this.get(actor, id);
  }

  /** Takes the product off sale (reason `vendor`); idempotent. Throws ForbiddenError, NotFoundError. */
  async unpublish(actor: Actor, id: string): Promise<VendorProduct> {
    vendorOf(actor);
    await this.listing.unpublish(actor, id);
    return this.get(actor, id);
  }

  /** The listing changes of one of the caller's products, newest first. Throws ForbiddenError, NotFoundError. */
  async history(actor: Actor, id: string) {
    await this.get(actor, id);
    return this.listing.history({ productId: id, limit: 100 });
  }

  /** The caller's certificates, for choosing one on a product. Throws ForbiddenError. */
  async certificates(actor: Actor): Promise<CertificateOption[]> {
    const vendorId = vendorOf(actor);
    const now = this.clock.now();
    const rows = await this.repo.vendorCertificates(vendorId);
    return rows.map((c) => Object.assign(c, { publicStatus: effectiveStatus(c, now) }));
  }

  /**
   * Checks and stores uploaded images (JPEG, PNG or WebP by their bytes, at most 5 MiB each) under
   * new random keys and appends their `/media/…` paths to the product's images. All or nothing:
   * a bad file stores none. Throws ForbiddenError, NotFoundError, ValidationError('file') for a bad
   * file or none, ValidationError('images') past 20 images.
   */
  async addImages(actor: Actor, id: string, files: Buffer[]): Promise<VendorProduct> {
    const vendorId = vendorOf(actor);
    if (files.length === 0) throw new ValidationError('file', 'send at least one image');
    const current = await this.repo.ownProduct(vendorId, id);
    if (!current) throw new NotFoundError('No such product');
    const checked = files.map((data) => ({ data, type: checkImage(data, 'file') }));
    const keys = checked.map((f) => newMediaKey(f.type));
    await Promise.all(checked.map((f, i) => this.storage.put(keys[i], f.data, f.type)));
    try {
      await this.tx.run(async () => {
        const p = await this.repo.ownProductForUpdate(vendorId, id);
        if (!p) throw new NotFoundError('No such product');
        const images = [...p.images, ...keys.map((k) => MEDIA_PREFIX + k)];
        if (images.length > MAX_IMAGES) throw new ValidationError('images', `a product has at most ${MAX_IMAGES} images`);
        await this.repo.updateOwn(vendorId, id, { images });
      });
    } catch (err) {
      await Promise.all(keys.map((k) => this.storage.delete(k).catch(() => undefined)));
      throw err;
    }
    return this.get(actor, id);
  }

  /** The label of one of the caller's products: a QR code of its verification URL. Throws ForbiddenError, NotFoundError. */
  async qrLabel(actor: Actor, id: string, format: 'png' | 'svg'): Promise<QrLabel> {
    const p = await this.get(actor, id);
    if (format === 'png') return { contentType: 'image/png', body: await qrPng(p.verifyUrl), filename: `${p.traceCode}.png` };
    return { contentType: 'image/svg+xml; charset=utf-8', body: qrSvg(p.verifyUrl, p.traceCode), filename: `${p.traceCode}.svg` };
  }

  private async decorate(vendorId: string, rows: Product[]): Promise<VendorProduct[]> {
    const repo = this.repo;
    const [certs, vendor] = await Promise.all([repo.certificates(rows.map((p) => p.certificateId)), repo.vendor(vendorId)]);
    const now = this.clock.now();
    return rows.map((p) => {
      const c = certs.get(p.certificateId);
      const gate = c && vendor ? sellability(p, c, vendor, now) : ({ sellable: false, reason: 'certificate_not_vendors' } as const);
      // A product saved under another producer's certificate before that was refused shows none of its record.
      const own = c && c.vendorId === vendorId ? c : null;
      return Object.assign(p, {
        certificate: own ? { ...own, publicStatus: effectiveStatus(own, now) } : null,
        sellable: gate.sellable,
        reason: gate.sellable ? null : gate.reason,
        verifyUrl: verifyUrl(this.config.urls.storefront, p.traceCode),
      });
    });
  }
}
