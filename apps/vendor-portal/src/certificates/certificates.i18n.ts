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
};

const de: typeof vi = {
  ...en,
  'vendorCerts.title': 'OCOP-Zertifikate',
  'vendorCerts.product': 'Produkt',
  'vendorCerts.stars': 'Sterne',
  'vendorCerts.starsValue': '{{count}} Sterne',
  'vendorCerts.active': 'Gültig bis einschließlich {{date}}',
  'vendorCerts.daysLeft': 'noch {{count}} Tage',
};

const id: typeof vi = {
  ...en,
  'vendorCerts.title': 'Sertifikat OCOP',
  'vendorCerts.product': 'Produk',
  'vendorCerts.stars': 'Bintang',
  'vendorCerts.starsValue': '{{count}} bintang',
  'vendorCerts.active': 'Berlaku hingga {{date}}',
  'vendorCerts.daysLeft': '{{count}} hari lagi',
};

addTranslations({ vi, en, de, id });
