import { addTranslations } from '@ocop/core';

/** The audit page's words for each listing change: what happened and why, never the reason's code. */
const vi = {
  'adminAudit.change.listed.published': 'Đưa lên chợ: nhà bán đăng bán',
  'adminAudit.change.delisted.vendor': 'Gỡ khỏi chợ: nhà bán ngừng bán',
  'adminAudit.change.delisted.admin': 'Gỡ khỏi chợ: quản trị viên gỡ',
  'adminAudit.change.delisted.certificate_revoked': 'Gỡ khỏi chợ: chứng nhận bị thu hồi',
  'adminAudit.change.delisted.certificate_expired': 'Gỡ khỏi chợ: chứng nhận hết hạn',
  'adminAudit.change.delisted.vendor_suspended': 'Gỡ khỏi chợ: nhà bán bị tạm ngừng',
  'adminAudit.change.listed.certificate_renewed': 'Đưa lại lên chợ: chứng nhận được gia hạn',
  'adminAudit.change.listed.relisted': 'Đưa lại lên chợ: nhà bán được duyệt lại',
  'adminAudit.state.listed': 'Đưa lên chợ',
  'adminAudit.state.delisted': 'Gỡ khỏi chợ',
  'adminAudit.decision': 'quyết định',
  'adminAudit.productGone': '(sản phẩm đã bị xoá)',
  'adminAudit.vendor': 'Nhà bán',
  'adminAudit.previous': 'Trang trước',
  'adminAudit.next': 'Trang sau',
};

const en: typeof vi = {
  'adminAudit.change.listed.published': 'Listed: published by the vendor',
  'adminAudit.change.delisted.vendor': 'Delisted: taken off sale by the vendor',
  'adminAudit.change.delisted.admin': 'Delisted by the marketplace',
  'adminAudit.change.delisted.certificate_revoked': 'Delisted: certificate revoked',
  'adminAudit.change.delisted.certificate_expired': 'Delisted: certificate expired',
  'adminAudit.change.delisted.vendor_suspended': 'Delisted: vendor suspended',
  'adminAudit.change.listed.certificate_renewed': 'Listed again: certificate renewed',
  'adminAudit.change.listed.relisted': 'Listed again: vendor approved again',
  'adminAudit.state.listed': 'Listed',
  'adminAudit.state.delisted': 'Delisted',
  'adminAudit.decision': 'decision',
  'adminAudit.productGone': '(product deleted)',
  'adminAudit.vendor': 'Vendor',
  'adminAudit.previous': 'Previous page',
  'adminAudit.next': 'Next page',
};

addTranslations({ vi, en, de: en, id: en });
