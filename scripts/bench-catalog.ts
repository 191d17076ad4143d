/**
 * Catalogue benchmarks, run by `npm run bench` (compiled to dist/scripts):
 *   seed <DATABASE_URL> <n>   fills a database with n products of 200 vendors in 40 craft villages
 *                             (titles in vi/en/de/id, Vietnamese descriptions), 10 % under revoked
 *                             and 10 % under expired certificates;
 *   delist <DATABASE_URL>     times revoking one certificate with 1,000 listed products;
 *   search <DATABASE_URL>     times rebuilding the embedded search index from a seeded database
 *                             and measures its memory (needs `node --expose-gc`).
 * Prints one JSON line of figures.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Events, loadConfig, registerInTransactionHandlers, SystemClock, type Actor } from '@ocop/core';
import { DomainEvents, openDatabase, Transactions } from '@ocop/database';
import { Certificate } from '@ocop/certification';
import { CATALOG_WIRING, ListingService, Product, ProductIndexer } from '@ocop/catalog';
import { ENTITIES } from '@ocop/infra';
import { EmbeddedSearchEngine, type ProductDocument } from '@ocop/search';
import { Vendor, type VendorType } from '@ocop/vendors';
import { nextFreeSlug, slugify, Village } from '@ocop/villages';

type Group = 'food' | 'beverages' | 'herbal' | 'handicrafts';
type Line = { vi: string; en: string; de: string; id: string };

/** An OCOP craft: its product group, the village trade's name, product lines and a description. */
interface Kind {
  group: Group;
  craft: string;
  lines: Line[];
  describe(village: string, province: string): string;
}

