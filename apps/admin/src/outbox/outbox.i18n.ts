import { addTranslations } from '@ocop/core';

/** The outbox in words: each e-mail template by what it is for, each delivery state. */
const vi = {
  'adminOutbox.template.welcome': 'Chào mừng tài khoản mới',
  'adminOutbox.template.password-reset': 'Đặt lại mật khẩu',
  'adminOutbox.template.staff-invitation': 'Mời làm nhân viên nhà bán',
  'adminOutbox.template.vendor-approved': 'Nhà bán được duyệt',
  'adminOutbox.template.vendor-suspended': 'Nhà bán bị tạm ngừng',
  'adminOutbox.template.certificate-delisted': 'Sản phẩm bị gỡ do chứng nhận',
  'adminOutbox.template.certificate-expiry-reminder': 'Nhắc chứng nhận sắp hết hạn',
  'adminOutbox.template.order-confirmation': 'Xác nhận đơn hàng',
  'adminOutbox.template.order-shipped': 'Đơn hàng đã gửi đi',
  'adminOutbox.template.booking-confirmation': 'Xác nhận đặt chỗ trải nghiệm',
  'adminOutbox.template.booking-slot-cancelled': 'Buổi trải nghiệm bị huỷ',
  'adminOutbox.template.other': 'Thư khác',
  'adminOutbox.status.queued': 'đang chờ gửi',
  'adminOutbox.status.sent': 'đã gửi',
  'adminOutbox.status.kept': 'chỉ lưu, không gửi',
  'adminOutbox.status.failed': 'gửi không được',
  'adminOutbox.status.other': 'không rõ',
  'adminOutbox.to': 'Gửi tới {{to}}',
  'adminOutbox.language': 'Ngôn ngữ: {{language}}',
  'adminOutbox.previous': 'Trang trước',
  'adminOutbox.next': 'Trang sau',
};

const en: typeof vi = {
  'adminOutbox.template.welcome': 'Welcome to a new account',
  'adminOutbox.template.password-reset': 'Password reset',
  'adminOutbox.template.staff-invitation': 'Invitation to join a vendor',
  'adminOutbox.template.vendor-approved': 'Vendor approved',
  'adminOutbox.template.vendor-suspended': 'Vendor suspended',
  'adminOutbox.template.certificate-delisted': 'Products delisted by a certificate',
  'adminOutbox.template.certificate-expiry-reminder': 'Certificate expiry reminder',
  'adminOutbox.template.order-confirmation': 'Order confirmation',
  'adminOutbox.template.order-shipped': 'Order shipped',
  'adminOutbox.template.booking-confirmation': 'Booking confirmation',
  'adminOutbox.template.booking-slot-cancelled': 'Experience date cancelled',
  'adminOutbox.template.other': 'Other e-mail',
  'adminOutbox.status.queued': 'waiting to be sent',
  'adminOutbox.status.sent': 'sent',
  'adminOutbox.status.kept': 'kept, not sent',
  'adminOutbox.status.failed': 'could not be sent',
  'adminOutbox.status.other': 'unknown',
  'adminOutbox.to': 'To {{to}}',
  'adminOutbox.language': 'Language: {{language}}',
  'adminOutbox.previous': 'Previous page',
  'adminOutbox.next': 'Next page',
};

addTranslations({ vi, en, de: en, id: en });
