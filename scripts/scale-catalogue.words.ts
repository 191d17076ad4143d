/**
 * The word lists of the catalogue generator (`scale-catalogue.ts`): real OCOP product lines in
 * Vietnamese, English, German and Indonesian, the craft villages and producing areas known for
 * them, producers' names, and the grounds and dates of the registry's decisions.
 */
import type { ProductGroup } from '@ocop/certification';

export type Text = { vi: string; en: string; de: string; id: string };
/** A pack, size or colour of a product line: its words, shipping weight and price relative to the first. */
export type Variant = Text & { grams: number; factor: number };

export interface Kind {
  group: ProductGroup;
  craft: string;
  /** The trade in English, for the village's story. */
  trade: string;
  lines: Text[];
  variants: Variant[];
  /** Price of the first variant, in VND. */
  basePrice: number;
  /** The marketplace's own drawings that fit (`libs/web/static/pictures`). */
  pictures: string[];
  describe(village: string, province: string): string;
}

const pack = (vi: string, en: string, de: string, id: string, grams: number, factor: number): Variant => ({ vi, en, de, id, grams, factor });

export const PACKS: Variant[] = [
  pack('gói 100 g', '100 g pack', '100-g-Packung', 'kemasan 100 g', 120, 0.55),
  pack('gói 200 g', '200 g pack', '200-g-Packung', 'kemasan 200 g', 220, 1),
  pack('hộp 300 g', '300 g box', '300-g-Schachtel', 'kotak 300 g', 340, 1.5),
  pack('gói 500 g', '500 g pack', '500-g-Packung', 'kemasan 500 g', 530, 2.3),
  pack('túi 1 kg', '1 kg bag', '1-kg-Beutel', 'kantong 1 kg', 1050, 4.2),
  pack('hộp quà 3 gói', 'gift box of 3', 'Geschenkbox mit 3 Packungen', 'kotak hadiah isi 3', 800, 3.4),
];
export const BOTTLES: Variant[] = [
  pack('chai 250 ml', '250 ml bottle', '250-ml-Flasche', 'botol 250 ml', 420, 1),
  pack('chai 330 ml', '330 ml bottle', '330-ml-Flasche', 'botol 330 ml', 520, 1.3),
  pack('chai 500 ml', '500 ml bottle', '500-ml-Flasche', 'botol 500 ml', 780, 1.8),
  pack('chai 1 lít', '1 litre bottle', '1-Liter-Flasche', 'botol 1 liter', 1400, 3.3),
  pack('can 2 lít', '2 litre jug', '2-Liter-Kanister', 'jeriken 2 liter', 2300, 6),
  pack('hộp quà 2 chai', 'gift box of 2 bottles', 'Geschenkbox mit 2 Flaschen', 'kotak hadiah isi 2 botol', 1700, 4),
];
export const TEA_BOXES: Variant[] = [
  pack('hộp 50 g', '50 g box', '50-g-Dose', 'kotak 50 g', 90, 0.6),
  pack('hộp 100 g', '100 g box', '100-g-Dose', 'kotak 100 g', 160, 1),
  pack('hộp 200 g', '200 g box', '200-g-Dose', 'kotak 200 g', 290, 1.9),
  pack('túi 500 g', '500 g bag', '500-g-Beutel', 'kantong 500 g', 560, 4.2),
  pack('túi 1 kg', '1 kg bag', '1-kg-Beutel', 'kantong 1 kg', 1080, 8),
  pack('hộp quà sơn mài', 'lacquered gift box', 'Geschenkdose aus Lack', 'kotak hadiah pernis', 650, 5.5),
];
export const FROZEN: Variant[] = [
  pack('hộp 250 g', '250 g box', '250-g-Schachtel', 'kotak 250 g', 300, 0.55),
  pack('hộp 500 g', '500 g box', '500-g-Schachtel', 'kotak 500 g', 560, 1),
  pack('hộp 1 kg', '1 kg box', '1-kg-Schachtel', 'kotak 1 kg', 1080, 1.9),
  pack('hộp 2 kg', '2 kg box', '2-kg-Schachtel', 'kotak 2 kg', 2150, 3.7),
  pack('thùng 3 kg', '3 kg carton', '3-kg-Karton', 'karton 3 kg', 3300, 5.5),
];
export const SIZES: Variant[] = [
  pack('cỡ nhỏ', 'small', 'klein', 'kecil', 600, 1),
  pack('cỡ vừa', 'medium', 'mittel', 'sedang', 1200, 1.8),
  pack('cỡ lớn', 'large', 'groß', 'besar', 2500, 3.2),
  pack('cỡ đại', 'extra large', 'sehr groß', 'sangat besar', 4500, 5.5),
  pack('bộ 2 chiếc', 'pair', 'Paar', 'sepasang', 1300, 1.9),
  pack('bộ 6 chiếc', 'set of six', 'Sechserset', 'set isi 6', 3000, 4.8),
  pack('bộ quà tặng', 'gift set', 'Geschenkset', 'set hadiah', 1800, 2.6),
];
export const COLOURS: Variant[] = [
  pack('màu đỏ son', 'vermilion', 'zinnoberrot', 'merah vermilion', 150, 1),
  pack('màu xanh ngọc', 'jade green', 'jadegrün', 'hijau giok', 150, 1),
  pack('màu vàng nghệ', 'turmeric yellow', 'kurkumagelb', 'kuning kunyit', 150, 1.05),
  pack('màu tím than', 'indigo', 'indigoblau', 'nila', 150, 1.1),
  pack('màu trắng ngà', 'ivory', 'elfenbeinfarben', 'putih gading', 150, 1.1),
  pack('màu xanh lá mạ', 'rice-shoot green', 'reisgrün', 'hijau padi', 150, 1),
  pack('màu hồng phấn', 'powder pink', 'puderrosa', 'merah muda', 150, 1),
  pack('màu đen tuyền', 'jet black', 'tiefschwarz', 'hitam legam', 150, 1.1),
];
export const HATS: Variant[] = [
  pack('nón trơn', 'plain', 'schlicht', 'polos', 180, 1),
  pack('vẽ hoa sen', 'lotus-painted', 'mit Lotusmalerei', 'bergambar teratai', 190, 1.5),
  pack('vẽ phong cảnh', 'landscape-painted', 'mit Landschaftsmalerei', 'bergambar pemandangan', 190, 1.6),
  pack('thêu tay', 'hand-embroidered', 'handbestickt', 'bersulam tangan', 200, 2.2),
  pack('quai lụa', 'with a silk strap', 'mit Seidenband', 'bertali sutra', 190, 1.3),
  pack('cỡ trẻ em', 'child size', 'Kindergröße', 'ukuran anak', 120, 0.8),
];
export const VIALS: Variant[] = [
  pack('lọ 5 ml', '5 ml vial', '5-ml-Fläschchen', 'botol 5 ml', 40, 0.6),
  pack('lọ 10 ml', '10 ml vial', '10-ml-Fläschchen', 'botol 10 ml', 60, 1),
  pack('lọ 50 ml', '50 ml bottle', '50-ml-Flasche', 'botol 50 ml', 130, 3.5),
  pack('chai 100 ml', '100 ml bottle', '100-ml-Flasche', 'botol 100 ml', 220, 6),
  pack('chai 250 ml', '250 ml bottle', '250-ml-Flasche', 'botol 250 ml', 420, 13),
  pack('bộ 3 lọ 10 ml', 'set of three 10 ml vials', 'Set mit drei 10-ml-Fläschchen', 'set isi 3 botol 10 ml', 200, 2.7),
];
export const POTS: Variant[] = [
  pack('chậu mini', 'mini pot', 'Minitopf', 'pot mini', 1200, 0.45),
  pack('chậu nhỏ', 'small pot', 'kleiner Topf', 'pot kecil', 3000, 1),
  pack('chậu trung', 'medium pot', 'mittlerer Topf', 'pot sedang', 8000, 2.5),
  pack('chậu lớn', 'large pot', 'großer Topf', 'pot besar', 20000, 6),
  pack('chậu đại', 'extra large pot', 'sehr großer Topf', 'pot sangat besar', 45000, 12),
];
/**
 * Words a producer adds to tell its products of one line apart ("Trà xanh đặc biệt Tân Cương"),
 * so a vendor never holds two certificates for one product name at once.
 */