// Real product lines of the OCOP programme, so that search queries meet the words shoppers type.
const KINDS = {
  gom: {
    group: 'handicrafts',
    craft: 'Gốm sứ',
    lines: [
      { vi: 'Bình gốm men lam', en: 'blue-glazed ceramic vase', de: 'Blau glasierte Keramikvase', id: 'Vas keramik glasir biru' },
      { vi: 'Bộ ấm chén gốm', en: 'ceramic tea set', de: 'Keramik-Teeservice', id: 'Set teko keramik' },
    ],
    describe: (v, p) => `Gốm vẽ tay, men không chì, nung lò ga ở 1.250 °C tại làng gốm ${v}, ${p}.`,
  },
  lua: {
    group: 'handicrafts',
    craft: 'Dệt lụa',
    lines: [
      { vi: 'Khăn lụa', en: 'silk scarf', de: 'Seidenschal', id: 'Syal sutra' },
      { vi: 'Áo dài lụa tơ tằm', en: 'mulberry silk ao dai', de: 'Ao Dai aus Maulbeerseide', id: 'Ao dai sutra murbei' },
    ],
    describe: (v, p) => `Lụa tơ tằm dệt tay trên khung cửi truyền thống của làng ${v}, ${p}; nhuộm màu tự nhiên.`,
  },
  tra: {
    group: 'beverages',
    craft: 'Chè',
    lines: [
      { vi: 'Trà xanh', en: 'green tea', de: 'Grüner Tee', id: 'Teh hijau' },
      { vi: 'Trà Shan tuyết', en: 'Shan Tuyet tea', de: 'Shan-Tuyet-Tee', id: 'Teh Shan Tuyet' },
    ],
    describe: (v, p) => `Búp chè hái tay buổi sớm ở ${v}, ${p}, sao khô trong chảo gang; hộp 200 g.`,
  },
  mien: {
    group: 'food',
    craft: 'Miến dong',
    lines: [
      { vi: 'Miến dong', en: 'arrowroot vermicelli', de: 'Pfeilwurz-Glasnudeln', id: 'Soun garut' },
      { vi: 'Miến dong sợi nhỏ', en: 'thin arrowroot vermicelli', de: 'Feine Pfeilwurz-Glasnudeln', id: 'Soun garut halus' },
    ],
    describe: (v, p) => `Sợi miến từ tinh bột củ dong riềng trồng ở ${v}, ${p}; dai, trong, không chất tẩy trắng. Gói 500 g.`,
  },
  chaMuc: {
    group: 'food',
    craft: 'Chả mực',
    lines: [
      { vi: 'Chả mực giã tay', en: 'hand-pounded squid cake', de: 'Handgestampfte Tintenfischfrikadellen', id: 'Perkedel cumi tumbuk tangan' },
      { vi: 'Chả mực chiên', en: 'fried squid cake', de: 'Gebratene Tintenfischfrikadellen', id: 'Perkedel cumi goreng' },
    ],
    describe: (v, p) => `Mực tươi đánh bắt ở vùng biển ${v}, ${p}, giã tay bằng cối đá; bảo quản đông lạnh, hộp 500 g.`,
  },
  matOng: {
    group: 'food',
    craft: 'Mật ong',
    lines: [
      { vi: 'Mật ong hoa bạc hà', en: 'mint flower honey', de: 'Minzblütenhonig', id: 'Madu bunga mint' },
      { vi: 'Mật ong rừng', en: 'wild forest honey', de: 'Waldhonig', id: 'Madu hutan' },
    ],
    describe: (v, p) => `Mật ong nguyên chất từ những đàn ong nuôi trên núi đá ${v}, ${p}; không pha đường. Chai 500 ml.`,
  },
  nonLa: {
    group: 'handicrafts',
    craft: 'Nón lá',
    lines: [
      { vi: 'Nón lá', en: 'conical leaf hat', de: 'Kegelhut aus Palmblättern', id: 'Caping daun' },
      { vi: 'Nón lá bài thơ', en: 'poem conical hat', de: 'Gedicht-Kegelhut', id: 'Caping puisi' },
    ],
    describe: (v, p) => `Nón chằm tay từ lá cọ phơi sương, vành tre chuốt mỏng, của làng nón ${v}, ${p}.`,
  },
  nuocMam: {
    group: 'food',
    craft: 'Nước mắm',
    lines: [
      { vi: 'Nước mắm cá cơm', en: 'anchovy fish sauce', de: 'Sardellen-Fischsauce', id: 'Kecap ikan teri' },
      { vi: 'Nước mắm nhĩ', en: 'first-press fish sauce', de: 'Fischsauce erster Pressung', id: 'Kecap ikan perasan pertama' },
    ],
    describe: (v, p) => `Cá cơm ủ chượp với muối biển trong thùng gỗ 12 tháng ở ${v}, ${p}; độ đạm 40°N. Chai 500 ml.`,
  },
  banh: {
    group: 'food',
    craft: 'Bánh truyền thống',
    lines: [
      { vi: 'Bánh cốm', en: 'young rice cake', de: 'Kuchen aus grünem Klebreis', id: 'Kue beras muda' },
      { vi: 'Bánh pía sầu riêng', en: 'durian mung bean pastry', de: 'Durian-Mungbohnen-Gebäck', id: 'Kue pia durian' },
    ],
    describe: (v, p) => `Bánh làm thủ công mỗi ngày ở ${v}, ${p}, từ nguyên liệu địa phương; không chất bảo quản.`,
  },
  ruou: {
    group: 'beverages',
    craft: 'Nấu rượu',
    lines: [
      { vi: 'Rượu gạo', en: 'rice wine', de: 'Reiswein', id: 'Arak beras' },
      { vi: 'Rượu nếp cái hoa vàng', en: 'yellow-flower sticky rice wine', de: 'Klebreiswein', id: 'Arak ketan' },
    ],
    describe: (v, p) => `Rượu nấu từ gạo nếp và men lá theo cách truyền thống của ${v}, ${p}; 40 độ, chai 500 ml.`,
  },
  tinhDau: {
    group: 'herbal',
    craft: 'Tinh dầu',
    lines: [
      { vi: 'Tinh dầu tràm', en: 'cajeput essential oil', de: 'Cajeputöl', id: 'Minyak kayu putih' },
      { vi: 'Tinh dầu quế', en: 'cinnamon essential oil', de: 'Zimtöl', id: 'Minyak atsiri kayu manis' },
    ],
    describe: (v, p) => `Tinh dầu chưng cất hơi nước từ lá và vỏ cây trồng ở ${v}, ${p}; lọ 50 ml.`,
  },
  mayTre: {
    group: 'handicrafts',
    craft: 'Mây tre đan',
    lines: [
      { vi: 'Giỏ mây tre đan', en: 'woven rattan and bamboo basket', de: 'Geflochtener Rattan-Bambuskorb', id: 'Keranjang anyaman rotan bambu' },
      { vi: 'Đèn mây tre', en: 'rattan and bamboo lamp', de: 'Rattan-Bambuslampe', id: 'Lampu rotan bambu' },
    ],
    describe: (v, p) => `Đan tay từ mây và tre già của ${v}, ${p}, sấy chống mốc, phủ dầu bóng gốc nước.`,
  },
} satisfies Record<string, Kind>;

