import { addTranslations } from '@ocop/core';

const vi = {
  'vendorPayouts.nav': 'Thanh toán',
  'vendorPayouts.title': 'Số dư và thanh toán',
  'vendorPayouts.intro': 'Tiền bán hàng sau khi trừ hoa hồng sàn và thuế khấu trừ thay (hộ kinh doanh, Nghị định 117/2025). Sàn chuyển khoản số dư theo từng kỳ.',
  'vendorPayouts.balance': 'Số dư sàn đang giữ cho bạn',
  'vendorPayouts.entries': 'Sổ phát sinh',
  'vendorPayouts.noEntries': 'Chưa có phát sinh nào.',
  'vendorPayouts.date': 'Ngày',
  'vendorPayouts.what': 'Nội dung',
  'vendorPayouts.order': 'Đơn hàng',
  'vendorPayouts.amount': 'Số tiền',
  'vendorPayouts.kind.sale': 'Bán hàng',
  'vendorPayouts.kind.commission': 'Hoa hồng sàn {{rate}}',
  'vendorPayouts.kind.vat_withheld': 'Khấu trừ thuế GTGT {{rate}}',
  'vendorPayouts.kind.pit_withheld': 'Khấu trừ thuế TNCN {{rate}}',
  'vendorPayouts.kind.refund': 'Hoàn tiền cho khách',
  'vendorPayouts.kind.commission_reversal': 'Trả lại hoa hồng {{rate}}',
  'vendorPayouts.kind.vat_reversal': 'Trả lại thuế GTGT đã khấu trừ {{rate}}',
  'vendorPayouts.kind.pit_reversal': 'Trả lại thuế TNCN đã khấu trừ {{rate}}',
  'vendorPayouts.kind.payout': 'Đưa vào kỳ thanh toán',
  'vendorPayouts.due': 'Sàn sẽ chuyển khoản cho bạn {{amount}} của các kỳ đã chốt.',
};

const en: typeof vi = {
  'vendorPayouts.nav': 'Payouts',
  'vendorPayouts.title': 'Balance and payouts',
  'vendorPayouts.intro': 'Your sales less the marketplace commission and the tax withheld for household sellers (Decree 117/2025). The marketplace transfers the balance each period.',
  'vendorPayouts.balance': 'Balance the marketplace holds for you',
  'vendorPayouts.entries': 'Ledger',
  'vendorPayouts.noEntries': 'No entries yet.',
  'vendorPayouts.date': 'Date',
  'vendorPayouts.what': 'Entry',
  'vendorPayouts.order': 'Order',
  'vendorPayouts.amount': 'Amount',
  'vendorPayouts.kind.sale': 'Sale',
  'vendorPayouts.kind.commission': 'Commission {{rate}}',
  'vendorPayouts.kind.vat_withheld': 'VAT withheld {{rate}}',
  'vendorPayouts.kind.pit_withheld': 'Personal income tax withheld {{rate}}',
  'vendorPayouts.kind.refund': 'Refund to the shopper',
  'vendorPayouts.kind.commission_reversal': 'Commission returned {{rate}}',
  'vendorPayouts.kind.vat_reversal': 'VAT withheld returned {{rate}}',
  'vendorPayouts.kind.pit_reversal': 'Personal income tax withheld returned {{rate}}',
  'vendorPayouts.kind.payout': 'Moved into a payout',
  'vendorPayouts.due': 'The marketplace will transfer {{amount}} to you for the periods closed.',
};

addTranslations({ vi, en, de: en, id: en });
