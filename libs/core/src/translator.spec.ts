import { addTranslations, translator } from './i18n';
import { dateTimeFormat, numberFormat } from './intl-formats';

describe('translator and shared formatters', () => {
  it('remembers plain labels, forgets them when words are added, and still fills in values', () => {
    const t = translator('de');
    expect(t('probe.later')).toBe('probe.later');
    addTranslations({
      vi: { 'probe.later': 'Sau', 'probe.hello': 'Chào {{name}}' },
      en: { 'probe.later': 'Later', 'probe.hello': 'Hello {{name}}' },
      de: { 'probe.later': 'Später', 'probe.hello': 'Hallo {{name}}' },
      id: { 'probe.later': 'Nanti', 'probe.hello': 'Halo {{name}}' },
    });
    expect(t('probe.later')).toBe('Später');
    expect(translator('de')('probe.later')).toBe('Später');
    expect(t('probe.hello', { name: 'Lan' })).toBe('Hallo Lan');
    expect(t('probe.hello', { name: 'Minh' })).toBe('Hallo Minh');
    addTranslations({
      vi: { 'probe.stars': '{{count}} sao' },
      en: { 'probe.stars_one': '{{count}} star', 'probe.stars_other': '{{count}} stars' },
      de: { 'probe.stars_one': '{{count}} Stern', 'probe.stars_other': '{{count}} Sterne' },
      id: { 'probe.stars': '{{count}} bintang' },
    });
    expect([1, 4, 1].map((count) => t('probe.stars', { count }))).toEqual(['1 Stern', '4 Sterne', '1 Stern']);
    expect(translator('id')('probe.later')).toBe('Nanti');
  });

  it('makes each formatter once per locale and options', () => {
    expect(numberFormat('de-DE', { style: 'currency', currency: 'VND' })).toBe(numberFormat('de-DE', { style: 'currency', currency: 'VND' }));
    expect(numberFormat('de-DE', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(350000)).toBe('350.000\u00a0₫');
    expect(numberFormat('vi-VN')).not.toBe(numberFormat('de-DE'));
    expect(dateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'medium' }).format(new Date('2028-02-29T17:00:00Z'))).toBe('1 Mar 2028');
  });
});
