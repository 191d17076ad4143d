import { nextFreeSlug, slugify } from './slug';

describe('slugify', () => {
  it('makes Vietnamese names ASCII and joins the words with dashes', () => {
    expect(slugify('Bát Tràng', 'village')).toBe('bat-trang');
    expect(slugify('  Làng lụa Vạn Phúc ', 'village')).toBe('lang-lua-van-phuc');
    expect(slugify('Đông Hồ — tranh dân gian!', 'village')).toBe('dong-ho-tranh-dan-gian');
    expect(slugify('HTX Gốm sứ & Mỹ nghệ (Bát Tràng)', 'vendor')).toBe('htx-gom-su-my-nghe-bat-trang');
  });

  it('falls back when nothing of the name is left, and keeps to the length limit without a trailing dash', () => {
    expect(slugify('陶瓷村', 'village')).toBe('village');
    expect(slugify('---', 'vendor')).toBe('vendor');
    expect(slugify('ab cd ef', 'x', 3)).toBe('ab');
  });
});

describe('nextFreeSlug', () => {
  it('keeps a free slug and numbers a taken one from 2', () => {
    expect(nextFreeSlug('bat-trang', [])).toBe('bat-trang');
    expect(nextFreeSlug('bat-trang', ['bat-trang'])).toBe('bat-trang-2');
    expect(nextFreeSlug('bat-trang', ['bat-trang', 'bat-trang-2', 'bat-trang-4'])).toBe('bat-trang-3');
  });
});
