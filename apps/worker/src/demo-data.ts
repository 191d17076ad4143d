import type { INestApplicationContext } from '@nestjs/common';
import { AccountsService } from '@ocop/accounts';
import { ListingService, ProductsService } from '@ocop/catalog';
import { CertificationService } from '@ocop/certification';
import type { Actor, Clock } from '@ocop/core';
import { CartService, CheckoutService, OrdersService, cartKeyForUser, type ShippingAddress } from '@ocop/orders';
import { PaymentGateways, PaymentsService } from '@ocop/payments';
import { VendorsService } from '@ocop/vendors';
import { VillagesService } from '@ocop/villages';
import { seedDemoExperiences } from './demo-experiences';
import { demoPicture, seedDemoCatalogue } from './demo-catalogue';

/** The demo logins of the embedded default; never seeded unless DEMO_DATA is on. */
export const DEMO_LOGINS = {
  admin: { email: 'admin@demo.ocop.vn', password: 'Demo-Admin-2025', name: 'Quản trị viên' },
  vendor: { email: 'vendor@demo.ocop.vn', password: 'Demo-Vendor-2025', name: 'HTX Gốm sứ Bát Tràng' },
  shopper: { email: 'shopper@demo.ocop.vn', password: 'Demo-Shopper-2025', name: 'Nguyễn Thị Lan' },
} as const;

/** How long after the first start the demo's lotus-tea certificate expires, so a visitor can watch it delist. */
export const DEMO_EXPIRY_MINUTES = 5;

type Demo = {
  village: { name: string; province: string; craft: string; story: { vi: string; en: string }; networks?: string[]; featuredRank?: number; photos?: string[] };
  vendor: { owner: string; name: string; type: 'cooperative' | 'enterprise' | 'household' };
  certificate: { decisionNo: string; decisionDate: string; issuingBody: string; level: 'district' | 'provincial' | 'national'; productName: string; productGroup: string; stars: number };
  products: {
    title: { vi: string; en: string; de?: string; id?: string };
    description: { vi: string; en: string; de?: string; id?: string };
    priceVnd: number;
    stock: number;
    weightGrams: number;
    images?: string[];
  }[];
  fate?: 'expires-soon' | 'revoked';
};

