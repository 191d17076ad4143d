import { foldVietnamese, tokens } from './fold';

describe('foldVietnamese', () => {
  it('folds an upper-case accented name and its plain spelling to the same string', () => {
    expect(foldVietnamese('GỐM BÁT TRÀNG')).toBe('gom bat trang');
    expect(foldVietnamese('gom bat trang')).toBe('gom bat trang');
  });

  it('maps đ and Đ to d', () => {
    expect(foldVietnamese('Đồng')).toBe('dong');
    expect(foldVietnamese('miến dong, đặc sản')).toBe('mien dong, dac san');
  });

  it('strips horns and breves as well as tone marks', () => {
    expect(foldVietnamese('Lụa Vạn Phúc, mứt gừng, ăn')).toBe('lua van phuc, mut gung, an');
  });

  it('treats precomposed and decomposed input alike', () => {
    const precomposed = 'Trà sen'.normalize('NFC');
    const decomposed = 'Trà sen'.normalize('NFD');
    expect(foldVietnamese(decomposed)).toBe(foldVietnamese(precomposed));
  });

  it('collapses and trims whitespace, including tabs and newlines', () => {
    expect(foldVietnamese('  Chả   mực\tHạ\nLong ')).toBe('cha muc ha long');
  });
});

describe('tokens', () => {
  it('splits folded text into words, dropping punctuation', () => {
    expect(tokens('Gốm Bát Tràng – men lam (loại 1)')).toEqual(['gom', 'bat', 'trang', 'men', 'lam', 'loai', '1']);
  });

  it('returns no tokens for blank or punctuation-only text', () => {
    expect(tokens('   ')).toEqual([]);
    expect(tokens('!?…')).toEqual([]);
  });
});
