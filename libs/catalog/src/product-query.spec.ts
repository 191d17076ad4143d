import { likePattern, parseProductListQuery } from './product-query';

describe('storefront product query', () => {
  it('applies defaults and treats blank parameters as absent', () => {
    expect(parseProductListQuery({})).toEqual({ sort: 'relevance', page: 1, limit: 20, lang: 'vi' });
    expect(parseProductListQuery({ q: '  ', village: '', minStars: '', lang: 'en' })).toEqual({ sort: 'relevance', page: 1, limit: 20, lang: 'en' });
  });

  it('reads every filter', () => {
    expect(
      parseProductListQuery({
        q: ' gốm ',
        village: 'bat-trang',
        productGroup: 'handicrafts',
        minStars: '4',
        minPrice: '0',
        maxPrice: '500000',
        sort: 'price_desc',
        page: '3',
        limit: '100',
        lang: 'de',
      }),
    ).toEqual({
      q: 'gốm',
      village: ['bat-trang'],
      productGroup: ['handicrafts'],
      minStars: 4,
      minPrice: 0,
      maxPrice: 500000,
      inStock: undefined,
      sort: 'price_desc',
      page: 3,
      limit: 100,
      lang: 'de',
    });
  });

  it.each([
    [{ page: '0' }, 'page'],
    [{ page: '1.5' }, 'page'],
    [{ limit: '101' }, 'limit'],
    [{ limit: '-1' }, 'limit'],
    [{ sort: 'cheapest' }, 'sort'],
    [{ minStars: '6' }, 'minStars'],
    [{ minPrice: 'abc' }, 'minPrice'],
    [{ minPrice: '500', maxPrice: '100' }, 'maxPrice'],
    [{ productGroup: 'tourism' }, 'productGroup'],
    [{ village: '../x' }, 'village'],
    [{ lang: 'fr' }, 'lang'],
    [{ q: ['a', 'b'] }, 'q'],
    [{ q: 'x'.repeat(201) }, 'q'],
  ])('refuses %j naming %s', (raw, field) => {
    expect(() => parseProductListQuery(raw)).toThrow(expect.objectContaining({ field }));
  });

  it('escapes LIKE wildcards in the search text', () => {
    expect(likePattern('Gốm 100%_x\\')).toBe('%gốm 100\\%\\_x\\\\%');
  });
});
