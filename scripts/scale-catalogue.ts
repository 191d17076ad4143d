/**
 * The one generator of large, realistic catalogues (used by `npm run seed:scale` and the catalogue
 * benchmarks): real craft villages and OCOP product lines, cooperatives, enterprises and household
 * businesses, certificates with the programme's star mix and decision dates spread so that some
 * have lapsed, and products with titles in vi/en/de/id and Vietnamese descriptions.
 *
 * Pure and deterministic: the same seed, size and day give the same rows, ids included (every
 * random choice, UUIDs and trace codes too, comes from a seeded generator). Nothing here touches
 * the database; `scripts/seed-scale.ts` writes the rows and replays the revocations and expiries
 * through the registry's own services.
 */
import type { Actor } from '@ocop/core';
import { Certificate, defaultExpiry, vnDate, vnMidnight } from '@ocop/certification';
import { gtinCheckDigit, ListingChange, newTraceCode, Product, productSlug, type Traceability } from '@ocop/catalog';
import { Vendor, type VendorType } from '@ocop/vendors';
import { nextFreeSlug, slugify, Village } from '@ocop/villages';
import {
  BRANDS,
  FAMILY,
  FEMALE,
  FOOD_SAFETY_GROUND,
  KINDS,
  LAPSED_GROUND,
  MALE,
  MORE,
  PLACES,
  QUALIFIERS,
  REVOCATION_GROUNDS,
  TWO_LEVEL_REFORM,
  type Kind,
  type Place,
  type Text,
  type Variant,
} from './scale-catalogue.words';
import { decisionNumber, issuerFor, roundOf, type Tier } from './scale-catalogue.registry';
import { hashOf, Prng } from './seeded-random';

export type { Tier } from './scale-catalogue.registry';

const DAY = 86_400_000;

/** Who the seeded catalogue's publications and revocations are recorded as (audit rows, events). */
export const SEED_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'seed-scale@localhost',
  name: 'Scale seed (command line)',
  roles: ['admin'],
  vendorId: null,
  vendorRole: null,
  locale: 'vi',
};

// ---------------------------------------------------------------------------------------------
// The catalogue

/** What already exists when adding to a non-empty database, so that nothing generated clashes with it. */
export interface Taken {
  /** Existing villages by `name|province`: the catalogue places its vendors there instead of repeating the village. */
  villages: Map<string, string>;
  villageSlugs: Set<string>;
  vendorSlugs: Set<string>;
  productSlugs: Set<string>;
  traceCodes: Set<string>;
  /** `decisionNo|productName` of existing certificates. */
  certificateKeys: Set<string>;
}

export const nothingTaken = (): Taken => ({ villages: new Map(), villageSlugs: new Set(), vendorSlugs: new Set(), productSlugs: new Set(), traceCodes: new Set(), certificateKeys: new Set() });

export interface GenerateOptions {
  products: number;
  seed: number;
  /** The run's instant; dates are placed relative to its calendar day in Vietnam. */
  now: Date;
  taken?: Taken;
}

/** One revocation to replay through the registry, at the moment it happened. */
export interface PlannedRevocation {
  certificateId: string;
  at: Date;
  reason: string;
  decisionNo: string;
}

export interface ScaleCatalogue {
  /** New villages only; with `taken`, vendors may also sit in existing ones. */
  villages: Village[];
  vendors: Vendor[];
  certificates: Certificate[];
  products: Product[];
  /** The audit rows of the vendors' own listing changes (publications, and a few taken off sale). */
  listingChanges: ListingChange[];
  /** Revocations in time order: some during validity, and lapsed certificates revoked in bulk. */
  revocations: PlannedRevocation[];
  tiers: Record<Tier, number>;
}

/** Vendors for a catalogue of `n` products: about 60 products each, at least a dozen (fewer for tiny ones), at most 400. */
export function vendorCount(n: number): number {
  return Math.min(400, Math.max(Math.ceil(n / 60), Math.min(n, 12)));
}