// Real villages, crafts and products of the OCOP programme. Decision numbers carry "DEMO" because
// they are illustrative, not the real recognition decisions.
const DEMO: Demo[] = [
  {
    village: {
      name: 'Bát Tràng',
      photos: ['vase-blue', 'bowls', 'village'].map(demoPicture),
      province: 'Hà Nội',
      craft: 'Gốm sứ',
      featuredRank: 1,
      networks: ['World Craft Cities: World Craft Village for Ceramics (2025)'],
      story: {
        vi: 'Làng gốm hơn 700 năm tuổi bên bờ sông Hồng, nổi tiếng với men lam và men rạn.',
        en: 'A pottery village of more than 700 years on the Red River, known for its blue and crackle glazes.',
      },
    },
    vendor: { owner: DEMO_LOGINS.vendor.email, name: 'HTX Gốm sứ Bát Tràng', type: 'cooperative' },
    certificate: {
      decisionNo: 'DEMO-1125/QĐ-UBND',
      decisionDate: '2025-03-12',
      issuingBody: 'UBND thành phố Hà Nội',
      level: 'provincial',
      productName: 'Gốm sứ men lam Bát Tràng',
      productGroup: 'handicrafts',
      stars: 4,
    },
    products: [
      {
        title: { vi: 'Bình gốm men lam Bát Tràng', en: 'Bat Trang blue-glazed vase', de: 'Blau glasierte Vase aus Bat Trang', id: 'Vas glasir biru Bat Trang' },
        description: {
          vi: 'Bình vẽ tay men lam, cao 30 cm.',
          en: 'Hand-painted blue-glaze vase, 30 cm tall.',
          de: 'Handbemalte blau glasierte Vase, 30 cm hoch.',
          id: 'Vas glasir biru dilukis tangan, tinggi 30 cm.',
        },
        images: ['vase-blue', 'bowls', 'village'].map(demoPicture),
        priceVnd: 450000,
        stock: 20,
        weightGrams: 1200,
      },
      {
        title: { vi: 'Bộ ấm chén men rạn', en: 'Crackle-glaze tea set', de: 'Teeservice mit Craquelé-Glasur', id: 'Set teh glasir retak' },
        description: {
          vi: 'Một ấm và sáu chén, men rạn cổ.',
          en: 'One teapot and six cups in antique crackle glaze.',
          de: 'Eine Teekanne und sechs Tassen mit antiker Craquelé-Glasur.',
          id: 'Satu teko dan enam cangkir glasir retak antik.',
        },
        images: ['tea-set', 'tea-leaf-cup'].map(demoPicture),
        priceVnd: 680000,
        stock: 12,
        weightGrams: 1500,
      },
    ],
  },
  {
    village: {
      name: 'Vạn Phúc',
      photos: ['silk-bolt', 'silk-scarf', 'village'].map(demoPicture),
      province: 'Hà Nội',
      craft: 'Dệt lụa',
      featuredRank: 2,
      networks: ['World Craft Cities: World Craft Village for Silk Weaving (2025)'],
      story: { vi: 'Làng lụa Hà Đông với khoảng 800 hộ dệt, nổi tiếng từ thời Nguyễn.', en: 'The Ha Dong silk village, some 800 weaving households, famous since the Nguyen dynasty.' },
    },
    vendor: { owner: 'vanphuc@demo.ocop.vn', name: 'Hộ kinh doanh Lụa Vạn Phúc', type: 'household' },
    certificate: {
      decisionNo: 'DEMO-0987/QĐ-UBND',
      decisionDate: '2024-11-20',
      issuingBody: 'UBND thành phố Hà Nội',
      level: 'provincial',
      productName: 'Khăn lụa tơ tằm Vạn Phúc',
      productGroup: 'handicrafts',
      stars: 4,
    },
    products: [
      {
        title: { vi: 'Khăn lụa tơ tằm Vạn Phúc', en: 'Van Phuc silk scarf', de: 'Seidenschal aus Van Phuc', id: 'Syal sutra Van Phuc' },
        description: {
          vi: 'Khăn lụa tơ tằm dệt tay, 180 × 60 cm.',
          en: 'Hand-woven mulberry silk scarf, 180 × 60 cm.',
          de: 'Handgewebter Schal aus Maulbeerseide, 180 × 60 cm.',
          id: 'Syal sutra murbei tenun tangan, 180 × 60 cm.',
        },
        images: ['silk-scarf', 'silk-bolt', 'village'].map(demoPicture),
        priceVnd: 390000,
        stock: 30,
        weightGrams: 80,
      },
    ],
  },
  {
    village: {
      name: 'Minh Khai',
      photos: ['noodles', 'village'].map(demoPicture),
      province: 'Hà Nội',
      craft: 'Miến dong',
      story: { vi: 'Làng nghề miến ở Hoài Đức, làm miến dong thủ công quanh năm.', en: 'A vermicelli village in Hoai Duc making hand-made arrowroot vermicelli all year round.' },
    },
    vendor: { owner: 'minhduong@demo.ocop.vn', name: 'HTX Miến Minh Dương', type: 'cooperative' },
    certificate: {
      decisionNo: 'DEMO-0456/QĐ-UBND',
      decisionDate: '2024-06-05',
      issuingBody: 'UBND huyện Hoài Đức',
      level: 'district',
      productName: 'Miến dong Minh Dương',
      productGroup: 'food',
      stars: 3,
    },
    products: [
      {
        title: { vi: 'Miến dong Minh Dương 500 g', en: 'Minh Duong arrowroot vermicelli 500 g', de: 'Pfeilwurz-Glasnudeln Minh Duong 500 g', id: 'Soun garut Minh Duong 500 g' },
        description: {
          vi: 'Miến dong nguyên chất, không chất tẩy trắng.',
          en: 'Pure arrowroot vermicelli, no bleach.',
          de: 'Reine Pfeilwurz-Glasnudeln, ungebleicht.',
          id: 'Soun garut murni, tanpa pemutih.',
        },
        images: ['noodles', 'bowls'].map(demoPicture),
        priceVnd: 85000,
        stock: 200,
        weightGrams: 500,
      },
    ],
  },
  {
    village: {
      name: 'Quảng An',
      photos: ['lotus-pot', 'lotus-tea'].map(demoPicture),
      province: 'Hà Nội',
      craft: 'Ướp trà sen',
      story: { vi: 'Bên Hồ Tây, trà được ướp với gạo sen Bách Diệp theo cách của người Hà Nội xưa.', en: 'By West Lake, tea is scented with lotus stamens the way old Hanoi did it.' },
    },
    vendor: { owner: 'trasen@demo.ocop.vn', name: 'Trà sen Quảng An', type: 'household' },
    certificate: {
      decisionNo: 'DEMO-0733/QĐ-UBND',
      decisionDate: '2025-05-22',
      issuingBody: 'UBND thành phố Hà Nội',
      level: 'provincial',
      productName: 'Trà sen Tây Hồ',
      productGroup: 'beverages',
      stars: 4,
    },
    products: [
      {
        title: { vi: 'Trà sen Tây Hồ ướp bông', en: 'West Lake lotus-scented tea', de: 'Lotustee vom Westsee', id: 'Teh beraroma teratai Danau Barat' },
        description: {
          vi: '100 g trà Thái Nguyên ướp gạo sen Hồ Tây.',
          en: '100 g of Thai Nguyen tea scented with West Lake lotus.',
          de: '100 g Tee aus Thai Nguyen, mit Lotus vom Westsee aromatisiert.',
          id: '100 g teh Thai Nguyen beraroma teratai Danau Barat.',
        },
        images: ['lotus-tea', 'lotus-pot'].map(demoPicture),
        priceVnd: 1200000,
        stock: 8,
        weightGrams: 100,
      },
    ],
    fate: 'expires-soon',
  },
  {
    village: {
      name: 'Ba Chẽ',
      photos: ['golden-camellia', 'bamboo-basket'].map(demoPicture),
      province: 'Quảng Ninh',
      craft: 'Trà hoa vàng',
      story: { vi: 'Vùng trồng trà hoa vàng (kim hoa trà) dưới tán rừng Ba Chẽ.', en: 'Golden camellia grown under the forest canopy of Ba Che.' },
    },
    vendor: { owner: 'bache@demo.ocop.vn', name: 'HTX Trà hoa vàng Ba Chẽ', type: 'cooperative' },
    certificate: {
      decisionNo: 'DEMO-2210/QĐ-UBND',
      decisionDate: '2025-08-18',
      issuingBody: 'UBND tỉnh Quảng Ninh',
      level: 'provincial',
      productName: 'Trà hoa vàng Ba Chẽ',
      productGroup: 'beverages',
      stars: 4,
    },
    products: [
      {
        title: { vi: 'Trà hoa vàng Ba Chẽ sấy lạnh', en: 'Ba Che golden camellia tea', de: 'Goldkamelientee aus Ba Che', id: 'Teh kamelia emas Ba Che' },
        description: {
          vi: 'Hoa trà vàng sấy lạnh, hộp 50 g.',
          en: 'Freeze-dried golden camellia flowers, 50 g box.',
          de: 'Gefriergetrocknete Goldkamelienblüten, 50-g-Dose.',
          id: 'Bunga kamelia emas kering beku, kotak 50 g.',
        },
        images: ['golden-camellia', 'tea-leaf-cup'].map(demoPicture),
        priceVnd: 650000,
        stock: 25,
        weightGrams: 50,
      },
    ],
  },
  {
    village: {
      name: 'Bình Liêu',
      photos: ['noodles', 'herbal-roots'].map(demoPicture),
      province: 'Quảng Ninh',
      craft: 'Miến dong',
      story: { vi: 'Miến dong Bình Liêu làm từ củ dong riềng của đồng bào Tày, Dao.', en: 'Binh Lieu vermicelli is made from arrowroot grown by Tay and Dao farmers.' },
    },
    vendor: { owner: 'binhlieu@demo.ocop.vn', name: 'HTX Miến dong Bình Liêu', type: 'cooperative' },
    certificate: {
      decisionNo: 'DEMO-1508/QĐ-UBND',
      decisionDate: '2025-01-10',
      issuingBody: 'UBND tỉnh Quảng Ninh',
      level: 'provincial',
      productName: 'Miến dong Bình Liêu',
      productGroup: 'food',
      stars: 4,
    },
    products: [
      {
        title: { vi: 'Miến dong Bình Liêu 1 kg', en: 'Binh Lieu arrowroot vermicelli 1 kg', de: 'Pfeilwurz-Glasnudeln aus Binh Lieu 1 kg', id: 'Soun garut Binh Lieu 1 kg' },
        description: {
          vi: 'Sợi miến dai, trong, không chất bảo quản.',
          en: 'Chewy, clear noodles without preservatives.',
          de: 'Bissfeste, klare Nudeln ohne Konservierungsstoffe.',
          id: 'Soun kenyal dan bening tanpa pengawet.',
        },
        images: ['noodles', 'village'].map(demoPicture),
        priceVnd: 120000,
        stock: 150,
        weightGrams: 1000,
      },
    ],
  },
  {
    village: {
      name: 'Vân Đồn',
      photos: ['seafood-jar', 'fish-sauce'].map(demoPicture),
      province: 'Quảng Ninh',
      craft: 'Hải sản chế biến',
      story: { vi: 'Đặc khu biển đảo nuôi hàu nổi tiếng của vịnh Bái Tử Long.', en: 'The island district of Bai Tu Long Bay, known for its oysters.' },
    },
    vendor: { owner: 'vandon@demo.ocop.vn', name: 'Công ty TNHH Hải sản Vân Đồn', type: 'enterprise' },
    certificate: {
      decisionNo: 'DEMO-1932/QĐ-UBND',
      decisionDate: '2024-09-09',
      issuingBody: 'UBND tỉnh Quảng Ninh',
      level: 'provincial',
      productName: 'Ruốc hàu Vân Đồn',
      productGroup: 'food',
      stars: 3,
    },
    products: [
      {
        title: { vi: 'Ruốc hàu Vân Đồn', en: 'Van Don oyster floss', de: 'Austernflocken aus Van Don', id: 'Abon tiram Van Don' },
        description: { vi: 'Ruốc hàu sấy khô, hũ 200 g.', en: 'Dried oyster floss, 200 g jar.', de: 'Getrocknete Austernflocken, 200-g-Glas.', id: 'Abon tiram kering, toples 200 g.' },
        images: ['seafood-jar'].map(demoPicture),
        priceVnd: 180000,
        stock: 40,
        weightGrams: 200,
      },
    ],
    fate: 'revoked',
  },
];

