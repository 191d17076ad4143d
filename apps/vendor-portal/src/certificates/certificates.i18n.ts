import { addTranslations } from '@ocop/core';

const vi = {
  'vendorCerts.title': 'Chứng nhận OCOP',
  'vendorCerts.intro':
    'Chỉ sản phẩm có chứng nhận OCOP còn hiệu lực mới được bán. Chứng nhận có hiệu lực 36 tháng kể từ ngày ký quyết định và không tự gia hạn: hãy xin đánh giá lại trước khi hết hạn.',
  'vendorCerts.empty': 'Nhà bán của bạn chưa có chứng nhận nào trong sổ đăng ký. Ban quản lý sàn ghi nhận chứng nhận theo quyết định công nhận.',
  'vendorCerts.product': 'Sản phẩm',
  'vendorCerts.decision': 'Quyết định',
  'vendorCerts.stars': 'Hạng sao',
  'vendorCerts.starsValue': '{{count}} sao',
  'vendorCerts.status': 'Tình trạng',
  'vendorCerts.active': 'Còn hiệu lực đến hết ngày {{date}}',
  'vendorCerts.daysLeft': 'còn {{count}} ngày',
  'vendorCerts.soon': 'Sắp hết hạn: hãy nộp hồ sơ đánh giá lại.',
  'vendorCerts.expired': 'Đã hết hạn sau ngày {{date}}: các sản phẩm thuộc chứng nhận này không được bán cho đến khi có chứng nhận mới.',
  'vendorCerts.revoked': 'Bị thu hồi: {{reason}}. Các sản phẩm thuộc chứng nhận này đã bị gỡ.',
  'vendorCerts.superseded': 'Đã được thay thế bằng chứng nhận mới sau khi đánh giá lại.',
  'vendorCerts.soonCount': '{{count}} chứng nhận hết hạn trong 90 ngày tới.',
  'vendorCerts.revokedNoReason': 'Bị thu hồi. Các sản phẩm thuộc chứng nhận này đã bị gỡ.',
  'vendorCerts.decidedOn': 'ký ngày {{date}}',
  'vendorCerts.renewHow':
    'Cách gia hạn: nộp hồ sơ đánh giá lại cho Hội đồng OCOP của tỉnh trước ngày hết hạn. Khi ban quản lý sàn ghi nhận chứng nhận mới, các sản phẩm của bạn tự chuyển sang chứng nhận đó.',
  'vendorCerts.products': '{{count}} sản phẩm dùng chứng nhận này',
  'vendorCerts.products_one': '{{count}} sản phẩm dùng chứng nhận này',
  'vendorCerts.soonCount_one': '{{count}} chứng nhận hết hạn trong 90 ngày tới.',
  'vendorCerts.daysLeft_one': 'còn {{count}} ngày',
};

const en: typeof vi = {
  'vendorCerts.title': 'OCOP certificates',
  'vendorCerts.intro':
    'Only products with a valid OCOP certificate can be sold. A certificate is valid for 36 months from the signing of its decision and is not renewed automatically: apply for re-evaluation before it expires.',
  'vendorCerts.empty': 'The registry holds no certificates of your vendor yet. The marketplace team records certificates from the recognition decisions.',
  'vendorCerts.product': 'Product',
  'vendorCerts.decision': 'Decision',
  'vendorCerts.stars': 'Stars',
  'vendorCerts.starsValue': '{{count}} stars',
  'vendorCerts.status': 'Status',
  'vendorCerts.active': 'Valid through {{date}}',
  'vendorCerts.daysLeft': '{{count}} days left',
  'vendorCerts.soon': 'Expires soon: apply for re-evaluation.',
  'vendorCerts.expired': 'Expired after {{date}}: products under it cannot be sold until a new certificate is recorded.',
  'vendorCerts.revoked': 'Revoked: {{reason}}. Products under it were taken down.',
  'vendorCerts.superseded': 'Replaced by a new certificate after re-evaluation.',
  'vendorCerts.soonCount': '{{count}} certificates expire within 90 days.',
  'vendorCerts.soonCount_one': '{{count}} certificate expires within 90 days.',
  'vendorCerts.daysLeft_one': '{{count}} day left',
  'vendorCerts.revokedNoReason': 'Revoked. Products under it were taken down.',
  'vendorCerts.decidedOn': 'signed {{date}}',
  'vendorCerts.renewHow':
    "To renew: apply to your province's OCOP council for re-evaluation before the expiry date. Once the marketplace team records the new certificate, your products move to it by themselves.",
  'vendorCerts.products': '{{count}} products under this certificate',
  'vendorCerts.products_one': '{{count}} product under this certificate',
};

const de: typeof vi = {
  ...en,
  'vendorCerts.title': 'OCOP-Zertifikate',
  'vendorCerts.product': 'Produkt',
  'vendorCerts.stars': 'Sterne',
  'vendorCerts.starsValue': '{{count}} Sterne',
  'vendorCerts.active': 'Gültig bis einschließlich {{date}}',
  'vendorCerts.daysLeft': 'noch {{count}} Tage',
  'vendorCerts.soonCount': '{{count}} Zertifikate laufen innerhalb von 90 Tagen ab.',
  'vendorCerts.soonCount_one': '{{count}} Zertifikat läuft innerhalb von 90 Tagen ab.',
  'vendorCerts.daysLeft_one': 'noch {{count}} Tag',
  'vendorCerts.revokedNoReason': 'Widerrufen. Die Produkte darunter wurden entfernt.',
  'vendorCerts.decidedOn': 'unterzeichnet am {{date}}',
  'vendorCerts.renewHow':
    'Zur Erneuerung: Beantragen Sie vor dem Ablauf beim OCOP-Rat Ihrer Provinz eine Neubewertung. Sobald das Marktplatz-Team das neue Zertifikat erfasst, wechseln Ihre Produkte von selbst dorthin.',
  'vendorCerts.products': '{{count}} Produkte mit diesem Zertifikat',
  'vendorCerts.products_one': '{{count}} Produkt mit diesem Zertifikat',
};

const id: typeof vi = {
  ...en,
  'vendorCerts.title': 'Sertifikat OCOP',
  'vendorCerts.product': 'Produk',
  'vendorCerts.stars': 'Bintang',
  'vendorCerts.starsValue': '{{count}} bintang',
  'vendorCerts.active': 'Berlaku hingga {{date}}',
  'vendorCerts.daysLeft': '{{count}} hari lagi',
  'vendorCerts.soonCount': '{{count}} sertifikat kedaluwarsa dalam 90 hari.',
  'vendorCerts.revokedNoReason': 'Dicabut. Produk di bawahnya telah diturunkan.',
  'vendorCerts.decidedOn': 'ditandatangani {{date}}',
  'vendorCerts.renewHow':
    'Untuk memperpanjang: ajukan penilaian ulang ke dewan OCOP provinsi Anda sebelum tanggal kedaluwarsa. Setelah tim marketplace mencatat sertifikat baru, produk Anda otomatis pindah ke sertifikat itu.',
  'vendorCerts.products': '{{count}} produk dengan sertifikat ini',
};

addTranslations({ vi, en, de, id });