/**
 * How many certificates of `n` fall in each tier: 0.3 % five-star, 0.5 % potential five-star,
 * 45 % four-star and the rest three-star; the rare tiers get at least one once there are 20.
 */
export function tierQuotas(n: number): Record<Tier, number> {
  const rare = (share: number) => (n >= 20 ? Math.ceil(share * n) : Math.round(share * n));
  const five = Math.min(n, rare(0.003));
  const potentialFive = Math.min(n - five, rare(0.005));
  const four = Math.min(n - five - potentialFive, Math.round(0.45 * n));
  return { five, potentialFive, four, three: n - five - potentialFive - four };
}

const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const round1 = (x: number) => Math.round(x * 10) / 10;
const at = (ms: number) => new Date(Math.round(ms));

function productTitle(line: Text, place: Place, variant: Variant): Product['title'] {
  const p = plain(place.name);
  return {
    vi: `${line.vi} ${place.name} ${variant.vi}`,
    en: `${p} ${line.en}, ${variant.en}`,
    de: `${line.de} aus ${p} (${variant.de})`,
    id: `${line.id} ${p} ${variant.id}`,
  };
}

/** A line's product as a producer names it: the line, with a qualifier or a series number when the producer has more than one. */
function named(line: Text, qualifier: number): Text {
  if (qualifier < 0) return line;
  const q = QUALIFIERS[qualifier];
  if (q) return { vi: `${line.vi} ${q.vi}`, en: `${q.en} ${line.en}`, de: `${line.de} ${q.de}`, id: `${line.id} ${q.id}` };
  const n = qualifier - QUALIFIERS.length + 2;
  return { vi: `${line.vi} số ${n}`, en: `${line.en} no. ${n}`, de: `${line.de} Nr. ${n}`, id: `${line.id} no. ${n}` };
}

interface Skeleton {
  vendor: number;
  place: Place;
  kind: Kind;
  /** The product the certificate recognises. */
  name: Text;
  products: number;
  /** Preferred decision instant, snapped to the issuer's round. */
  ms: number;
}

/**
 * Row factories over the seeded streams. `generate` builds a whole catalogue; the benchmarks also
 * use the single-row factories for a catalogue of one certificate.
 */
export class CatalogueGenerator {
  private readonly streams = new Map<string, Prng>();
  readonly taken: Taken;
  /** 00:00 in Vietnam on the run's day: every generated instant lies before it. */
  readonly today: number;
  /** When the marketplace opened: villages and vendors are recorded from then on. */
  readonly launch: number;

  constructor(
    readonly seed: number,
    now: Date,
    taken: Taken = nothingTaken(),
  ) {
    this.taken = taken;
    this.today = vnMidnight(vnDate(now)).getTime();
    this.launch = this.today - 1290 * DAY;
  }

  rng(stream: string): Prng {
    let r = this.streams.get(stream);
    if (!r) this.streams.set(stream, (r = new Prng(this.seed, stream)));
    return r;
  }

  /** The village of a place: a new row, or the existing one's id when the database already has it. */
  village(place: Place, featuredRank: number | null): { row: Village | null; id: string } {
    const r = this.rng('villages');
    const id = r.uuid();
    const createdAt = at(this.launch - r.int(0, 30) * DAY);
    const existing = this.taken.villages.get(`${place.name}|${place.province}`);
    if (existing) return { row: null, id: existing };
    const slug = nextFreeSlug(slugify(place.name, 'lang-nghe'), this.taken.villageSlugs);
    this.taken.villageSlugs.add(slug);
    const kind: Kind = KINDS[place.kind];
    const row = Object.assign(new Village(), {
      id,
      slug,
      name: place.name,
      province: place.province,
      craft: kind.craft,
      story: {
        vi: `Làng nghề ${kind.craft.toLowerCase()} ${place.name} (${place.district}, ${place.province}). Các hợp tác xã và hộ sản xuất của làng bán sản phẩm OCOP trên sàn.`,
        en: `${plain(place.name)} (${plain(place.province)}) is known for its ${kind.trade}. Its cooperatives and household producers sell their OCOP products here.`,
      },
      networks: place.networks ?? [],
      photos: [],
      latitude: null,
      longitude: null,
      featured: featuredRank !== null,
      featuredRank,
      featuredFrom: null,
      featuredUntil: null,
      createdAt,
    });
    return { row, id };
  }