/** Where the demo shopper's parcels go. */
const DEMO_ADDRESS: ShippingAddress = { name: DEMO_LOGINS.shopper.name, line1: '18 Phố Hàng Gai, phường Hoàn Kiếm', city: 'Hà Nội', country: 'VN', postalCode: '100000', phone: '+84 912 345 678' };

/**
 * The demo shopper's orders, each from the two cooperatives' products named by owner and
 * product index: `shipped` is paid and on its way, `paid` is paid and waiting to be packed,
 * `unpaid` waits for payment (the sandbox's payment time, then the expiry job cancels it).
 */
const DEMO_ORDERS: { fate: 'shipped' | 'paid' | 'unpaid'; lines: { owner: string; product: number; quantity: number }[]; shipping?: Record<string, { carrier: string; trackingNumber: string }> }[] = [
  {
    fate: 'shipped',
    lines: [
      { owner: DEMO_LOGINS.vendor.email, product: 0, quantity: 1 },
      { owner: 'minhduong@demo.ocop.vn', product: 0, quantity: 3 },
    ],
    shipping: {
      [DEMO_LOGINS.vendor.email]: { carrier: 'Viettel Post', trackingNumber: 'VTP1524083317' },
      'minhduong@demo.ocop.vn': { carrier: 'VNPost', trackingNumber: 'EB204715396VN' },
    },
  },
  {
    fate: 'paid',
    lines: [
      { owner: DEMO_LOGINS.vendor.email, product: 1, quantity: 1 },
      { owner: 'minhduong@demo.ocop.vn', product: 0, quantity: 2 },
    ],
  },
  { fate: 'unpaid', lines: [{ owner: DEMO_LOGINS.vendor.email, product: 0, quantity: 2 }] },
];

