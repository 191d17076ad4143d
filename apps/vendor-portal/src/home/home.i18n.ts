import { addTranslations } from '@ocop/core';

addTranslations({
  vi: {
    'vendorHome.noVendor': 'Tài khoản của bạn chưa thuộc nhà bán nào.',
    'vendorHome.onboard': 'Đăng ký nhà bán',
    'vendorHome.pending': 'Đang chờ ban quản lý sàn duyệt. Bạn có thể chuẩn bị sản phẩm và chứng nhận trong lúc chờ.',
    'vendorHome.approved': 'Đã được duyệt: các sản phẩm có chứng nhận OCOP còn hiệu lực có thể được bán.',
    'vendorHome.suspended': 'Đã bị tạm ngừng: sản phẩm của bạn không được hiển thị trên chợ.',
    'vendorHome.reason': 'Lý do',
    'vendorHome.staff': 'Nhân viên',
  },
  en: {
    'vendorHome.noVendor': 'Your account does not belong to a vendor yet.',
    'vendorHome.onboard': 'Sign up as a vendor',
    'vendorHome.pending': 'Waiting for approval by the marketplace team. You can prepare your products and certificates meanwhile.',
    'vendorHome.approved': 'Approved: products with a valid OCOP certificate can be sold.',
    'vendorHome.suspended': 'Suspended: your products are not shown on the storefront.',
    'vendorHome.reason': 'Reason',
    'vendorHome.staff': 'Staff',
  },
  de: {
    'vendorHome.noVendor': 'Ihr Konto gehört noch zu keinem Anbieter.',
    'vendorHome.onboard': 'Als Anbieter anmelden',
    'vendorHome.pending': 'Wartet auf die Freigabe durch das Marktplatz-Team. Sie können inzwischen Produkte und Zertifikate vorbereiten.',
    'vendorHome.approved': 'Freigegeben: Produkte mit gültigem OCOP-Zertifikat können verkauft werden.',
    'vendorHome.suspended': 'Gesperrt: Ihre Produkte werden im Shop nicht angezeigt.',
    'vendorHome.reason': 'Grund',
    'vendorHome.staff': 'Mitarbeiter',
  },
  id: {
    'vendorHome.noVendor': 'Akun Anda belum tergabung dengan penjual mana pun.',
    'vendorHome.onboard': 'Daftar sebagai penjual',
    'vendorHome.pending': 'Menunggu persetujuan tim marketplace. Sementara itu Anda dapat menyiapkan produk dan sertifikat.',
    'vendorHome.approved': 'Disetujui: produk dengan sertifikat OCOP yang berlaku dapat dijual.',
    'vendorHome.suspended': 'Ditangguhkan: produk Anda tidak ditampilkan di toko.',
    'vendorHome.reason': 'Alasan',
    'vendorHome.staff': 'Staf',
  },
});