  /** Vendor `i` of a place: about a third cooperatives, a fifth enterprises, the rest household businesses. */
  vendor(i: number, place: Place, villageId: string): Vendor {
    const r = this.rng('vendors');
    const id = r.uuid();
    const kind: Kind = KINDS[place.kind];
    const brand = r.pick(BRANDS);
    const female = r.chance(0.5);
    const names = female ? FEMALE : MALE;
    const person = `${r.pick(FAMILY)} ${r.pick(names.middle)} ${r.pick(names.given)}`;
    const roll = r.next();
    let name: string;
    let type: VendorType;
    if (roll < 0.35) {
      type = 'cooperative';
      name = r.chance(0.5) ? `HTX ${kind.craft} ${place.name}` : `HTX ${kind.craft} ${brand}`;
    } else if (roll < 0.55) {
      type = 'enterprise';
      name = r.chance(0.5) ? `Công ty TNHH ${brand}` : `Công ty Cổ phần ${kind.craft} ${brand}`;
    } else {
      type = 'household';
      name = r.chance(0.5) ? `Hộ kinh doanh ${person}` : `Cơ sở ${kind.craft.toLowerCase()} ${person}`;
    }
    const slug = nextFreeSlug(slugify(name, `nha-san-xuat-${i + 1}`), this.taken.vendorSlugs);
    this.taken.vendorSlugs.add(slug);
    const approvedAt = at(this.launch + r.int(0, 180) * DAY + r.int(0, 86_399) * 1000);
    return Object.assign(new Vendor(), {
      id,
      slug,
      name,
      type,
      villageId,
      taxCode: String(r.int(100_000_000, 999_999_999)).padStart(10, '0'),
      address: `${place.name}, ${place.district}, ${place.province}`,
      status: 'approved' as const,
      statusReason: null,
      commissionBps: type === 'enterprise' ? 1000 : 800,
      contactEmail: null,
      approvedAt,
      createdAt: at(approvedAt.getTime() - r.int(1, 7) * DAY),
    });
  }

