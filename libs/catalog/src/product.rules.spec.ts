import { isImageAddress, localized, productInputProblems, productSlug } from './product.rules';

const valid = {
  certificateId: '3f1c2a9e-7d6b-4c1a-9e2f-0b8d7c6a5e41',
  title: { vi: 'Bình gốm men lam', en: 'Blue-glazed vase' },
  productGroup: 'handicrafts',
  priceVnd: 350000,
  stock: 12,
};

describe('product input rules', () => {
  it('accepts a complete product and a minimal one', () => {
    expect(productInputProblems(valid, 'create')).toEqual([]);
    expect(
      productInputProblems(
        {
          ...valid,
          description: { vi: 'Men lam vẽ tay', de: 'Handbemalt' },
          weightGrams: 800,
          gtin: '8938000000015',
          images: ['https://cdn.example.vn/a.jpg', '/media/0a1b.png'],
          villageId: '0b8d7c6a-5e41-4c1a-9e2f-3f1c2a9e7d6b',
          exportEligible: true,
          traceability: { brand: 'Gốm Minh Long', productionStages: [{ stage: 'Nung', location: 'Bát Tràng', time: '2026-03' }] },
        },
        'create',
      ),
    ).toEqual([]);
  });

  it('names every missing or wrong field of a new product', () => {
    const fields = productInputProblems({ title: { en: 'Vase' }, productGroup: 'tourism', priceVnd: 0, stock: -1, gtin: '8938000000016', colour: 'blue' }, 'create').map((p) => p.field);
    expect(fields).toEqual(['colour', 'certificateId', 'title.vi', 'productGroup', 'priceVnd', 'stock', 'gtin']);
  });

  it('refuses prices that are not whole VND or exceed a billion, and negative or fractional stock', () => {
    for (const priceVnd of [1.5, 1_000_000_001, '350000', null]) expect(productInputProblems({ ...valid, priceVnd }, 'create').map((p) => p.field)).toEqual(['priceVnd']);
    expect(productInputProblems({ ...valid, priceVnd: 1_000_000_000 }, 'create')).toEqual([]);
    expect(productInputProblems({ ...valid, stock: 0.5 }, 'create').map((p) => p.field)).toEqual(['stock']);
    expect(productInputProblems({ ...valid, stock: 0 }, 'create')).toEqual([]);
  });

  it('checks only the given fields of a change, and lets optional ones be cleared', () => {
    expect(productInputProblems({ stock: 3 }, 'update')).toEqual([]);
    expect(productInputProblems({ gtin: null, weightGrams: null }, 'update')).toEqual([]);
    expect(productInputProblems({ weightGrams: 0 }, 'update')).toEqual([{ field: 'weightGrams', message: expect.objectContaining({ text: expect.stringContaining('grams') }) }]);
    expect(productInputProblems({ title: { vi: '  ' } }, 'update').map((p) => p.field)).toEqual(['title.vi']);
    expect(productInputProblems({ title: { en: 'Lotus tea' } }, 'update')).toEqual([]);
  });

  it('refuses image addresses that are not web URLs or stored files', () => {
    const fields = productInputProblems({ images: ['javascript:alert(1)', '/media/../secret', 'file:///etc/passwd', '/uploads/a.png', 'http://ok.example/a.png'] }, 'update').map((p) => p.field);
    expect(fields).toEqual(['images.0', 'images.1', 'images.2', 'images.3']);
    expect(isImageAddress('/media/abc.webp')).toBe(true);
    expect(productInputProblems({ images: 'https://x.example/a.png' }, 'update').map((p) => p.field)).toEqual(['images']);
  });

  it('refuses unknown languages and traceability fields', () => {
    const fields = productInputProblems(
      { title: { vi: 'Trà sen', fr: 'Thé' }, traceability: { producerAddress: 'Tây Hồ', colour: 'x', productionStages: [{ stage: '' }, { stage: 'Ướp', by: 'x' }] } },
      'update',
    ).map((p) => p.field);
    expect(fields).toEqual(['title.fr', 'traceability.colour', 'traceability.productionStages.0.stage', 'traceability.productionStages.1.by']);
  });
});

describe('product texts and slugs', () => {
  it('folds the Vietnamese title to ASCII and adds the suffix', () => {
    expect(productSlug('Bình gốm men lam Bát Tràng', 'x7k2m')).toBe('binh-gom-men-lam-bat-trang-x7k2m');
    expect(productSlug('Đường phèn — loại 1!', 'abcde')).toBe('duong-phen-loai-1-abcde');
    expect(productSlug('茶', 'abcde')).toBe('san-pham-abcde');
    expect(productSlug('Trà sen')).toMatch(/^tra-sen-[a-z2-9]{5}$/);
  });

  it('picks the text of the language, falling back to Vietnamese', () => {
    expect(localized({ vi: 'Trà sen', en: 'Lotus tea' }, 'en')).toBe('Lotus tea');
    expect(localized({ vi: 'Trà sen', en: 'Lotus tea' }, 'de')).toBe('Lotus tea');
    expect(localized({ vi: 'Trà sen' }, 'de')).toBe('Trà sen');
    expect(localized({}, 'vi')).toBe('');
  });
});