export const QUALIFIERS: Text[] = [
  { vi: 'đặc biệt', en: 'special', de: 'Spezial', id: 'spesial' },
  { vi: 'thượng hạng', en: 'premium', de: 'Premium', id: 'premium' },
  { vi: 'truyền thống', en: 'traditional', de: 'traditionell', id: 'tradisional' },
  { vi: 'cao cấp', en: 'deluxe', de: 'Deluxe', id: 'deluks' },
  { vi: 'loại 1', en: 'grade 1', de: 'Klasse 1', id: 'kelas 1' },
  { vi: 'mẫu mới', en: 'new design', de: 'neues Design', id: 'desain baru' },
  { vi: 'xuất khẩu', en: 'export grade', de: 'Exportqualität', id: 'kualitas ekspor' },
];

const t = (vi: string, en: string, de: string, id: string): Text => ({ vi, en, de, id });

export const KINDS = {
  gom: {
    group: 'handicrafts',
    craft: 'Gốm sứ',
    trade: 'ceramics',
    lines: [
      t('Bình gốm men lam', 'blue-glazed ceramic vase', 'Blau glasierte Keramikvase', 'Vas keramik glasir biru'),
      t('Bộ ấm chén gốm', 'ceramic tea set', 'Keramik-Teeservice', 'Set teko keramik'),
      t('Bát đĩa gốm men rạn', 'crackle-glaze tableware', 'Geschirr mit Craquelé-Glasur', 'Peralatan makan glasir retak'),
    ],
    variants: SIZES,
    basePrice: 250_000,
    pictures: ['vase-blue', 'bowls', 'tea-set'],
    describe: (v, p) => `Gốm vẽ tay, men không chì, nung lò ga ở 1.250 °C tại làng gốm ${v}, ${p}.`,
  },
  lua: {
    group: 'handicrafts',
    craft: 'Dệt lụa',
    trade: 'silk weaving',
    lines: [
      t('Khăn lụa', 'silk scarf', 'Seidenschal', 'Syal sutra'),
      t('Áo dài lụa tơ tằm', 'mulberry silk ao dai', 'Ao Dai aus Maulbeerseide', 'Ao dai sutra murbei'),
      t('Vải lụa tơ tằm', 'mulberry silk fabric', 'Maulbeerseidenstoff', 'Kain sutra murbei'),
    ],
    variants: COLOURS,
    basePrice: 350_000,
    pictures: ['silk-scarf', 'silk-bolt'],
    describe: (v, p) => `Lụa tơ tằm dệt tay trên khung cửi truyền thống của làng ${v}, ${p}; nhuộm màu tự nhiên.`,
  },
  tra: {
    group: 'beverages',
    craft: 'Chè',
    trade: 'tea',
    lines: [
      t('Trà xanh', 'green tea', 'Grüner Tee', 'Teh hijau'),
      t('Trà Shan tuyết', 'Shan Tuyet tea', 'Shan-Tuyet-Tee', 'Teh Shan Tuyet'),
      t('Trà móc câu', 'hook-leaf green tea', 'Grüner Hakenblatt-Tee', 'Teh hijau daun kait'),
    ],
    variants: TEA_BOXES,
    basePrice: 90_000,
    pictures: ['tea-leaf-cup', 'tea-set'],
    describe: (v, p) => `Búp chè hái tay buổi sớm ở ${v}, ${p}, sao khô trong chảo gang.`,
  },
  traHoaVang: {
    group: 'beverages',
    craft: 'Trà hoa vàng',
    trade: 'golden camellia tea',
    lines: [t('Trà hoa vàng', 'golden camellia tea', 'Goldkamelientee', 'Teh kamelia emas'), t('Trà hoa vàng túi lọc', 'golden camellia tea bags', 'Goldkamelien-Teebeutel', 'Teh celup kamelia emas')],
    variants: TEA_BOXES,
    basePrice: 280_000,
    pictures: ['golden-camellia', 'tea-leaf-cup'],
    describe: (v, p) => `Hoa trà vàng mọc dưới tán rừng ${v}, ${p}, hái khi vừa nở và sấy lạnh để giữ màu vàng óng.`,
  },
  traSen: {
    group: 'beverages',
    craft: 'Trà sen',
    trade: 'lotus-scented tea',
    lines: [t('Trà ướp sen', 'lotus-scented tea', 'Lotus-aromatisierter Tee', 'Teh beraroma teratai'), t('Trà tim sen', 'lotus embryo tea', 'Lotuskeimtee', 'Teh lembaga teratai')],
    variants: TEA_BOXES,
    basePrice: 250_000,
    pictures: ['lotus-tea', 'tea-leaf-cup'],
    describe: (v, p) => `Chè búp ướp trong hoa sen Bách Diệp của đầm ${v}, ${p}, mỗi cân chè cần gần nghìn bông sen.`,
  },
  caPhe: {
    group: 'beverages',
    craft: 'Cà phê',
    trade: 'coffee',
    lines: [t('Cà phê rang xay', 'ground roasted coffee', 'Gemahlener Röstkaffee', 'Kopi bubuk sangrai'), t('Cà phê hạt Robusta', 'Robusta coffee beans', 'Robusta-Kaffeebohnen', 'Biji kopi Robusta')],
    variants: PACKS,
    basePrice: 110_000,
    pictures: [],
    describe: (v, p) => `Cà phê trồng trên đất đỏ bazan ở ${v}, ${p}, chỉ hái quả chín, rang mộc không tẩm hương liệu.`,
  },
  mien: {
    group: 'food',
    craft: 'Miến dong',
    trade: 'arrowroot vermicelli',
    lines: [t('Miến dong', 'arrowroot vermicelli', 'Pfeilwurz-Glasnudeln', 'Soun garut'), t('Miến dong sợi nhỏ', 'thin arrowroot vermicelli', 'Feine Pfeilwurz-Glasnudeln', 'Soun garut halus')],
    variants: PACKS,
    basePrice: 45_000,
    pictures: ['noodles'],
    describe: (v, p) => `Sợi miến từ tinh bột củ dong riềng trồng ở ${v}, ${p}; dai, trong, không chất tẩy trắng.`,
  },
  chaMuc: {
    group: 'food',
    craft: 'Chả mực',
    trade: 'squid cakes',
    lines: [
      t('Chả mực giã tay', 'hand-pounded squid cake', 'Handgestampfte Tintenfischfrikadellen', 'Perkedel cumi tumbuk tangan'),
      t('Chả mực chiên', 'fried squid cake', 'Gebratene Tintenfischfrikadellen', 'Perkedel cumi goreng'),
    ],
    variants: FROZEN,
    basePrice: 220_000,
    pictures: ['seafood-jar'],
    describe: (v, p) => `Mực tươi đánh bắt ở vùng biển ${v}, ${p}, giã tay bằng cối đá; bảo quản đông lạnh.`,
  },
  matOng: {
    group: 'food',
    craft: 'Mật ong',
    trade: 'honey',
    lines: [t('Mật ong hoa bạc hà', 'mint flower honey', 'Minzblütenhonig', 'Madu bunga mint'), t('Mật ong rừng', 'wild forest honey', 'Waldhonig', 'Madu hutan')],
    variants: BOTTLES,
    basePrice: 150_000,
    pictures: ['honey-jar'],
    describe: (v, p) => `Mật ong nguyên chất từ những đàn ong nuôi trên núi đá ${v}, ${p}; không pha đường.`,
  },
  nonLa: {
    group: 'handicrafts',
    craft: 'Nón lá',
    trade: 'conical hats',
    lines: [t('Nón lá', 'conical leaf hat', 'Kegelhut aus Palmblättern', 'Caping daun'), t('Nón lá bài thơ', 'poem conical hat', 'Gedicht-Kegelhut', 'Caping puisi')],
    variants: HATS,
    basePrice: 120_000,
    pictures: [],
    describe: (v, p) => `Nón chằm tay từ lá cọ phơi sương, vành tre chuốt mỏng, của làng nón ${v}, ${p}.`,
  },
  nuocMam: {
    group: 'food',
    craft: 'Nước mắm',
    trade: 'fish sauce',
    lines: [
      t('Nước mắm cá cơm', 'anchovy fish sauce', 'Sardellen-Fischsauce', 'Kecap ikan teri'),
      t('Nước mắm nhĩ', 'first-press fish sauce', 'Fischsauce erster Pressung', 'Kecap ikan perasan pertama'),
    ],
    variants: BOTTLES,
    basePrice: 90_000,
    pictures: ['fish-sauce'],
    describe: (v, p) => `Cá cơm ủ chượp với muối biển trong thùng gỗ 12 tháng ở ${v}, ${p}; độ đạm 40°N.`,
  },
  banh: {
    group: 'food',
    craft: 'Bánh truyền thống',
    trade: 'traditional cakes',
    lines: [
      t('Bánh cốm', 'young rice cake', 'Kuchen aus grünem Klebreis', 'Kue beras muda'),
      t('Bánh pía sầu riêng', 'durian mung bean pastry', 'Durian-Mungbohnen-Gebäck', 'Kue pia durian'),
      t('Bánh tráng phơi sương', 'dew-dried rice paper', 'Taugetrocknetes Reispapier', 'Kertas nasi kering embun'),
    ],
    variants: PACKS,
    basePrice: 60_000,
    pictures: [],
    describe: (v, p) => `Bánh làm thủ công mỗi ngày ở ${v}, ${p}, từ nguyên liệu địa phương; không chất bảo quản.`,
  },
  keoDua: {
    group: 'food',
    craft: 'Kẹo dừa',
    trade: 'coconut candy',
    lines: [t('Kẹo dừa sữa', 'coconut milk candy', 'Kokos-Milchbonbons', 'Permen susu kelapa'), t('Kẹo dừa lá dứa', 'pandan coconut candy', 'Kokosbonbons mit Pandan', 'Permen kelapa pandan')],
    variants: PACKS,
    basePrice: 40_000,
    pictures: [],
    describe: (v, p) => `Kẹo nấu từ nước cốt dừa tươi của ${v}, ${p}, cắt và gói tay từng viên.`,
  },
  ruou: {
    group: 'beverages',
    craft: 'Nấu rượu',
    trade: 'rice wine',
    lines: [t('Rượu gạo', 'rice wine', 'Reiswein', 'Arak beras'), t('Rượu nếp cái hoa vàng', 'yellow-flower sticky rice wine', 'Klebreiswein', 'Arak ketan')],
    variants: BOTTLES,
    basePrice: 120_000,
    pictures: [],
    describe: (v, p) => `Rượu nấu từ gạo nếp và men lá theo cách truyền thống của ${v}, ${p}; 40 độ.`,
  },
  tinhDau: {
    group: 'herbal',
    craft: 'Tinh dầu',
    trade: 'essential oils',
    lines: [t('Tinh dầu tràm', 'cajeput essential oil', 'Cajeputöl', 'Minyak kayu putih'), t('Tinh dầu quế', 'cinnamon essential oil', 'Zimtöl', 'Minyak atsiri kayu manis')],
    variants: VIALS,
    basePrice: 60_000,
    pictures: ['balm-tin', 'herbal-roots'],
    describe: (v, p) => `Tinh dầu chưng cất hơi nước từ lá và vỏ cây trồng ở ${v}, ${p}.`,
  },
  sam: {
    group: 'herbal',
    craft: 'Sâm Ngọc Linh',
    trade: 'Ngoc Linh ginseng',
    lines: [
      t('Sâm Ngọc Linh tươi', 'fresh Ngoc Linh ginseng', 'Frischer Ngoc-Linh-Ginseng', 'Ginseng Ngoc Linh segar'),
      t('Cao sâm Ngọc Linh', 'Ngoc Linh ginseng extract', 'Ngoc-Linh-Ginsengextrakt', 'Ekstrak ginseng Ngoc Linh'),
      t('Trà túi lọc sâm Ngọc Linh', 'Ngoc Linh ginseng tea bags', 'Ngoc-Linh-Ginseng-Teebeutel', 'Teh celup ginseng Ngoc Linh'),
    ],
    variants: TEA_BOXES,
    basePrice: 900_000,
    pictures: ['herbal-roots'],
    describe: (v, p) => `Sâm trồng dưới tán rừng nguyên sinh trên núi Ngọc Linh, thu hái ở ${v}, ${p}, có mã truy xuất từng củ.`,
  },
  mayTre: {
    group: 'handicrafts',
    craft: 'Mây tre đan',
    trade: 'rattan and bamboo weaving',
    lines: [
      t('Giỏ mây tre đan', 'woven rattan and bamboo basket', 'Geflochtener Rattan-Bambuskorb', 'Keranjang anyaman rotan bambu'),
      t('Đèn mây tre', 'rattan and bamboo lamp', 'Rattan-Bambuslampe', 'Lampu rotan bambu'),
    ],
    variants: SIZES,
    basePrice: 180_000,
    pictures: ['bamboo-basket'],
    describe: (v, p) => `Đan tay từ mây và tre già của ${v}, ${p}, sấy chống mốc, phủ dầu bóng gốc nước.`,
  },
  hoaCanh: {
    group: 'ornamentals',
    craft: 'Hoa, cây cảnh',
    trade: 'flowers and ornamental plants',
    lines: [
      t('Cây quất cảnh', 'potted kumquat tree', 'Kumquatbäumchen', 'Pohon kumquat hias'),
      t('Cành đào Tết', 'Tet peach blossom branch', 'Pfirsichblütenzweig zum Tet-Fest', 'Dahan bunga persik Tet'),
      t('Lan hồ điệp', 'moth orchid', 'Phalaenopsis-Orchidee', 'Anggrek bulan'),
    ],
    variants: POTS,
    basePrice: 450_000,
    pictures: ['kumquat', 'lotus-pot'],
    describe: (v, p) => `Cây được chăm tại vườn ở ${v}, ${p}; giao kèm chậu và hướng dẫn chăm sóc.`,
  },
} satisfies Record<string, Kind>;

