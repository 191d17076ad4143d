import { ValidationError } from '@ocop/core';
import { checkVillageInput, featuredColumns, isFeaturedNow, mergeStory, storefrontOrder, storyIn } from './village.rules';

const NOW = new Date('2026-03-10T00:00:00Z');
const v = (name: string, featured = false, featuredRank: number | null = null, from: string | null = null, until: string | null = null) => ({
  name,
  featured,
  featuredRank,
  featuredFrom: from ? new Date(from) : null,
  featuredUntil: until ? new Date(until) : null,
});

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.field;
    throw err;
  }
  throw new Error('did not throw');
}

describe('featured villages', () => {
  it('counts a village as featured only inside its window [from, until)', () => {
    expect(isFeaturedNow(v('a', true), NOW)).toBe(true);
    expect(isFeaturedNow(v('a', false), NOW)).toBe(false);
    expect(isFeaturedNow(v('a', true, 1, '2026-03-10T00:00:00Z', '2026-04-01T00:00:00Z'), NOW)).toBe(true);
    expect(isFeaturedNow(v('a', true, 1, '2026-03-11T00:00:00Z'), NOW)).toBe(false);
    expect(isFeaturedNow(v('a', true, 1, null, '2026-03-10T00:00:00Z'), NOW)).toBe(false);
  });

  it('orders featured villages by rank (unranked after ranked), then the rest by name', () => {
    const list = [v('Vạn Phúc'), v('Bát Tràng', true, 2), v('Đông Hồ', true, 1), v('Chu Đậu', true), v('An Hội'), v('Phù Lãng', true, 1, '2026-04-01T00:00:00Z')];
    expect(storefrontOrder(list, NOW).map((x) => x.name)).toEqual(['Đông Hồ', 'Bát Tràng', 'Chu Đậu', 'An Hội', 'Phù Lãng', 'Vạn Phúc']);
  });

  it('refuses a rank below 1 or not whole, a window that ends before it starts, and a bad date', () => {
    expect(fieldOf(() => featuredColumns({ featured: true, rank: 0 }))).toBe('rank');
    expect(fieldOf(() => featuredColumns({ featured: true, rank: 1.5 }))).toBe('rank');
    expect(fieldOf(() => featuredColumns({ featured: true, from: '2026-02-01', until: '2026-01-01' }))).toBe('until');
    expect(fieldOf(() => featuredColumns({ featured: true, from: '2026-02-01', until: '2026-02-01' }))).toBe('until');
    expect(fieldOf(() => featuredColumns({ featured: true, from: 'soon' }))).toBe('from');
    expect(fieldOf(() => featuredColumns({ featured: 'yes' as never }))).toBe('featured');
  });

  it('clears rank and window when a village is no longer featured', () => {
    expect(featuredColumns({ featured: false, rank: 3, from: '2026-01-01' })).toEqual({ featured: false, featuredRank: null, featuredFrom: null, featuredUntil: null });
    expect(featuredColumns({ featured: true, rank: 2, from: '2026-01-01' })).toEqual({ featured: true, featuredRank: 2, featuredFrom: new Date('2026-01-01T00:00:00Z'), featuredUntil: null });
  });
});

describe('village fields', () => {
  it('merges story languages and removes one given as empty', () => {
    expect(mergeStory({ vi: 'Làng gốm', en: 'Pottery village' }, { en: '', de: ' Töpferdorf ' })).toEqual({ vi: 'Làng gốm', de: 'Töpferdorf' });
    expect(fieldOf(() => mergeStory({}, { fr: 'Village' }))).toBe('story.fr');
  });

  it('requires name, province and craft on creation and checks photos and coordinates', () => {
    expect(fieldOf(() => checkVillageInput({ name: 'Bát Tràng', province: ' ', craft: 'gốm' }, {}, true))).toBe('province');
    expect(fieldOf(() => checkVillageInput({ photos: ['javascript:alert(1)'] }, {}, false))).toBe('photos');
    expect(fieldOf(() => checkVillageInput({ latitude: 91 }, {}, false))).toBe('latitude');
    expect(checkVillageInput({ name: ' Bát Tràng ', photos: ['/uploads/a.jpg', 'https://example.vn/b.jpg'] }, {}, false)).toEqual({
      name: 'Bát Tràng',
      photos: ['/uploads/a.jpg', 'https://example.vn/b.jpg'],
    });
  });

  it('tells the story in the asked language, else in Vietnamese', () => {
    expect(storyIn({ vi: 'Làng gốm', en: 'Pottery' }, 'en')).toBe('Pottery');
    expect(storyIn({ vi: 'Làng gốm', en: 'Pottery' }, 'de')).toBe('Pottery');
    expect(storyIn({ vi: 'Làng gốm' }, 'de')).toBe('Làng gốm');
    expect(storyIn({ en: 'Pottery' }, 'id')).toBe('Pottery');
    expect(storyIn({}, 'vi')).toBe('');
  });
});