interface Place {
  name: string;
  province: string;
  kind: keyof typeof KINDS;
}

// Forty real craft villages and producing areas, each with its best-known craft.
const PLACES: Place[] = [
  { name: 'Bát Tràng', province: 'Hà Nội', kind: 'gom' },
  { name: 'Vạn Phúc', province: 'Hà Nội', kind: 'lua' },
  { name: 'Tân Cương', province: 'Thái Nguyên', kind: 'tra' },
  { name: 'Cự Đà', province: 'Hà Nội', kind: 'mien' },
  { name: 'Hạ Long', province: 'Quảng Ninh', kind: 'chaMuc' },
  { name: 'Mèo Vạc', province: 'Hà Giang', kind: 'matOng' },
  { name: 'Chuông', province: 'Hà Nội', kind: 'nonLa' },
  { name: 'Phú Quốc', province: 'Kiên Giang', kind: 'nuocMam' },
  { name: 'Vòng', province: 'Hà Nội', kind: 'banh' },
  { name: 'Vân', province: 'Bắc Giang', kind: 'ruou' },
  { name: 'Phong Điền', province: 'Thừa Thiên Huế', kind: 'tinhDau' },
  { name: 'Phú Vinh', province: 'Hà Nội', kind: 'mayTre' },
  { name: 'Phù Lãng', province: 'Bắc Ninh', kind: 'gom' },
  { name: 'Mã Châu', province: 'Quảng Nam', kind: 'lua' },
  { name: 'Suối Giàng', province: 'Yên Bái', kind: 'tra' },
  { name: 'Bình Liêu', province: 'Quảng Ninh', kind: 'mien' },
  { name: 'Cô Tô', province: 'Quảng Ninh', kind: 'chaMuc' },
  { name: 'Đồng Văn', province: 'Hà Giang', kind: 'matOng' },
  { name: 'Phú Cam', province: 'Thừa Thiên Huế', kind: 'nonLa' },
  { name: 'Phan Thiết', province: 'Bình Thuận', kind: 'nuocMam' },
  { name: 'Vĩnh Châu', province: 'Sóc Trăng', kind: 'banh' },
  { name: 'Bàu Đá', province: 'Bình Định', kind: 'ruou' },
  { name: 'Trà My', province: 'Quảng Nam', kind: 'tinhDau' },
  { name: 'Xuân Lai', province: 'Hà Nội', kind: 'mayTre' },
  { name: 'Chu Đậu', province: 'Hải Dương', kind: 'gom' },
  { name: 'Nha Xá', province: 'Hà Nam', kind: 'lua' },
  { name: 'Ba Chẽ', province: 'Quảng Ninh', kind: 'tra' },
  { name: 'Minh Khai', province: 'Hà Nội', kind: 'mien' },
  { name: 'Vân Đồn', province: 'Quảng Ninh', kind: 'chaMuc' },
  { name: 'Sơn Động', province: 'Bắc Giang', kind: 'matOng' },
  { name: 'Tây Hồ', province: 'Thừa Thiên Huế', kind: 'nonLa' },
  { name: 'Cát Hải', province: 'Hải Phòng', kind: 'nuocMam' },
  { name: 'Trảng Bàng', province: 'Tây Ninh', kind: 'banh' },
  { name: 'Kim Sơn', province: 'Ninh Bình', kind: 'ruou' },
  { name: 'Văn Yên', province: 'Yên Bái', kind: 'tinhDau' },
  { name: 'Bao La', province: 'Thừa Thiên Huế', kind: 'mayTre' },
  { name: 'Thanh Hà', province: 'Quảng Nam', kind: 'gom' },
  { name: 'Tân Châu', province: 'An Giang', kind: 'lua' },
  { name: 'Bàu Trúc', province: 'Ninh Thuận', kind: 'gom' },
  { name: 'Nam Ô', province: 'Đà Nẵng', kind: 'nuocMam' },
];
const PEOPLE = ['Nguyễn Văn Hùng', 'Trần Thị Mai', 'Lê Văn Tâm', 'Phạm Thị Hoa', 'Hoàng Văn Nam', 'Vũ Thị Lan', 'Đặng Văn Minh', 'Bùi Thị Hằng', 'Đỗ Văn Long', 'Ngô Thị Thu', 'Dương Văn Khánh'];
const VENDORS = 200;

