import { addTranslations } from '@ocop/core';

addTranslations({
  vi: {
    'adminRates.nav': 'Tỷ giá',
    'adminRates.title': 'Tỷ giá hiển thị',
    'adminRates.help': 'Khách nước ngoài thấy giá quy đổi gần đúng theo các tỷ giá này; mọi khoản thanh toán vẫn tính bằng VND.',
    'adminRates.vndPerUnit': 'Số VND cho 1 {{currency}}',
    'adminRates.default': 'mặc định, chưa được đặt',
    'adminRates.updated': 'cập nhật {{date}}',
    'adminRates.save': 'Lưu',
    'adminRates.saved': 'Đã lưu tỷ giá {{currency}}.',
  },
  en: {
    'adminRates.nav': 'Rates',
    'adminRates.title': 'Display rates',
    'adminRates.help': 'Shoppers abroad see approximate prices at these rates; every charge stays in VND.',
    'adminRates.vndPerUnit': 'VND per 1 {{currency}}',
    'adminRates.default': 'default, not set yet',
    'adminRates.updated': 'updated {{date}}',
    'adminRates.save': 'Save',
    'adminRates.saved': 'The {{currency}} rate is saved.',
  },
  de: {
    'adminRates.nav': 'Kurse',
    'adminRates.title': 'Anzeigekurse',
    'adminRates.help': 'Kunden im Ausland sehen ungefähre Preise zu diesen Kursen; abgerechnet wird immer in VND.',
    'adminRates.vndPerUnit': 'VND je 1 {{currency}}',
    'adminRates.default': 'Standardwert, noch nicht gesetzt',
    'adminRates.updated': 'aktualisiert {{date}}',
    'adminRates.save': 'Speichern',
    'adminRates.saved': 'Der {{currency}}-Kurs ist gespeichert.',
  },
  id: {
    'adminRates.nav': 'Kurs',
    'adminRates.title': 'Kurs tampilan',
    'adminRates.help': 'Pembeli di luar negeri melihat harga perkiraan dengan kurs ini; semua tagihan tetap dalam VND.',
    'adminRates.vndPerUnit': 'VND per 1 {{currency}}',
    'adminRates.default': 'bawaan, belum diatur',
    'adminRates.updated': 'diperbarui {{date}}',
    'adminRates.save': 'Simpan',
    'adminRates.saved': 'Kurs {{currency}} tersimpan.',
  },
});
