import type { INestApplicationContext } from '@nestjs/common';
import { ListingService, ProductsService } from '@ocop/catalog';
import { CertificationService } from '@ocop/certification';
import type { Actor } from '@ocop/core';

/** The address of one of the marketplace's own drawings (`libs/web/static/pictures`). */
export const demoPicture = (name: string): string => `/static/pictures/${name}.svg`;

type Text = { vi: string; en: string; de: string; id: string };

/** One demo product: title and description in the four languages, price, stock, weight and pictures (drawings). */
export interface DemoProduct {
  title: Text;
  description: Text;
  priceVnd: number;
  stock: number;
  weightGrams: number;
  images: string[];
}

interface DemoLine {
  /** The demo vendor's owner, as in the village list of demo-data.ts. */
  owner: string;
  certificate: { decisionNo: string; decisionDate: string; issuingBody: string; level: 'district' | 'provincial' | 'national'; productName: string; productGroup: string; stars: number };
  products: DemoProduct[];
}

const t = (vi: string, en: string, de: string, id: string): Text => ({ vi, en, de, id });
const product = (title: Text, description: Text, priceVnd: number, stock: number, weightGrams: number, ...pictures: string[]): DemoProduct => ({
  title,
  description,
  priceVnd,
  stock,
  weightGrams,
  images: pictures.map(demoPicture),
});

const HANOI = 'UBND thành phố Hà Nội';
const QUANG_NINH = 'UBND tỉnh Quảng Ninh';
const NATIONAL = 'Bộ Nông nghiệp và Môi trường';

