import i18next, { type TFunction } from 'i18next';

export const LOCALES = ['vi', 'en', 'de', 'id'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

export const LOCALE_NAMES: Record<Locale, string> = { vi: 'Tiếng Việt', en: 'English', de: 'Deutsch', id: 'Bahasa Indonesia' };

const resources: Record<Locale, Record<string, string>> = {
  vi: {
    'nav.products': 'Sản phẩm',
    'nav.villages': 'Làng nghề',
    'nav.certificates': 'Chứng nhận',
    'nav.vendors': 'Nhà bán',
    'nav.inspections': 'Hậu kiểm',
    'nav.audit': 'Nhật ký',
    'site.name': 'Chợ OCOP',
    'site.tagline': 'Sản phẩm OCOP chính hãng từ các làng nghề Việt Nam',
    'nav.home': 'Trang chủ',
    'nav.login': 'Đăng nhập',
    'nav.logout': 'Đăng xuất',
    'nav.outbox': 'Hộp thư đi',
    'nav.account': 'Tài khoản',
    'login.title': 'Đăng nhập',
    'login.email': 'Email',
    'login.password': 'Mật khẩu',
    'login.submit': 'Đăng nhập',
    'login.failed': 'Email hoặc mật khẩu không đúng.',
    'login.limited': 'Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau {{minutes}} phút.',
    'login.forbidden': 'Tài khoản này không có quyền vào khu vực này.',
    'home.storefront': 'Mua sản phẩm OCOP được chứng nhận 3–5 sao, trực tiếp từ hợp tác xã và hộ sản xuất.',
    'home.vendor': 'Quản lý sản phẩm, chứng nhận OCOP và đơn hàng của hợp tác xã.',
    'home.admin': 'Quản trị sàn: nhà bán, sổ đăng ký chứng nhận, làng nghề.',
    'home.welcome': 'Xin chào, {{name}}',
    'outbox.title': 'Hộp thư đi',
    'outbox.empty': 'Chưa có thư nào.',
    'outbox.count': '{{count}} thư',
    'outbox.time': 'Thời gian',
    'outbox.to': 'Người nhận',
    'outbox.subject': 'Tiêu đề',
    'outbox.template': 'Mẫu',
    'outbox.status': 'Trạng thái',
    'common.lang': 'Ngôn ngữ',
  },
  en: {
    'nav.products': 'Products',
    'nav.villages': 'Villages',
    'nav.certificates': 'Certificates',
    'nav.vendors': 'Vendors',
    'nav.inspections': 'Inspections',
    'nav.audit': 'Audit log',
    'site.name': 'OCOP Market',
    'site.tagline': "Certified OCOP goods from Vietnam's craft villages",
    'nav.home': 'Home',
    'nav.login': 'Log in',
    'nav.logout': 'Log out',
    'nav.outbox': 'Outbox',
    'nav.account': 'Account',
    'login.title': 'Log in',
    'login.email': 'E-mail',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'login.failed': 'Wrong e-mail or password.',
    'login.limited': 'Too many failed logins. Try again in {{minutes}} minutes.',
    'login.forbidden': 'This account may not enter this area.',
    'home.storefront': 'Buy 3–5 star certified OCOP goods straight from the cooperatives and households that make them.',
    'home.vendor': "Manage your cooperative's products, OCOP certificates and orders.",
    'home.admin': 'Run the marketplace: vendors, the certificate registry, craft villages.',
    'home.welcome': 'Hello, {{name}}',
    'outbox.title': 'Outbox',
    'outbox.empty': 'No mail yet.',
    'outbox.count': '{{count}} messages',
    'outbox.time': 'Time',
    'outbox.to': 'To',
    'outbox.subject': 'Subject',
    'outbox.template': 'Template',
    'outbox.status': 'Status',
    'common.lang': 'Language',
  },
  de: {
    'nav.products': 'Produkte',
    'nav.villages': 'Dörfer',
    'nav.certificates': 'Zertifikate',
    'nav.vendors': 'Anbieter',
    'nav.inspections': 'Prüfungen',
    'nav.audit': 'Protokoll',
    'site.name': 'OCOP-Markt',
    'site.tagline': 'Zertifizierte OCOP-Waren aus Vietnams Handwerksdörfern',
    'nav.home': 'Start',
    'nav.login': 'Anmelden',
    'nav.logout': 'Abmelden',
    'nav.outbox': 'Postausgang',
    'nav.account': 'Konto',
    'login.title': 'Anmelden',
    'login.email': 'E-Mail',
    'login.password': 'Passwort',
    'login.submit': 'Anmelden',
    'login.failed': 'E-Mail oder Passwort ist falsch.',
    'login.limited': 'Zu viele fehlgeschlagene Anmeldungen. Bitte in {{minutes}} Minuten erneut versuchen.',
    'login.forbidden': 'Dieses Konto hat keinen Zugang zu diesem Bereich.',
    'home.storefront': 'Zertifizierte OCOP-Waren (3–5 Sterne) direkt von Genossenschaften und Familienbetrieben.',
    'home.vendor': 'Produkte, OCOP-Zertifikate und Bestellungen Ihrer Genossenschaft verwalten.',
    'home.admin': 'Marktplatz verwalten: Anbieter, Zertifikatsregister, Handwerksdörfer.',
    'home.welcome': 'Hallo, {{name}}',
    'outbox.title': 'Postausgang',
    'outbox.empty': 'Noch keine E-Mails.',
    'outbox.count': '{{count}} Nachrichten',
    'outbox.time': 'Zeit',
    'outbox.to': 'An',
    'outbox.subject': 'Betreff',
    'outbox.template': 'Vorlage',
    'outbox.status': 'Status',
    'common.lang': 'Sprache',
  },
  id: {
    'nav.products': 'Produk',
    'nav.villages': 'Desa',
    'nav.certificates': 'Sertifikat',
    'nav.vendors': 'Penjual',
    'nav.inspections': 'Inspeksi',
    'nav.audit': 'Log audit',
    'site.name': 'Pasar OCOP',
    'site.tagline': 'Produk OCOP bersertifikat dari desa kerajinan Vietnam',
    'nav.home': 'Beranda',
    'nav.login': 'Masuk',
    'nav.logout': 'Keluar',
    'nav.outbox': 'Kotak keluar',
    'nav.account': 'Akun',
    'login.title': 'Masuk',
    'login.email': 'Email',
    'login.password': 'Kata sandi',
    'login.submit': 'Masuk',
    'login.failed': 'Email atau kata sandi salah.',
    'login.limited': 'Terlalu banyak percobaan gagal. Coba lagi dalam {{minutes}} menit.',
    'login.forbidden': 'Akun ini tidak boleh masuk ke area ini.',
    'home.storefront': 'Beli produk OCOP bersertifikat bintang 3–5 langsung dari koperasi dan rumah produksi.',
    'home.vendor': 'Kelola produk, sertifikat OCOP, dan pesanan koperasi Anda.',
    'home.admin': 'Kelola pasar: penjual, daftar sertifikat, desa kerajinan.',
    'home.welcome': 'Halo, {{name}}',
    'outbox.title': 'Kotak keluar',
    'outbox.empty': 'Belum ada email.',
    'outbox.count': '{{count}} pesan',
    'outbox.time': 'Waktu',
    'outbox.to': 'Kepada',
    'outbox.subject': 'Subjek',
    'outbox.template': 'Templat',
    'outbox.status': 'Status',
    'common.lang': 'Bahasa',
  },
};

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: DEFAULT_LOCALE,
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: resources[l] }])),
  interpolation: { escapeValue: false },
});

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A translator for one locale; unknown keys fall back to English, then to the key itself. */
export function translator(locale: Locale): TFunction {
  return instance.getFixedT(locale);
}

/**
 * Adds page strings of one area (keys prefixed by the area, e.g. `certificates.*`), so each
 * feature keeps its words beside its pages. Call at module load; later keys replace earlier ones.
 */
export function addTranslations(resources: Record<Locale, Record<string, string>>): void {
  for (const locale of LOCALES) instance.addResources(locale, 'translation', resources[locale] ?? {});
}