const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));
/** A place name as English, German and Indonesian titles write it: "Vạn Phúc" → "Van Phuc". */
const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

function certificate(vendorId: string, place: Place, i: number, status: 'active' | 'revoked', expiresAt: Date): Certificate {
  const kind: Kind = KINDS[place.kind];
  return Object.assign(new Certificate(), {
    id: randomUUID(),
    decisionNo: `${1000 + i}/QĐ-UBND`,
    certificateNo: null,
    decisionDate: '2025-01-15',
    issuingBody: 'UBND tỉnh',
    level: 'provincial',
    vendorId,
    productName: `${kind.lines[0].vi} ${place.name}`,
    productGroup: kind.group,
    stars: 3 + (i % 3),
    score: null,
    expiresAt,
    status,
    revokedAt: null,
    revokeReason: null,
    revokedByDecisionNo: null,
    supersedesId: null,
    supersededById: null,
    expiryProcessedAt: null,
  });
}

function product(vendorId: string, villageId: string, place: Place, certificateId: string, i: number, state = 'listed'): Product {
  const kind: Kind = KINDS[place.kind];
  const line = kind.lines[i % kind.lines.length];
  const at = plain(place.name);
  return Object.assign(new Product(), {
    id: randomUUID(),
    slug: `sp-${i}-${randomUUID().slice(0, 6)}`,
    vendorId,
    certificateId,
    villageId,
    title: { vi: `${line.vi} ${place.name} số ${i}`, en: `${at} ${line.en} no. ${i}`, de: `${line.de} aus ${at} Nr. ${i}`, id: `${line.id} ${at} no. ${i}` },
    description: { vi: kind.describe(place.name, place.province) },
    productGroup: kind.group,
    priceVnd: 20000 + ((i * 7919) % 2000) * 1000,
    stock: i % 13,
    weightGrams: 500,
    gtin: null,
    exportEligible: i % 4 === 0,
    images: [],
    traceability: {},
    state,
    delistReason: null,
    traceCode: randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase(),
    scanCount: 0,
    unitsSold: 0,
    listedAt: new Date(Date.now() - i * 1000),
  });
}

/** Vendor i of a village: a cooperative, households and a company, as a village's OCOP producers are. */
function vendorName(i: number, place: Place): { name: string; type: VendorType } {
  const craft = KINDS[place.kind].craft;
  const person = PEOPLE[i % PEOPLE.length];
  switch (Math.floor(i / PLACES.length) % 5) {
    case 0:
      return { name: `HTX ${craft} ${place.name}`, type: 'cooperative' };
    case 1:
      return { name: `Hộ kinh doanh ${person}`, type: 'household' };
    case 2:
      return { name: `Cơ sở ${craft.toLowerCase()} ${person}`, type: 'household' };
    case 3:
      return { name: `Công ty TNHH ${craft} ${place.name}`, type: 'enterprise' };
    default:
      return { name: `HTX Dịch vụ tổng hợp ${place.name}`, type: 'cooperative' };
  }
}