type Seeded = Map<string, { member: Actor; productIds: string[] }>;

/**
 * The demo shopper's orders (DEMO_ORDERS) placed through the real cart, checkout and sandbox
 * payment, and the shipped ones shipped by their vendors, so the vendors' orders and payouts
 * pages, the admin's orders and the sales chart have something to show. Only when the sandbox is
 * on (it is outside production) and the shopper has no order yet.
 */
async function seedDemoOrders(app: INestApplicationContext, shopper: Actor, seeded: Seeded): Promise<void> {
  const get = <T>(token: new (...args: never[]) => T) => app.get(token, { strict: false });
  if (!get(PaymentGateways).sandbox) return;
  const orders = get(OrdersService);
  if ((await orders.listForShopper(shopper)).total > 0) return;
  const cart = get(CartService);
  const checkout = get(CheckoutService);
  const payments = get(PaymentsService);
  for (const o of DEMO_ORDERS) {
    for (const l of o.lines) await cart.add(cartKeyForUser(shopper.id), seeded.get(l.owner)!.productIds[l.product], l.quantity);
    const order = await checkout.checkout(shopper, { shippingAddress: DEMO_ADDRESS, paymentMethod: 'sandbox' }, shopper.locale);
    const payment = await payments.startForOrder(order.id);
    if (o.fate === 'unpaid') continue;
    await payments.completeSandbox(shopper, payment.id, 'succeeded');
    for (const [owner, parcel] of Object.entries(o.shipping ?? {})) {
      const member = seeded.get(owner)!.member;
      const sub = (await orders.get(shopper, order.id)).subOrders.find((x) => x.vendorId === member.vendorId)!;
      await orders.ship(member, sub.id, parcel);
    }
  }
}

