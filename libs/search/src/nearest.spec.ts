import { nearest } from './nearest';

const villages = [
  { id: 'bat-trang', texts: ['Bát Tràng', 'gốm sứ', 'Hà Nội'] },
  { id: 'van-phuc', texts: ['Vạn Phúc', 'dệt lụa', 'Hà Nội'] },
  { id: 'dong-ky', texts: ['Đồng Kỵ', 'đồ gỗ mỹ nghệ', 'Bắc Ninh'] },
];

describe('nearest', () => {
  it('finds the village a misspelt or unaccented query meant', () => {
    expect(nearest('bat tranh', villages)).toBe('bat-trang');
    expect(nearest('Van Phuk', villages)).toBe('van-phuc');
    expect(nearest('dong ki', villages)).toBe('dong-ky');
  });

  it('finds a village by its craft when the words are not in any product', () => {
    expect(nearest('lụa tơ tằm', villages)).toBe('van-phuc');
    expect(nearest('my nghe', villages)).toBe('dong-ky');
  });

  it('gives nothing when no word comes near', () => {
    expect(nearest('xyz', villages)).toBeNull();
    expect(nearest('   ', villages)).toBeNull();
    expect(nearest('gốm', [])).toBeNull();
  });
});