  /**
   * A certificate of a tier issued on the round at or before `ms` (the registry's own fields: the
   * default 36-month expiry, a council score in the tier's band; a potential five-star product
   * holds a provincial 4★ certificate scored 90 or more). `productName` is made unique within the
   * decision.
   */
  certificate(vendor: Vendor, place: Place, line: Text, tier: Tier, ms: number): Certificate {
    const r = this.rng('certificates');
    const id = r.uuid();
    const from = this.today - 1200 * DAY;
    const until = this.today - 3 * DAY;
    let issuer = issuerFor(tier, place, vnDate(at(ms)));
    let decided = roundOf(issuer, ms, from, until);
    // A district round that falls after the reform is a provincial one.
    if (issuer.level === 'district' && vnDate(at(decided)) >= TWO_LEVEL_REFORM) {
      issuer = issuerFor(tier, place, TWO_LEVEL_REFORM);
      decided = roundOf(issuer, ms, from, until);
    }
    const decisionDate = vnDate(at(decided));
    if (tier === 'five') issuer = issuerFor(tier, place, decisionDate);
    const kind: Kind = KINDS[place.kind];
    const decisionNo = `${decisionNumber(issuer.key, decisionDate)}/${issuer.suffix}`;
    let productName = `${line.vi} ${place.name}`;
    for (let k = 1; this.taken.certificateKeys.has(`${decisionNo}|${productName}`); k++)
      productName = k === 1 ? `${line.vi} ${place.name} – ${vendor.name}` : `${line.vi} ${place.name} – ${vendor.name} (${k})`;
    this.taken.certificateKeys.add(`${decisionNo}|${productName}`);
    const score = tier === 'five' ? 90 + r.next() * 8.5 : tier === 'potentialFive' ? 90 + r.next() * 5 : tier === 'four' ? 70 + r.next() * 19.9 : 50 + r.next() * 19.9;
    return Object.assign(new Certificate(), {
      id,
      decisionNo,
      certificateNo: null,
      decisionDate,
      issuingBody: issuer.body,
      level: issuer.level,
      vendorId: vendor.id,
      productName,
      productGroup: kind.group,
      stars: tier === 'five' ? 5 : tier === 'three' ? 3 : 4,
      score: round1(score),
      expiresAt: defaultExpiry(decisionDate),
      status: 'active' as const,
      revokedAt: null,
      revokeReason: null,
      revokedByDecisionNo: null,
      supersedesId: null,
      supersededById: null,
      expiryProcessedAt: null,
      createdAt: at(vnMidnight(decisionDate).getTime() + r.int(1, 10) * DAY),
    });
  }

  /**
   * A product of a certificate, published by its vendor before `until` (the certificate's
   * revocation or expiry, or today): about 1.5 % stay drafts and 2 % were taken off sale by the
   * vendor, each with the audit rows the listing service writes.
   */
  product(vendor: Vendor, place: Place, cert: Certificate, line: Text, variant: Variant, until: number, seq: number): { product: Product; changes: ListingChange[] } {
    const r = this.rng('products');
    const id = r.uuid();
    const kind: Kind = KINDS[place.kind];
    const title = productTitle(line, place, variant);
    let slug: string;
    do slug = productSlug(title.vi!, Array.from(r.bytes(5), (b) => 'abcdefghijkmnpqrstuvwxyz23456789'[b & 31]).join(''));
    while (this.taken.productSlugs.has(slug));
    this.taken.productSlugs.add(slug);
    let traceCode: string;
    do traceCode = newTraceCode((n) => r.bytes(n));
    while (this.taken.traceCodes.has(traceCode));
    this.taken.traceCodes.add(traceCode);
    const start = Math.max(vnMidnight(cert.decisionDate).getTime() + DAY, (vendor.approvedAt?.getTime() ?? 0) + 3_600_000);
    const createdAt = start + r.next() * Math.min(30 * DAY, (until - start) / 2);
    const listedAt = createdAt + r.next() * Math.min(5 * DAY, (until - createdAt) / 2);
    const roll = r.next();
    const state = roll < 0.015 ? 'draft' : roll < 0.035 ? 'delisted' : 'listed';
    const changes: ListingChange[] = [];
    const change = (from: string, to: string, reason: string, when: number) =>
      Object.assign(new ListingChange(), { id: r.uuid(), productId: id, fromState: from, toState: to, reason, actorId: SEED_ACTOR.id, actorEmail: SEED_ACTOR.email, createdAt: at(when) });
    if (state !== 'draft') changes.push(change('draft', 'listed', 'published', listedAt));
    if (state === 'delisted') changes.push(change('listed', 'delisted', 'vendor', listedAt + r.next() * (until - listedAt) * 0.9));
    const foodLike = kind.group === 'food' || kind.group === 'beverages' || kind.group === 'herbal';
    const traceability: Traceability = { producerAddress: vendor.address ?? undefined, ...(foodLike ? { shelfLife: `${r.pick([6, 12, 18, 24])} tháng kể từ ngày sản xuất` } : {}) };
    const withGtin = r.chance(vendor.type === 'household' ? 0.35 : 0.7) && seq < 10_000;
    const company = 10_000 + (hashOf(vendor.id) % 90_000);
    const data = `893${company}${String(seq).padStart(4, '0')}`;
    const pictures = kind.pictures.length && r.chance(0.85) ? r.shuffle([...kind.pictures]).slice(0, r.int(1, kind.pictures.length)) : [];
    const price = kind.basePrice * variant.factor * (0.8 + r.next() * 0.5) * (cert.stars === 5 ? 1.3 : 1);
    const product = Object.assign(new Product(), {
      id,
      slug,
      vendorId: vendor.id,
      certificateId: cert.id,
      villageId: vendor.villageId,
      title,
      description: { vi: `${kind.describe(place.name, place.province)} ${r.pick(MORE[kind.group])}` },
      productGroup: kind.group,
      priceVnd: Math.max(10_000, Math.round(price / 1000) * 1000),
      stock: r.chance(0.06) ? 0 : 1 + Math.floor(r.next() ** 2 * 240),
      weightGrams: variant.grams,
      gtin: withGtin ? `${data}${gtinCheckDigit(data)}` : null,
      exportEligible: cert.stars === 5 || (cert.stars === 4 && r.chance(0.4)),
      images: pictures.map((p) => `/static/pictures/${p}.svg`),
      traceability,
      state,
      delistReason: state === 'delisted' ? ('vendor' as const) : null,
      traceCode,
      scanCount: Math.floor(r.next() ** 4 * 60),
      unitsSold: Math.floor(r.next() ** 3 * 600),
      listedAt: state === 'draft' ? null : at(listedAt),
      createdAt: at(createdAt),
    });
    return { product, changes };
  }

