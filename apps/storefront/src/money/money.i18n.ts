import { addTranslations } from '@ocop/core';

addTranslations({
  vi: { 'money.approx': '≈ {{amount}} · thanh toán bằng VND', 'money.vndOnly': 'Chỉ VND', 'money.currency': 'Tiền tệ' },
  en: { 'money.approx': '≈ {{amount}} · charged in VND', 'money.vndOnly': 'VND only', 'money.currency': 'Currency' },
  de: { 'money.approx': '≈ {{amount}} · Abrechnung in VND', 'money.vndOnly': 'Nur VND', 'money.currency': 'Währung' },
  id: { 'money.approx': '≈ {{amount}} · ditagih dalam VND', 'money.vndOnly': 'Hanya VND', 'money.currency': 'Mata uang' },
});