/**
 * Seeds the demo: the demo logins, and on the first start the villages, vendors, certificates and
 * products above and the demo shopper's orders, through the same services the apps use.
 * Idempotent: a second start reuses the data. One certificate expires DEMO_EXPIRY_MINUTES after
 * the first start, one is revoked.
 */
export async function seedDemoData(app: INestApplicationContext, clock: Clock): Promise<void> {
  const get = <T>(token: new (...args: never[]) => T) => app.get(token, { strict: false });
  const accounts = get(AccountsService);
  const adminUser = await accounts.ensureUser({ ...DEMO_LOGINS.admin, roles: ['admin'] });
  const shopperUser = await accounts.ensureUser({ ...DEMO_LOGINS.shopper, roles: ['shopper'], locale: 'en' });
  const shopper: Actor = { id: shopperUser.id, email: DEMO_LOGINS.shopper.email, name: DEMO_LOGINS.shopper.name, roles: ['shopper'], vendorId: null, vendorRole: null, locale: 'en' };
  const villages = get(VillagesService);
  const admin: Actor = { id: adminUser.id, email: DEMO_LOGINS.admin.email, name: DEMO_LOGINS.admin.name, roles: ['admin'], vendorId: null, vendorRole: null, locale: 'vi' };
  if ((await villages.listAll()).length > 0) {
    await accounts.ensureUser({ ...DEMO_LOGINS.vendor, roles: ['shopper'] });
    await seedDemoExperiences(app, clock, admin);
    return;
  }
  const vendors = get(VendorsService);
  const certification = get(CertificationService);
  const products = get(ProductsService);
  const listing = get(ListingService);
  const seeded: Seeded = new Map();

  for (const d of DEMO) {
    const village = await villages.create(admin, d.village);
    if (d.village.featuredRank) await villages.setFeatured(admin, village.id, { featured: true, rank: d.village.featuredRank });
    const owner = await accounts.ensureUser({ email: d.vendor.owner, password: DEMO_LOGINS.vendor.password, name: d.vendor.name, roles: ['shopper'] });
    const ownerActor: Actor = { id: owner.id, email: d.vendor.owner, name: d.vendor.name, roles: ['shopper'], vendorId: null, vendorRole: null, locale: 'vi' };
    const vendor = await vendors.create(ownerActor, { name: d.vendor.name, type: d.vendor.type, villageId: village.id });
    await vendors.approve(admin, vendor.id);
    const member: Actor = { ...ownerActor, roles: ['shopper', 'vendor'], vendorId: vendor.id, vendorRole: 'owner' };
    const expiresAt = d.fate === 'expires-soon' ? new Date(clock.now().getTime() + DEMO_EXPIRY_MINUTES * 60_000).toISOString() : undefined;
    const cert = await certification.create(admin, { ...d.certificate, vendorId: vendor.id, ...(expiresAt ? { expiresAt } : {}) });
    const productIds: string[] = [];
    seeded.set(d.vendor.owner, { member, productIds });
    for (const p of d.products) {
      const created = await products.create(member, {
        certificateId: cert.id,
        title: p.title,
        description: p.description,
        productGroup: d.certificate.productGroup as never,
        priceVnd: p.priceVnd,
        stock: p.stock,
        weightGrams: p.weightGrams,
        images: p.images,
      });
      await listing.publish(member, created.id);
      productIds.push(created.id);
    }
    if (d.fate === 'revoked') {
      await certification.revoke(admin, cert.id, { reason: 'Failed post-inspection: the sample did not meet the declared quality (demo)' });
    }
  }
  await seedDemoCatalogue(app, admin, seeded);
  await seedDemoOrders(app, shopper, seeded);
  await seedDemoExperiences(app, clock, admin);
}