export type KindName = keyof typeof KINDS;

/** A craft village or producing area: where it is, which trade it is known for, which of that trade's lines it makes. */
export interface Place {
  name: string;
  province: string;
  /** The district-level unit, which recognised 3-star products before 6 July 2025. */
  district: string;
  kind: KindName;
  lines?: number[];
  networks?: string[];
}

// Real craft villages and producing areas, each with its best-known trade (province names as
// before the 2025 mergers, as the certificates issued then name them).
export const PLACES: Place[] = [
  { name: 'Bát Tràng', province: 'Hà Nội', district: 'huyện Gia Lâm', kind: 'gom', networks: ['World Craft Cities: World Craft Village for Ceramics (2025)'] },
  { name: 'Vạn Phúc', province: 'Hà Nội', district: 'quận Hà Đông', kind: 'lua', networks: ['World Craft Cities: World Craft Village for Silk Weaving (2025)'] },
  { name: 'Tân Cương', province: 'Thái Nguyên', district: 'thành phố Thái Nguyên', kind: 'tra', lines: [0, 2] },
  { name: 'Cự Đà', province: 'Hà Nội', district: 'huyện Thanh Oai', kind: 'mien' },
  { name: 'Hạ Long', province: 'Quảng Ninh', district: 'thành phố Hạ Long', kind: 'chaMuc' },
  { name: 'Mèo Vạc', province: 'Hà Giang', district: 'huyện Mèo Vạc', kind: 'matOng', lines: [0] },
  { name: 'Chuông', province: 'Hà Nội', district: 'huyện Thanh Oai', kind: 'nonLa' },
  { name: 'Phú Quốc', province: 'Kiên Giang', district: 'thành phố Phú Quốc', kind: 'nuocMam' },
  { name: 'Vòng', province: 'Hà Nội', district: 'quận Cầu Giấy', kind: 'banh', lines: [0] },
  { name: 'Vân', province: 'Bắc Giang', district: 'huyện Việt Yên', kind: 'ruou', lines: [0] },
  { name: 'Phong Điền', province: 'Thừa Thiên Huế', district: 'huyện Phong Điền', kind: 'tinhDau', lines: [0] },
  { name: 'Phú Vinh', province: 'Hà Nội', district: 'huyện Chương Mỹ', kind: 'mayTre' },
  { name: 'Phù Lãng', province: 'Bắc Ninh', district: 'huyện Quế Võ', kind: 'gom' },
  { name: 'Mã Châu', province: 'Quảng Nam', district: 'huyện Duy Xuyên', kind: 'lua' },
  { name: 'Suối Giàng', province: 'Yên Bái', district: 'huyện Văn Chấn', kind: 'tra', lines: [1] },
  { name: 'Bình Liêu', province: 'Quảng Ninh', district: 'huyện Bình Liêu', kind: 'mien' },
  { name: 'Cô Tô', province: 'Quảng Ninh', district: 'huyện Cô Tô', kind: 'chaMuc' },
  { name: 'Đồng Văn', province: 'Hà Giang', district: 'huyện Đồng Văn', kind: 'matOng', lines: [0] },
  { name: 'Phú Cam', province: 'Thừa Thiên Huế', district: 'thành phố Huế', kind: 'nonLa' },
  { name: 'Phan Thiết', province: 'Bình Thuận', district: 'thành phố Phan Thiết', kind: 'nuocMam' },
  { name: 'Vĩnh Châu', province: 'Sóc Trăng', district: 'thị xã Vĩnh Châu', kind: 'banh', lines: [1] },
  { name: 'Bàu Đá', province: 'Bình Định', district: 'thị xã An Nhơn', kind: 'ruou', lines: [0] },
  { name: 'Trà My', province: 'Quảng Nam', district: 'huyện Bắc Trà My', kind: 'tinhDau', lines: [1] },
  { name: 'Xuân Lai', province: 'Bắc Ninh', district: 'huyện Gia Bình', kind: 'mayTre' },
  { name: 'Chu Đậu', province: 'Hải Dương', district: 'huyện Nam Sách', kind: 'gom' },
  { name: 'Nha Xá', province: 'Hà Nam', district: 'thị xã Duy Tiên', kind: 'lua' },
  { name: 'Ba Chẽ', province: 'Quảng Ninh', district: 'huyện Ba Chẽ', kind: 'traHoaVang' },
  { name: 'Minh Khai', province: 'Hà Nội', district: 'huyện Hoài Đức', kind: 'mien' },
  { name: 'Vân Đồn', province: 'Quảng Ninh', district: 'huyện Vân Đồn', kind: 'chaMuc' },
  { name: 'Sơn Động', province: 'Bắc Giang', district: 'huyện Sơn Động', kind: 'matOng', lines: [1] },
  { name: 'Tây Hồ', province: 'Thừa Thiên Huế', district: 'huyện Phú Vang', kind: 'nonLa' },
  { name: 'Cát Hải', province: 'Hải Phòng', district: 'huyện Cát Hải', kind: 'nuocMam' },
  { name: 'Trảng Bàng', province: 'Tây Ninh', district: 'thị xã Trảng Bàng', kind: 'banh', lines: [2] },
  { name: 'Kim Sơn', province: 'Ninh Bình', district: 'huyện Kim Sơn', kind: 'ruou' },
  { name: 'Văn Yên', province: 'Yên Bái', district: 'huyện Văn Yên', kind: 'tinhDau', lines: [1] },
  { name: 'Bao La', province: 'Thừa Thiên Huế', district: 'huyện Quảng Điền', kind: 'mayTre' },
  { name: 'Thanh Hà', province: 'Quảng Nam', district: 'thành phố Hội An', kind: 'gom' },
  { name: 'Tân Châu', province: 'An Giang', district: 'thị xã Tân Châu', kind: 'lua' },
  { name: 'Bàu Trúc', province: 'Ninh Thuận', district: 'huyện Ninh Phước', kind: 'gom' },
  { name: 'Nam Ô', province: 'Đà Nẵng', district: 'quận Liên Chiểu', kind: 'nuocMam' },
  { name: 'Quảng An', province: 'Hà Nội', district: 'quận Tây Hồ', kind: 'traSen' },
  { name: 'Tứ Liên', province: 'Hà Nội', district: 'quận Tây Hồ', kind: 'hoaCanh', lines: [0, 1] },
  { name: 'Sa Đéc', province: 'Đồng Tháp', district: 'thành phố Sa Đéc', kind: 'hoaCanh', lines: [2] },
  { name: 'Cái Mơn', province: 'Bến Tre', district: 'huyện Chợ Lách', kind: 'hoaCanh', lines: [0, 2] },
  { name: 'Mỏ Cày', province: 'Bến Tre', district: 'huyện Mỏ Cày Nam', kind: 'keoDua' },
  { name: 'Buôn Ma Thuột', province: 'Đắk Lắk', district: 'thành phố Buôn Ma Thuột', kind: 'caPhe' },
  { name: 'Khe Sanh', province: 'Quảng Trị', district: 'huyện Hướng Hóa', kind: 'caPhe' },
  { name: 'Măng Ri', province: 'Kon Tum', district: 'huyện Tu Mơ Rông', kind: 'sam' },
];