// More products of the seven demo villages, each line under its own certificate. Most OCOP
// products hold three or four stars and few five, as in the programme; decision numbers carry
// "DEMO" because they are illustrative.
const LINES: DemoLine[] = [
  {
    owner: 'vendor@demo.ocop.vn',
    certificate: {
      decisionNo: 'DEMO-0120/QĐ-BNN',
      decisionDate: '2025-02-14',
      issuingBody: NATIONAL,
      level: 'national',
      productName: 'Gốm men rạn cổ Bát Tràng',
      productGroup: 'handicrafts',
      stars: 5,
    },
    products: [
      product(
        t('Bình hút lộc men rạn cổ', 'Antique crackle-glaze fortune jar', 'Glücksvase mit antiker Craquelé-Glasur', 'Guci keberuntungan glasir retak antik'),
        t(
          'Bình men rạn nung củi, cao 40 cm, kèm hộp gỗ.',
          'Wood-fired crackle-glaze jar, 40 cm tall, in a wooden case.',
          'Holzbrand-Vase mit Craquelé-Glasur, 40 cm hoch, im Holzkasten.',
          'Guci glasir retak dibakar kayu, tinggi 40 cm, dalam kotak kayu.',
        ),
        2850000,
        6,
        3200,
        'vase-blue',
        'tea-set',
        'village',
      ),
      product(
        t('Đĩa men lam vẽ sen 32 cm', 'Blue-glaze lotus plate, 32 cm', 'Blau glasierter Lotusteller, 32 cm', 'Piring glasir biru motif teratai, 32 cm'),
        t(
          'Đĩa treo tường vẽ tay hoa sen men lam.',
          'Hand-painted wall plate with a blue lotus.',
          'Handbemalter Wandteller mit blauem Lotus.',
          'Piring hias dinding dilukis tangan dengan teratai biru.',
        ),
        520000,
        18,
        1400,
        'bowls',
        'lotus-pot',
      ),
    ],
  },
  {
    owner: 'vendor@demo.ocop.vn',
    certificate: { decisionNo: 'DEMO-1402/QĐ-UBND', decisionDate: '2024-10-03', issuingBody: HANOI, level: 'provincial', productName: 'Gốm sơn mài Bát Tràng', productGroup: 'handicrafts', stars: 4 },
    products: [
      product(
        t('Hộp gốm sơn mài đỏ son', 'Red lacquered ceramic box', 'Rote Keramikdose mit Lackmalerei', 'Kotak keramik lakuer merah'),
        t(
          'Hộp gốm phủ sơn ta, vẽ chỉ vàng, đựng trà hoặc trang sức.',
          'Ceramic box under traditional lacquer with gold lines, for tea or jewellery.',
          'Keramikdose unter traditionellem Lack mit Goldlinien, für Tee oder Schmuck.',
          'Kotak keramik berlapis lakuer tradisional bergaris emas, untuk teh atau perhiasan.',
        ),
        760000,
        14,
        700,
        'lacquer-box',
        'bowls',
      ),
      product(
        t('Bộ bát ăn cơm men hỏa biến (6 chiếc)', 'Flambé-glaze rice bowls, set of 6', 'Reisschalen mit Flambé-Glasur, 6 Stück', 'Set mangkuk nasi glasir flambé, 6 buah'),
        t(
          'Sáu bát men hỏa biến, dùng được trong lò vi sóng.',
          'Six flambé-glaze bowls, microwave safe.',
          'Sechs Schalen mit Flambé-Glasur, mikrowellengeeignet.',
          'Enam mangkuk glasir flambé, aman untuk microwave.',
        ),
        390000,
        40,
        1800,
        'bowls',
        'vase-blue',
      ),
      product(
        t('Đèn ngủ gốm men lam', 'Blue-glaze ceramic lamp', 'Blau glasierte Keramiklampe', 'Lampu tidur keramik glasir biru'),
        t(
          'Đèn gốm khắc thủng, ánh sáng ấm, dây điện 1,5 m.',
          'Pierced ceramic lamp with warm light and a 1.5 m cord.',
          'Durchbrochene Keramiklampe mit warmem Licht und 1,5 m Kabel.',
          'Lampu keramik berukir tembus, cahaya hangat, kabel 1,5 m.',
        ),
        610000,
        10,
        1600,
        'vase-blue',
        'lacquer-box',
      ),
    ],
  },
  {
    owner: 'vanphuc@demo.ocop.vn',
    certificate: { decisionNo: 'DEMO-1011/QĐ-UBND', decisionDate: '2025-04-08', issuingBody: HANOI, level: 'provincial', productName: 'Lụa tơ tằm Vạn Phúc', productGroup: 'handicrafts', stars: 4 },
    products: [
      product(
        t('Lụa tơ tằm may áo dài (2,5 m)', 'Mulberry silk for an ao dai (2.5 m)', 'Maulbeerseide für ein Ao Dai (2,5 m)', 'Sutra murbei untuk ao dai (2,5 m)'),
        t(
          'Lụa vân hoa dệt trên khung cửi, khổ 90 cm.',
          'Figured silk woven on the loom, 90 cm wide.',
          'Gemusterte Seide vom Webstuhl, 90 cm breit.',
          'Sutra bermotif tenunan alat tenun, lebar 90 cm.',
        ),
        1350000,
        15,
        300,
        'silk-bolt',
        'silk-scarf',
        'village',
      ),
      product(
        t('Cà vạt lụa Vạn Phúc', 'Van Phuc silk tie', 'Seidenkrawatte aus Van Phuc', 'Dasi sutra Van Phuc'),
        t('Cà vạt lụa dệt hoa văn chữ thọ.', 'Silk tie woven with the longevity pattern.', 'Seidenkrawatte mit eingewebtem Langlebigkeitsmuster.', 'Dasi sutra bertenun motif panjang umur.'),
        290000,
        35,
        60,
        'silk-scarf',
        'silk-bolt',
      ),
      product(
        t('Vỏ gối lụa tơ tằm', 'Mulberry silk pillowcase', 'Kissenbezug aus Maulbeerseide', 'Sarung bantal sutra murbei'),
        t(
          'Vỏ gối 50 × 70 cm, lụa 19 momme, khóa kéo giấu.',
          'Pillowcase 50 × 70 cm, 19-momme silk, hidden zip.',
          'Kissenbezug 50 × 70 cm, 19-Momme-Seide, verdeckter Reißverschluss.',
          'Sarung bantal 50 × 70 cm, sutra 19 momme, ritsleting tersembunyi.',
        ),
        480000,
        24,
        150,
        'silk-bolt',
        'silk-scarf',
      ),
    ],
  },
  {
    owner: 'vanphuc@demo.ocop.vn',
    certificate: {
      decisionNo: 'DEMO-1733/QĐ-UBND',
      decisionDate: '2024-08-19',
      issuingBody: HANOI,
      level: 'provincial',
      productName: 'Tranh thêu lụa Vạn Phúc',
      productGroup: 'handicrafts',
      stars: 3,
    },
    products: [
      product(
        t('Tranh thêu tay trên lụa: hoa sen', 'Hand embroidery on silk: lotus', 'Handstickerei auf Seide: Lotus', 'Sulaman tangan di atas sutra: teratai'),
        t('Tranh thêu 30 × 40 cm, khung gỗ.', 'Embroidered picture, 30 × 40 cm, wooden frame.', 'Gesticktes Bild, 30 × 40 cm, Holzrahmen.', 'Lukisan sulam 30 × 40 cm, bingkai kayu.'),
        950000,
        7,
        900,
        'lotus-pot',
        'silk-scarf',
      ),
      product(
        t('Quạt lụa vẽ tay', 'Hand-painted silk fan', 'Handbemalter Seidenfächer', 'Kipas sutra dilukis tangan'),
        t(
          'Quạt nan tre căng lụa, vẽ phong cảnh làng.',
          'Bamboo-ribbed fan covered in silk, painted with a village scene.',
          'Fächer mit Bambusrippen und Seide, bemalt mit einer Dorfszene.',
          'Kipas rangka bambu berlapis sutra, dilukis pemandangan desa.',
        ),
        180000,
        50,
        80,
        'silk-scarf',
        'bamboo-basket',
      ),
    ],
  },
  {
    owner: 'minhduong@demo.ocop.vn',
    certificate: {
      decisionNo: 'DEMO-0678/QĐ-UBND',
      decisionDate: '2025-06-11',
      issuingBody: 'UBND huyện Hoài Đức',
      level: 'district',
      productName: 'Bánh đa, bún khô Minh Khai',
      productGroup: 'food',
      stars: 3,
    },
    products: [
      product(
        t('Bánh đa đỏ Minh Khai 500 g', 'Minh Khai red rice noodles 500 g', 'Rote Reisnudeln aus Minh Khai 500 g', 'Mi beras merah Minh Khai 500 g'),
        t(
          'Bánh đa gạo đỏ phơi nắng, nấu cua đồng.',
          'Sun-dried red rice noodles, for crab noodle soup.',
          'Sonnengetrocknete rote Reisnudeln für Krabbennudelsuppe.',
          'Mi beras merah dijemur matahari, untuk sup mi kepiting.',
        ),
        45000,
        300,
        500,
        'noodles',
        'bowls',
      ),
      product(
        t('Bún khô gạo lứt', 'Dried brown-rice vermicelli', 'Getrocknete Vollkornreis-Fadennudeln', 'Bihun beras merah kering'),
        t('Bún gạo lứt nguyên cám, gói 400 g.', 'Whole brown-rice vermicelli, 400 g pack.', 'Fadennudeln aus Vollkornreis, 400-g-Packung.', 'Bihun beras merah utuh, bungkus 400 g.'),
        52000,
        260,
        400,
        'noodles',
        'dried-fruit',
      ),
      product(
        t('Miến dong Minh Dương hộp quà 1 kg', 'Minh Duong arrowroot vermicelli gift box 1 kg', 'Glasnudeln aus Pfeilwurz, Geschenkbox 1 kg', 'Soun garut Minh Duong kotak hadiah 1 kg'),
        t(
          'Hai bó miến dong 500 g trong hộp giấy kraft.',
          'Two 500 g bundles of arrowroot vermicelli in a kraft box.',
          'Zwei 500-g-Bündel Pfeilwurz-Glasnudeln im Kraftkarton.',
          'Dua ikat soun garut 500 g dalam kotak kraft.',
        ),
        165000,
        120,
        1100,
        'noodles',
        'village',
      ),
    ],
  },
  {
    owner: 'minhduong@demo.ocop.vn',
    certificate: {
      decisionNo: 'DEMO-0812/QĐ-UBND',
      decisionDate: '2024-12-02',
      issuingBody: HANOI,
      level: 'provincial',
      productName: 'Miến dong khô Minh Dương loại đặc biệt',
      productGroup: 'food',
      stars: 4,
    },
    products: [
      product(
        t('Miến dong sợi nhỏ đặc biệt 300 g', 'Fine arrowroot vermicelli, special grade 300 g', 'Feine Pfeilwurz-Glasnudeln, Sonderqualität 300 g', 'Soun garut halus kualitas khusus 300 g'),
        t('Sợi nhỏ cho món miến trộn và nem rán.', 'Fine threads for noodle salads and spring rolls.', 'Feine Fäden für Nudelsalate und Frühlingsrollen.', 'Helai halus untuk salad soun dan lumpia.'),
        68000,
        180,
        300,
        'noodles',
        'tea-leaf-cup',
      ),
    ],
  },
  {
    owner: 'trasen@demo.ocop.vn',
    certificate: { decisionNo: 'DEMO-0915/QĐ-UBND', decisionDate: '2025-03-27', issuingBody: HANOI, level: 'provincial', productName: 'Hạt sen, mứt sen Tây Hồ', productGroup: 'food', stars: 3 },
    products: [
      product(
        t('Hạt sen sấy giòn 200 g', 'Crispy dried lotus seeds 200 g', 'Knusprig getrocknete Lotussamen 200 g', 'Biji teratai kering renyah 200 g'),
        t(
          'Hạt sen Hồ Tây sấy giòn, không đường.',
          'West Lake lotus seeds dried crisp, no sugar.',
          'Lotussamen vom Westsee, knusprig getrocknet, ohne Zucker.',
          'Biji teratai Danau Barat dikeringkan renyah, tanpa gula.',
        ),
        140000,
        60,
        200,
        'dried-fruit',
        'lotus-pot',
      ),
      product(
        t('Mứt hạt sen Tết', 'Candied lotus seeds for Tet', 'Kandierte Lotussamen zum Tet-Fest', 'Manisan biji teratai untuk Tet'),
        t(
          'Mứt sen trần đường phèn, hộp 300 g.',
          'Lotus seeds candied in rock sugar, 300 g box.',
          'In Kandiszucker kandierte Lotussamen, 300-g-Schachtel.',
          'Biji teratai dimasak gula batu, kotak 300 g.',
        ),
        175000,
        45,
        300,
        'dried-fruit',
        'lotus-tea',
      ),
    ],
  },
  {
    owner: 'trasen@demo.ocop.vn',
    certificate: {
      decisionNo: 'DEMO-1188/QĐ-UBND',
      decisionDate: '2024-07-15',
      issuingBody: 'UBND quận Tây Hồ',
      level: 'district',
      productName: 'Sen Bách Diệp, quất cảnh Tứ Liên',
      productGroup: 'ornamentals',
      stars: 3,
    },
    products: [
      product(
        t('Sen Bách Diệp trồng chậu', 'Hundred-petal lotus in a pot', 'Hundertblättriger Lotus im Topf', 'Teratai seratus kelopak dalam pot'),
        t(
          'Ngó sen giống Bách Diệp trong chậu sành 40 cm; giao trong Hà Nội.',
          'Hundred-petal lotus rhizome in a 40 cm stoneware pot; delivered within Hanoi.',
          'Rhizom des hundertblättrigen Lotus im 40-cm-Steinguttopf; Lieferung in Hanoi.',
          'Rimpang teratai seratus kelopak dalam pot 40 cm; dikirim di Hanoi.',
        ),
        650000,
        12,
        9000,
        'lotus-pot',
        'village',
      ),
      product(
        t('Quất cảnh Tứ Liên để bàn', 'Tu Lien tabletop kumquat tree', 'Kumquatbäumchen aus Tu Lien für den Tisch', 'Pohon kumkuat meja Tu Lien'),
        t(
          'Cây quất bonsai cao 50 cm, nhiều quả, chậu men.',
          'Bonsai kumquat, 50 cm tall, full of fruit, in a glazed pot.',
          'Kumquat-Bonsai, 50 cm hoch, voller Früchte, im glasierten Topf.',
          'Bonsai kumkuat tinggi 50 cm, berbuah lebat, pot berglasir.',
        ),
        850000,
        9,
        6000,
        'kumquat',
        'lotus-pot',
      ),
      product(
        t('Lan hồ điệp Tây Hồ (chậu 3 cành)', 'West Lake moth orchid, three stems', 'Schmetterlingsorchidee vom Westsee, drei Rispen', 'Anggrek bulan Danau Barat, tiga tangkai'),
        t(
          'Lan hồ điệp trắng trong chậu gốm Bát Tràng.',
          'White moth orchid in a Bat Trang ceramic pot.',
          'Weiße Schmetterlingsorchidee im Keramiktopf aus Bat Trang.',
          'Anggrek bulan putih dalam pot keramik Bat Trang.',
        ),
        1100000,
        8,
        3500,
        'lotus-pot',
        'vase-blue',
      ),
    ],
  },
  {
    owner: 'trasen@demo.ocop.vn',
    certificate: { decisionNo: 'DEMO-1364/QĐ-UBND', decisionDate: '2025-07-01', issuingBody: HANOI, level: 'provincial', productName: 'Trà sen Quảng An túi lọc', productGroup: 'beverages', stars: 4 },
    products: [
      product(
        t('Trà sen túi lọc (25 túi)', 'Lotus tea bags (25 bags)', 'Lotustee im Beutel (25 Beutel)', 'Teh teratai celup (25 kantong)'),
        t(
          'Trà xanh ướp sen, túi lọc tiện dùng cho văn phòng.',
          'Green tea scented with lotus, in handy bags for the office.',
          'Grüner Tee mit Lotusduft, praktisch im Beutel fürs Büro.',
          'Teh hijau beraroma teratai, dalam kantong praktis untuk kantor.',
        ),
        120000,
        90,
        75,
        'lotus-tea',
        'tea-leaf-cup',
      ),
    ],
  },
  {
    owner: 'bache@demo.ocop.vn',
    certificate: { decisionNo: 'DEMO-2305/QĐ-UBND', decisionDate: '2025-09-04', issuingBody: QUANG_NINH, level: 'provincial', productName: 'Ba kích tím Ba Chẽ', productGroup: 'herbal', stars: 4 },
    products: [
      product(
        t('Ba kích tím khô Ba Chẽ 500 g', 'Ba Che dried purple morinda root 500 g', 'Getrocknete violette Morinda-Wurzel aus Ba Che 500 g', 'Akar morinda ungu kering Ba Che 500 g'),
        t('Rễ ba kích tím đã rút lõi, phơi khô.', 'Purple morinda root, cored and dried.', 'Violette Morinda-Wurzel, entkernt und getrocknet.', 'Akar morinda ungu, dibuang intinya dan dikeringkan.'),
        450000,
        40,
        500,
        'herbal-roots',
        'balm-tin',
      ),
      product(
        t('Cao ba kích Ba Chẽ', 'Ba Che morinda extract', 'Morinda-Extrakt aus Ba Che', 'Ekstrak morinda Ba Che'),
        t('Cao đặc ba kích, lọ 100 g.', 'Thick morinda extract, 100 g jar.', 'Dicker Morinda-Extrakt, 100-g-Glas.', 'Ekstrak kental morinda, toples 100 g.'),
        380000,
        30,
        180,
        'balm-tin',
        'herbal-roots',
      ),
    ],
  },
  {
    owner: 'bache@demo.ocop.vn',
    certificate: { decisionNo: 'DEMO-2377/QĐ-UBND', decisionDate: '2024-05-20', issuingBody: QUANG_NINH, level: 'provincial', productName: 'Mật ong rừng Ba Chẽ', productGroup: 'food', stars: 3 },
    products: [
      product(
        t('Mật ong rừng Ba Chẽ 500 ml', 'Ba Che forest honey 500 ml', 'Waldhonig aus Ba Che 500 ml', 'Madu hutan Ba Che 500 ml'),
        t(
          'Mật ong hoa rừng, quay thủ công, chai thủy tinh.',
          'Wildflower forest honey, hand-extracted, in a glass bottle.',
          'Waldblütenhonig, von Hand geschleudert, in der Glasflasche.',
          'Madu bunga hutan, diperas manual, botol kaca.',
        ),
        320000,
        55,
        750,
        'honey-jar',
        'golden-camellia',
      ),
      product(
        t('Mật ong hoa trà vàng 250 ml', 'Golden camellia honey 250 ml', 'Goldkamelien-Honig 250 ml', 'Madu kamelia emas 250 ml'),
        t(
          'Mật ong từ vườn trà hoa vàng, vị thanh.',
          'Honey from golden camellia gardens, light and clear.',
          'Honig aus Goldkamelien-Gärten, mild und klar.',
          'Madu dari kebun kamelia emas, rasa ringan.',
        ),
        260000,
        35,
        400,
        'honey-jar',
        'tea-leaf-cup',
      ),
    ],
  },
  {
    owner: 'bache@demo.ocop.vn',
    certificate: {
      decisionNo: 'DEMO-2419/QĐ-UBND',
      decisionDate: '2025-10-10',
      issuingBody: QUANG_NINH,
      level: 'provincial',
      productName: 'Trà hoa vàng túi lọc Ba Chẽ',
      productGroup: 'beverages',
      stars: 3,
    },
    products: [
      product(
        t('Trà hoa vàng túi lọc (20 túi)', 'Golden camellia tea bags (20 bags)', 'Goldkamelientee im Beutel (20 Beutel)', 'Teh kamelia emas celup (20 kantong)'),
        t(
          'Lá và hoa trà vàng nghiền, túi lọc 2 g.',
          'Ground golden camellia leaves and flowers, 2 g bags.',
          'Gemahlene Goldkamelienblätter und -blüten, 2-g-Beutel.',
          'Daun dan bunga kamelia emas giling, kantong 2 g.',
        ),
        180000,
        70,
        60,
        'golden-camellia',
        'tea-leaf-cup',
      ),
    ],
  },
  {
    owner: 'bache@demo.ocop.vn',
    certificate: {
      decisionNo: 'DEMO-2451/QĐ-UBND',
      decisionDate: '2024-11-28',
      issuingBody: 'UBND huyện Ba Chẽ',
      level: 'district',
      productName: 'Đồ tre đan Ba Chẽ',
      productGroup: 'handicrafts',
      stars: 3,
    },
    products: [
      product(
        t('Giỏ tre đan có quai', 'Woven bamboo basket with handle', 'Geflochtener Bambuskorb mit Henkel', 'Keranjang anyaman bambu bergagang'),
        t(
          'Giỏ tre giang đan tay, đường kính 30 cm.',
          'Hand-woven giang-bamboo basket, 30 cm across.',
          'Handgeflochtener Korb aus Giang-Bambus, 30 cm Durchmesser.',
          'Keranjang bambu giang anyaman tangan, diameter 30 cm.',
        ),
        210000,
        25,
        600,
        'bamboo-basket',
        'village',
      ),
      product(
        t('Bộ ống hút tre (10 chiếc)', 'Bamboo drinking straws, set of 10', 'Trinkhalme aus Bambus, 10 Stück', 'Set sedotan bambu, 10 buah'),
        t(
          'Ống hút tre tự nhiên kèm cọ rửa, dùng nhiều lần.',
          'Natural bamboo straws with a cleaning brush, reusable.',
          'Natürliche Bambushalme mit Reinigungsbürste, wiederverwendbar.',
          'Sedotan bambu alami dengan sikat pembersih, dapat dipakai ulang.',
        ),
        65000,
        150,
        120,
        'bamboo-basket',
        'tea-leaf-cup',
      ),
      product(
        t('Mâm mây tre đan tròn', 'Round rattan-and-bamboo tray', 'Rundes Tablett aus Rattan und Bambus', 'Nampan bulat rotan dan bambu'),
        t(
          'Mâm đan 45 cm, phủ sơn bóng an toàn thực phẩm.',
          'Woven 45 cm tray with a food-safe varnish.',
          'Geflochtenes 45-cm-Tablett mit lebensmittelechtem Lack.',
          'Nampan anyaman 45 cm berlapis pernis aman makanan.',
        ),
        240000,
        20,
        900,
        'bamboo-basket',
        'lacquer-box',
      ),
    ],
  },
  {
    owner: 'binhlieu@demo.ocop.vn',
    certificate: { decisionNo: 'DEMO-1612/QĐ-UBND', decisionDate: '2025-05-05', issuingBody: QUANG_NINH, level: 'provincial', productName: 'Tinh dầu hồi Bình Liêu', productGroup: 'herbal', stars: 4 },
    products: [
      product(
        t('Tinh dầu hồi Bình Liêu 10 ml', 'Binh Lieu star anise oil 10 ml', 'Sternanisöl aus Binh Lieu 10 ml', 'Minyak adas bintang Binh Lieu 10 ml'),
        t(
          'Chưng cất từ hoa hồi Bình Liêu, lọ thủy tinh nâu.',
          'Distilled from Binh Lieu star anise, in a brown glass vial.',
          'Aus Sternanis von Binh Lieu destilliert, im Braunglasfläschchen.',
          'Disuling dari adas bintang Binh Lieu, botol kaca cokelat.',
        ),
        95000,
        80,
        40,
        'herbal-roots',
        'balm-tin',
      ),
      product(
        t('Dầu xoa bóp thảo dược người Dao', 'Dao herbal massage balm', 'Kräuter-Massagebalsam der Dao', 'Balsem pijat herbal suku Dao'),
        t(
          'Cao xoa từ quế, hồi và lá rừng, hộp 20 g.',
          'Balm of cinnamon, star anise and forest leaves, 20 g tin.',
          'Balsam aus Zimt, Sternanis und Waldblättern, 20-g-Dose.',
          'Balsem dari kayu manis, adas bintang dan daun hutan, kaleng 20 g.',
        ),
        75000,
        100,
        40,
        'balm-tin',
        'herbal-roots',
      ),
    ],
  },
  {
    owner: 'binhlieu@demo.ocop.vn',
    certificate: {
      decisionNo: 'DEMO-1655/QĐ-UBND',
      decisionDate: '2024-03-18',
      issuingBody: 'UBND huyện Bình Liêu',
      level: 'district',
      productName: 'Hoa hồi, quế khô Bình Liêu',
      productGroup: 'food',
      stars: 3,
    },
    products: [
      product(
        t('Hoa hồi khô Bình Liêu 200 g', 'Binh Lieu dried star anise 200 g', 'Getrockneter Sternanis aus Binh Lieu 200 g', 'Adas bintang kering Binh Lieu 200 g'),
        t(
          'Hoa hồi vụ thu, cánh đều, phơi nắng.',
          'Autumn-harvest star anise, even petals, sun-dried.',
          'Sternanis der Herbsternte, gleichmäßige Zacken, sonnengetrocknet.',
          'Adas bintang panen musim gugur, kelopak rata, dijemur.',
        ),
        90000,
        140,
        200,
        'dried-fruit',
        'herbal-roots',
      ),
      product(
        t('Miến dong Bình Liêu 500 g', 'Binh Lieu arrowroot vermicelli 500 g', 'Pfeilwurz-Glasnudeln aus Binh Lieu 500 g', 'Soun garut Binh Lieu 500 g'),
        t(
          'Gói nhỏ tiện dùng, sợi dai không nát.',
          'Handy small pack; chewy threads that do not break up.',
          'Praktische kleine Packung; bissfeste Fäden, die nicht zerfallen.',
          'Bungkus kecil praktis; helai kenyal tidak hancur.',
        ),
        65000,
        220,
        500,
        'noodles',
        'village',
      ),
    ],
  },
  {
    owner: 'vandon@demo.ocop.vn',
    certificate: { decisionNo: 'DEMO-1977/QĐ-UBND', decisionDate: '2025-02-25', issuingBody: QUANG_NINH, level: 'provincial', productName: 'Nước mắm Cái Rồng', productGroup: 'food', stars: 4 },
    products: [
      product(
        t('Nước mắm cốt Cái Rồng 40 độ đạm', 'Cai Rong first-press fish sauce, 40° N', 'Fischsauce aus Cai Rong, Erstpressung, 40° N', 'Kecap ikan perasan pertama Cai Rong, 40° N'),
        t(
          'Cá cơm ủ chượp 12 tháng trong thùng gỗ, chai 500 ml.',
          'Anchovies fermented 12 months in wooden vats, 500 ml bottle.',
          'Sardellen, 12 Monate im Holzfass fermentiert, 500-ml-Flasche.',
          'Ikan teri difermentasi 12 bulan dalam tong kayu, botol 500 ml.',
        ),
        150000,
        90,
        800,
        'fish-sauce',
        'seafood-jar',
      ),
      product(
        t('Nước mắm Cái Rồng hộp quà 2 chai', 'Cai Rong fish sauce gift box, two bottles', 'Fischsauce aus Cai Rong, Geschenkbox mit zwei Flaschen', 'Kotak hadiah kecap ikan Cai Rong, dua botol'),
        t('Hai chai 300 ml, 30 và 40 độ đạm.', 'Two 300 ml bottles, 30° and 40° N.', 'Zwei 300-ml-Flaschen, 30° und 40° N.', 'Dua botol 300 ml, 30° dan 40° N.'),
        260000,
        40,
        1100,
        'fish-sauce',
        'village',
      ),
    ],
  },
  {
    owner: 'vandon@demo.ocop.vn',
    certificate: { decisionNo: 'DEMO-2044/QĐ-UBND', decisionDate: '2024-12-12', issuingBody: QUANG_NINH, level: 'provincial', productName: 'Sá sùng, chả mực Vân Đồn', productGroup: 'food', stars: 4 },
    products: [
      product(
        t('Sá sùng khô Quan Lạn 100 g', 'Quan Lan dried peanut worms 100 g', 'Getrocknete Spritzwürmer aus Quan Lan 100 g', 'Cacing laut kering Quan Lan 100 g'),
        t(
          'Đặc sản đảo Quan Lạn, nấu nước dùng phở ngọt thanh.',
          'A Quan Lan island speciality for a clear, sweet pho broth.',
          'Eine Spezialität der Insel Quan Lan für eine klare, süße Pho-Brühe.',
          'Khas pulau Quan Lan untuk kuah pho yang jernih dan manis.',
        ),
        690000,
        15,
        100,
        'seafood-jar',
        'dried-fruit',
      ),
      product(
        t('Chả mực giã tay Vân Đồn 500 g', 'Van Don hand-pounded squid cakes 500 g', 'Handgestampfte Tintenfischküchlein aus Van Don 500 g', 'Perkedel cumi tumbuk tangan Van Don 500 g'),
        t(
          'Mực tươi giã tay, đông lạnh; giao trong miền Bắc.',
          'Fresh squid pounded by hand, frozen; delivered in the north.',
          'Frischer, von Hand gestampfter Tintenfisch, tiefgekühlt; Lieferung im Norden.',
          'Cumi segar ditumbuk tangan, beku; dikirim di wilayah utara.',
        ),
        330000,
        30,
        500,
        'seafood-jar',
        'fish-sauce',
      ),
      product(
        t('Hàu sữa sấy khô 200 g', 'Dried milk oysters 200 g', 'Getrocknete Milchaustern 200 g', 'Tiram susu kering 200 g'),
        t(
          'Hàu Bái Tử Long sấy lạnh, ăn kèm cháo hoặc xào.',
          'Freeze-dried Bai Tu Long oysters, for rice porridge or stir-fries.',
          'Gefriergetrocknete Austern aus Bai Tu Long, für Reisbrei oder Pfannengerichte.',
          'Tiram Bai Tu Long dikeringkan beku, untuk bubur atau tumisan.',
        ),
        280000,
        25,
        200,
        'seafood-jar',
        'honey-jar',
      ),
    ],
  },
];

/** How many products the lines above add (tests read it). */
export const DEMO_CATALOGUE_SIZE = LINES.reduce((n, l) => n + l.products.length, 0);

/**
 * Adds the larger demo catalogue for the demo vendors already created (`members` by owner's
 * e-mail): one certificate per line and its products, drafted and published through the same
 * services the apps use. Called once, on the first start, after the demo villages and vendors.
 */
export async function seedDemoCatalogue(app: INestApplicationContext, admin: Actor, members: Map<string, { member: Actor; productIds: string[] }>): Promise<void> {
  const get = <T>(token: new (...args: never[]) => T) => app.get(token, { strict: false });
  const certification = get(CertificationService);
  const products = get(ProductsService);
  const listing = get(ListingService);
  for (const line of LINES) {
    const seeded = members.get(line.owner);
    if (!seeded) continue;
    const cert = await certification.create(admin, { ...line.certificate, vendorId: seeded.member.vendorId! });
    for (const p of line.products) {
      const created = await products.create(seeded.member, { certificateId: cert.id, productGroup: line.certificate.productGroup as never, ...p });
      await listing.publish(seeded.member, created.id);
      seeded.productIds.push(created.id);
    }
  }
}