async function seed(em: EntityManager, n: number): Promise<{ villages: number; vendors: number; certificates: number; products: number }> {
  const villages = PLACES.map((p, i) =>
    Object.assign(new Village(), {
      id: randomUUID(),
      slug: slugify(p.name, `lang-${i}`),
      name: p.name,
      province: p.province,
      craft: KINDS[p.kind].craft,
      story: { vi: `Làng nghề ${KINDS[p.kind].craft.toLowerCase()} ${p.name}, ${p.province}.` },
      networks: [],
      photos: [],
      latitude: null,
      longitude: null,
      featured: i < 5,
      featuredRank: i < 5 ? i + 1 : null,
      featuredFrom: null,
      featuredUntil: null,
    }),
  );
  const vendors: Vendor[] = [];
  const vendorPlaces = new Map<string, Place>();
  const slugs = new Set<string>();
  for (let i = 0; i < VENDORS; i++) {
    const place = PLACES[i % PLACES.length];
    const { name, type } = vendorName(i, place);
    const slug = nextFreeSlug(slugify(name, `htx-${i}`), slugs);
    slugs.add(slug);
    const v = Object.assign(new Vendor(), {
      id: randomUUID(),
      slug,
      name,
      type,
      villageId: villages[i % PLACES.length].id,
      taxCode: null,
      address: null,
      status: 'approved',
      statusReason: null,
      commissionBps: 1000,
      contactEmail: null,
      approvedAt: new Date(),
    });
    vendors.push(v);
    vendorPlaces.set(v.id, place);
  }
  for (const c of chunk(villages, 100)) await em.insert(Village, c);
  for (const c of chunk(vendors, 100)) await em.insert(Vendor, c);
  const certs: Certificate[] = [];
  const products: Product[] = [];
  const future = new Date(Date.now() + 365 * 86400_000);
  const past = new Date(Date.now() - 86400_000);
  for (let i = 0; i < n; i++) {
    // One certificate per 10 products: a tenth revoked, a tenth expired, the rest valid.
    if (i % 10 === 0) {
      const k = certs.length;
      const v = vendors[k % vendors.length];
      certs.push(certificate(v.id, vendorPlaces.get(v.id)!, k, k % 10 === 1 ? 'revoked' : 'active', k % 10 === 2 ? past : future));
    }
    const c = certs[certs.length - 1];
    const v = vendors.find((x) => x.id === c.vendorId)!;
    products.push(product(v.id, v.villageId, vendorPlaces.get(v.id)!, c.id, i));
  }
  for (const c of chunk(certs, 200)) await em.insert(Certificate, c);
  for (const c of chunk(products, 200)) await em.insert(Product, c);
  return { villages: villages.length, vendors: vendors.length, certificates: certs.length, products: products.length };
}

const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/**
 * Rebuilds the embedded index from the database three times and measures it: the median time,
 * the heap the filled index keeps (after a full collection, against the heap before the first
 * rebuild), the highest heap seen while indexing, garbage included, and the process's peak RSS.
 */