/** Provinces run as cities, whose People's Committee is "UBND thành phố …". */
export const CITY_PROVINCES = new Set(['Hà Nội', 'Hải Phòng', 'Đà Nẵng']);
export const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Phan', 'Hồ', 'Mai', 'Cao'];
export const MALE = { middle: ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công'], given: ['Hùng', 'Tâm', 'Nam', 'Long', 'Khánh', 'Thắng', 'Sơn', 'Tuấn', 'Hải', 'Phúc', 'Dũng', 'Quân', 'Bình', 'Toàn'] };
export const FEMALE = { middle: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim'], given: ['Mai', 'Hoa', 'Lan', 'Hằng', 'Hương', 'Ngân', 'Yến', 'Linh', 'Trang', 'Nhung', 'Hạnh', 'Loan', 'Phương'] };
export const BRANDS = [
  'An Phú',
  'Hưng Thịnh',
  'Phúc Lộc',
  'Minh Tâm',
  'Thành Đạt',
  'Hoàng Gia',
  'Tâm An',
  'Bảo Ngọc',
  'Đức Thành',
  'Kim Long',
  'Việt Hương',
  'Hồng Phát',
  'Thái An',
  'Quang Minh',
  'Ngọc Sơn',
  'Hải Đăng',
  'Tân Tiến',
  'Nam Việt',
  'Thiên Phúc',
  'Lộc Phát',
  'Đại Thành',
  'Xuân Mai',
  'Trường Sơn',
  'Hương Quê',
  'Sao Việt',
];
export const MORE: Record<ProductGroup, string[]> = {
  food: ['Đóng gói tại cơ sở đạt chứng nhận an toàn thực phẩm.', 'Bảo quản nơi khô ráo, tránh ánh nắng trực tiếp.', 'Công thức gia truyền ba đời của làng.'],
  beverages: ['Pha với nước 90 °C, hãm ba phút.', 'Đóng gói tại cơ sở đạt chứng nhận an toàn thực phẩm.', 'Nguyên liệu từ vùng trồng có mã số.'],
  herbal: ['Không dùng cho trẻ em dưới hai tuổi.', 'Đã kiểm nghiệm hàm lượng hoạt chất tại trung tâm kiểm nghiệm tỉnh.', 'Bảo quản nơi thoáng mát.'],
  handicrafts: ['Mỗi sản phẩm làm thủ công nên hoa văn có khác biệt nhỏ.', 'Đóng hộp chống sốc khi giao hàng.', 'Nghệ nhân làng nghề ký tên dưới đáy sản phẩm.'],
  ornamentals: ['Giao trong nội thành và các tỉnh lân cận.', 'Cây đã được thuần dưới nắng nhẹ trước khi giao.', 'Đổi cây trong bảy ngày nếu cây không khỏe.'],
  tourism: [],
};
/** Grounds on which provinces revoked certificates (DOMAIN.md §1.4); food safety only for food and drink. */
export const REVOCATION_GROUNDS = [
  'Không đạt tiêu chí bắt buộc khi đánh giá lại theo Quyết định 148/QĐ-TTg',
  'Sản phẩm không duy trì chất lượng, mẫu mã như khi được công nhận',
  'Không có hồ sơ chất lượng, truy xuất nguồn gốc theo quy định',
  'Chủ thể tạm ngừng hoạt động sản xuất, kinh doanh',
];
export const FOOD_SAFETY_GROUND = 'Vi phạm quy định về an toàn thực phẩm qua kiểm tra sau công nhận';
export const LAPSED_GROUND = 'Hết thời hạn công nhận, chủ thể không đề nghị đánh giá lại';

/** The day 3★ recognition moved from districts to provinces (Decision 1489/QĐ-TTg). */
export const TWO_LEVEL_REFORM = '2025-07-06';
/** The day the agriculture and environment ministries merged into the Ministry of Agriculture and Environment. */
export const MINISTRY_MERGER = '2025-03-01';
