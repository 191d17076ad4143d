import { addTranslations } from '@ocop/core';

const vi = {
  'adminHome.title': 'quản trị',
  'adminHome.attention': 'Cần xử lý hôm nay',
  'adminHome.pendingVendors': 'Nhà bán chờ duyệt',
  'adminHome.flagged': 'Phần đơn cần xem xét',
  'adminHome.expiring': 'Chứng nhận hết hạn trong 30 ngày',
  'adminHome.payoutsDue': 'Nhà bán có khoản chi trả chờ chuyển',
  'adminHome.payoutsDueAmount': 'tổng {{amount}}',
  'adminHome.open': 'Xem',
  'adminHome.sales': 'Doanh số đã thanh toán theo làng nghề, 12 tuần gần nhất',
  'adminHome.salesDesc': 'Biểu đồ cột chồng: mỗi cột là một tuần (bắt đầu thứ Hai, giờ Việt Nam), mỗi màu là một làng nghề. Tổng 12 tuần: {{total}}.',
  'adminHome.noSales': 'Chưa có doanh số nào đã thanh toán trong 12 tuần qua.',
  'adminHome.others': 'Làng khác',
  'adminHome.asTable': 'Xem dạng bảng',
  'adminHome.week': 'Tuần từ',
  'adminHome.total': 'Tổng',
  'adminHome.byVillage': 'Theo làng nghề',
};

const en: typeof vi = {
  'adminHome.title': 'administration',
  'adminHome.attention': 'Needs attention today',
  'adminHome.pendingVendors': 'Vendors waiting for approval',
  'adminHome.flagged': 'Parts of orders to review',
  'adminHome.expiring': 'Certificates expiring within 30 days',
  'adminHome.payoutsDue': 'Vendors with payouts due',
  'adminHome.payoutsDueAmount': '{{amount}} in all',
  'adminHome.open': 'Open',
  'adminHome.sales': 'Paid sales by craft village, last 12 weeks',
  'adminHome.salesDesc': 'Stacked bar chart: each bar is a week (from Monday, Vietnam time), each colour a craft village. Total over 12 weeks: {{total}}.',
  'adminHome.noSales': 'No paid sales in the last 12 weeks.',
  'adminHome.others': 'Other villages',
  'adminHome.asTable': 'Show as a table',
  'adminHome.week': 'Week from',
  'adminHome.total': 'Total',
  'adminHome.byVillage': 'By village',
};

addTranslations({ vi, en, de: en, id: en });