async function searchIndex(ds: DataSource) {
  const collect = globalThis.gc;
  if (!collect) throw new Error('search needs node --expose-gc');
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  // Sampled around every batch, not only in onProgress: before the batch is added the heap also
  // holds its rows and documents, which are garbage by the time onProgress runs.
  class SampledEngine extends EmbeddedSearchEngine {
    override async upsert(docs: ProductDocument[]): Promise<void> {
      sample();
      await super.upsert(docs);
      sample();
    }
  }
  const engine = new SampledEngine();
  const indexer = new ProductIndexer(ds, engine, new SystemClock());
  collect();
  const before = process.memoryUsage().heapUsed;
  const runs: number[] = [];
  let products = 0;
  for (let r = 0; r < 3; r++) {
    // Every run starts from an empty, collected heap, as the worker's rebuild at start-up does.
    await engine.clear();
    collect();
    const t = performance.now();
    products = await indexer.rebuild(sample);
    runs.push(performance.now() - t);
  }
  collect();
  const retained = process.memoryUsage().heapUsed - before;
  runs.sort((a, b) => a - b);
  return {
    engine: engine.kind,
    products,
    runs: runs.map(Math.round),
    medianMs: Math.round(runs[1]),
    heapBeforeMiB: mib(before),
    retainedHeapMiB: mib(retained),
    peakHeapMiB: mib(peakHeap),
    // maxRSS is in KiB on every platform Node supports.
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

async function main(): Promise<void> {
  const [cmd, url, nArg] = process.argv.slice(2);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const ds = await openDatabase(config.database, ENTITIES);
  const tx = new Transactions(ds);
  try {
    if (cmd === 'seed') {
      const t = performance.now();
      const counts = await tx.run((em) => seed(em, Number(nArg ?? 20000)));
      console.log(JSON.stringify({ ...counts, seedMs: Math.round(performance.now() - t) }));
      return;
    }
    if (cmd === 'delist') {
      const events = new DomainEvents();
      const listing = new ListingService(tx, new SystemClock());
      registerInTransactionHandlers([CATALOG_WIRING], () => listing, events);
      const admin: Actor = { id: randomUUID(), email: 'bench@ocop.local', name: 'bench', roles: ['admin'], vendorId: null, vendorRole: null, locale: 'en' };
      const runs: number[] = [];
      for (let r = 0; r < 5; r++) {
        const { cert, vendor } = await tx.run(async (em) => {
          const village = Object.assign(new Village(), {
            id: randomUUID(),
            slug: `bench-${randomUUID().slice(0, 8)}`,
            name: 'Bench',
            province: 'Hà Nội',
            craft: 'x',
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
          const v = Object.assign(new Vendor(), {
            id: randomUUID(),
            slug: `bench-${randomUUID().slice(0, 8)}`,
            name: 'Bench',
            type: 'cooperative',
            villageId: village.id,
            taxCode: null,
            address: null,
            status: 'approved',
            statusReason: null,
            commissionBps: 1000,
            contactEmail: null,
            approvedAt: new Date(),
          });
          await em.insert(Vendor, v);
          const c = certificate(v.id, PLACES[0], 100000 + r, 'active', new Date(Date.now() + 86400_000));
          c.decisionNo = `${randomUUID().slice(0, 8)}/QĐ-UBND`;
          await em.insert(Certificate, c);
          for (const ps of chunk(
            Array.from({ length: 1000 }, (_, i) => product(v.id, village.id, PLACES[0], c.id, i)),
            200,
          ))
            await em.insert(Product, ps);
          return { cert: c, vendor: v };
        });
        const t = performance.now();
        await tx.run(async (em) => {
          await em.update(Certificate, { id: cert.id }, { status: 'revoked' });
          await events.emit(em, Events.CertificateRevoked, { certificateId: cert.id, vendorId: vendor.id, reason: 'bench', at: new Date().toISOString() }, admin);
        });
        runs.push(performance.now() - t);
        const left = await ds.getRepository(Product).countBy({ certificateId: cert.id, state: 'listed' });
        if (left !== 0) throw new Error(`${left} products still listed`);
      }
      runs.sort((a, b) => a - b);
      console.log(JSON.stringify({ dialect: config.database.type, products: 1000, runs: runs.map(Math.round), medianMs: Math.round(runs[2]) }));
      return;
    }
    if (cmd === 'search') {
      console.log(JSON.stringify(await searchIndex(ds)));
      return;
    }
    throw new Error('usage: bench-catalog seed <DATABASE_URL> <n> | delist <DATABASE_URL> | search <DATABASE_URL>');
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