  /** A whole catalogue of `products` products; see the module comment. */
  generate(products: number): ScaleCatalogue {
    const places = PLACES;
    const villageIds = places.map((p, i) => this.village(p, i < 5 ? i + 1 : null));
    const vendors = Array.from({ length: vendorCount(products) }, (_, i) => this.vendor(i, places[i % places.length], villageIds[i % places.length].id));
    const vendorPlace = (i: number) => places[i % places.length];

    // Certificates before stars: how many there are decides the tiers' quotas.
    const shape = this.rng('shape');
    // Enterprises and cooperatives hold more certificates than household businesses.
    const size = { enterprise: 2, cooperative: 1.5, household: 0.6 };
    const weights = vendors.map((v) => size[v.type] * Math.exp(0.5 * shape.normal()));
    const cumulative: number[] = [];
    weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
    const total = cumulative[cumulative.length - 1];
    const draw = () => {
      const x = shape.next() * total;
      let lo = 0;
      for (let hi = cumulative.length - 1; lo < hi;) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] <= x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const from = this.today - 1200 * DAY;
    const skeletons: Skeleton[] = [];
    // Each vendor's certificates name different products: its village's lines first, plain, then
    // qualified ("đặc biệt", "thượng hạng", …); a vendor that has used every name is passed over,
    // and only when every vendor drawn has are series numbers used.
    const held = vendors.map(() => new Set<string>());
    const nameFor = (vendor: number, place: Place, kind: Kind, numbered: boolean): Text | null => {
      const preferred = place.lines ?? kind.lines.map((_, i) => i);
      const lines = [...shape.shuffle([...preferred]), ...kind.lines.map((_, i) => i).filter((i) => !preferred.includes(i))];
      const order = [-1, ...shape.shuffle(QUALIFIERS.map((_, i) => i))];
      for (let q = 0; q < order.length || numbered; q++) {
        const qualifier = q < order.length ? order[q] : QUALIFIERS.length + q - order.length;
        for (const line of q < order.length ? lines : [preferred[0]]) {
          if (held[vendor].has(`${line}|${qualifier}`)) continue;
          held[vendor].add(`${line}|${qualifier}`);
          return named(kind.lines[line], qualifier);
        }
      }
      return null;
    };
    for (let left = products; left > 0;) {
      let vendor = draw();
      let name: Text | null = null;
      for (let tries = 0; !name; tries++) {
        if (tries > 0) vendor = draw();
        name = nameFor(vendor, vendorPlace(vendor), KINDS[vendorPlace(vendor).kind], tries >= 50);
      }
      const place = vendorPlace(vendor);
      const kind: Kind = KINDS[place.kind];
      // Most certificates cover several packs or sizes of their product.
      const count = Math.min(left, Math.max(1, Math.ceil(kind.variants.length * Math.sqrt(shape.next()))));
      skeletons.push({ vendor, place, kind, name, products: count, ms: from + shape.next() * (1197 * DAY) });
      left -= count;
    }
    const quotas = tierQuotas(skeletons.length);
    const tiers = this.rng('tiers').shuffle((Object.entries(quotas) as [Tier, number][]).flatMap(([tier, n]) => Array.from({ length: n }, () => tier)));
    const certificates = skeletons.map((s, i) => this.certificate(vendors[s.vendor], s.place, s.name, tiers[i], s.ms));

    // A vendor is approved before its first certificate's products go on sale.
    const first = new Map<number, number>();
    skeletons.forEach((s, i) => first.set(s.vendor, Math.min(first.get(s.vendor) ?? Infinity, vnMidnight(certificates[i].decisionDate).getTime())));
    const timing = this.rng('vendor-timing');
    vendors.forEach((vendor, i) => {
      const earliest = first.get(i);
      const approved = earliest === undefined ? vendor.approvedAt!.getTime() : Math.max(this.launch, earliest - timing.int(10, 60) * DAY);
      vendor.approvedAt = at(approved);
      vendor.createdAt = at(approved - timing.int(1, 7) * DAY);
    });

    const revocations = this.revocations(certificates);
    const revokedAt = new Map(revocations.map((r) => [r.certificateId, r.at.getTime()]));
    const out: Product[] = [];
    const listingChanges: ListingChange[] = [];
    const seqs = new Map<string, number>();
    const pick = this.rng('variants');
    skeletons.forEach((s, i) => {
      const cert = certificates[i];
      const vendor = vendors[s.vendor];
      const until = Math.min(this.today, cert.expiresAt.getTime(), revokedAt.get(cert.id) ?? Infinity);
      const variants = pick.shuffle(s.kind.variants.map((_, k) => k)).slice(0, s.products);
      for (const k of variants) {
        const seq = seqs.get(vendor.id) ?? 0;
        seqs.set(vendor.id, seq + 1);
        const { product, changes } = this.product(vendor, s.place, cert, s.name, s.kind.variants[k], until, seq);
        out.push(product);
        listingChanges.push(...changes);
      }
    });
    return { villages: villageIds.flatMap((x) => (x.row ? [x.row] : [])), vendors, certificates, products: out, listingChanges, revocations, tiers: quotas };
  }

  /**
   * About 3 % of the certificates revoked while valid (at least one once there are 20), each at a
   * moment between two months after its decision and its expiry; and about two in five of those
   * lapsed more than 45 days ago revoked afterwards in their province's next round, as provinces
   * do in bulk for products never re-evaluated. Sorted by time.
   */
  private revocations(certs: Certificate[]): PlannedRevocation[] {
    const r = this.rng('revocations');
    const out: PlannedRevocation[] = [];
    const starts = certs.map((c) => vnMidnight(c.decisionDate).getTime());
    const eligible = certs.map((c, i) => i).filter((i) => Math.min(this.today, certs[i].expiresAt.getTime()) - starts[i] > 90 * DAY);
    const quota = Math.min(eligible.length, certs.length >= 20 ? Math.max(1, Math.round(0.03 * certs.length)) : Math.round(0.03 * certs.length));
    const chosen = new Set(r.shuffle(eligible).slice(0, quota));
    for (const i of [...chosen].sort((a, b) => a - b)) {
      const c = certs[i];
      const end = Math.min(this.today, c.expiresAt.getTime()) - DAY;
      const when = starts[i] + 60 * DAY + r.next() * (end - starts[i] - 60 * DAY);
      const grounds = c.productGroup === 'food' || c.productGroup === 'beverages' ? [...REVOCATION_GROUNDS, FOOD_SAFETY_GROUND] : REVOCATION_GROUNDS;
      const issuer = c.level === 'national' ? 'national' : c.level === 'district' ? `district|${c.issuingBody}` : `province|${c.issuingBody}`;
      const day = vnDate(at(when));
      out.push({ certificateId: c.id, at: at(when), reason: r.pick(grounds), decisionNo: `${decisionNumber(`revoke|${issuer}`, day)}/${c.decisionNo.split('/').slice(1).join('/')}` });
    }
    const from = this.today - 1200 * DAY;
    for (let i = 0; i < certs.length; i++) {
      const c = certs[i];
      if (chosen.has(i) || c.expiresAt.getTime() > this.today - 45 * DAY || !r.chance(0.4)) continue;
      const province = { key: `revoke-lapsed|${c.issuingBody}`, level: c.level, body: c.issuingBody, suffix: c.decisionNo.split('/').slice(1).join('/'), period: 90 };
      // The province's first round at least 30 days after the lapse.
      const due = c.expiresAt.getTime() + 30 * DAY;
      let when = roundOf(province, due, from, Number.MAX_SAFE_INTEGER);
      if (when < due) when += province.period * DAY;
      if (when >= this.today) continue;
      when += 9 * 3_600_000;
      out.push({ certificateId: c.id, at: at(when), reason: LAPSED_GROUND, decisionNo: `${decisionNumber(province.key, vnDate(at(when)))}/${province.suffix}` });
    }
    return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.certificateId.localeCompare(b.certificateId));
  }

  /**
   * A catalogue of one village, one vendor and one certificate (4★, valid until tomorrow) with
   * `products` listed products, for timing what a revocation of a large certificate costs.
   */
  oneCertificate(products: number): { village: Village; vendor: Vendor; certificate: Certificate; products: Product[] } {
    const place = PLACES[0];
    const village = this.village(place, null).row!;
    village.slug = `${village.slug}-${this.seed}`;
    const vendor = this.vendor(0, place, village.id);
    vendor.slug = `${vendor.slug}-${this.seed}`;
    const line = KINDS[place.kind].lines[0];
    const certificate = this.certificate(vendor, place, line, 'four', this.today - 30 * DAY);
    certificate.decisionNo = `${this.seed}-${certificate.decisionNo}`;
    certificate.expiresAt = at(Date.now() + DAY);
    vendor.approvedAt = at(this.launch);
    const variants = KINDS[place.kind].variants;
    const rows = Array.from({ length: products }, (_, i) => {
      const { product } = this.product(vendor, place, certificate, line, variants[i % variants.length], this.today, i);
      return Object.assign(product, { state: 'listed', delistReason: null, listedAt: product.listedAt ?? product.createdAt });
    });
    return { village, vendor, certificate, products: rows };
  }
}

/** A whole catalogue; see `CatalogueGenerator`. */
export function generateCatalogue(opts: GenerateOptions): ScaleCatalogue {
  return new CatalogueGenerator(opts.seed, opts.now, opts.taken).generate(opts.products);
}

/** The tier a certificate row shows: 5★, potential 5★ (4★ scored 90 or more), 4★ or 3★. */
export function tierOf(c: Pick<Certificate, 'stars' | 'score'>): Tier {
  if (c.stars === 5) return 'five';
  if (c.stars === 4) return (c.score ?? 0) >= 90 ? 'potentialFive' : 'four';
  return 'three';
}

/** The number of villages the generator knows. */
export const PLACE_COUNT = PLACES.length;
