/**
 * Folds text for accent-insensitive matching: lower case, Vietnamese (and other Latin)
 * diacritics removed, `đ`/`Đ` mapped to `d`, whitespace collapsed and trimmed.
 * "GỐM BÁT TRÀNG" and "gom bat trang" fold to the same string. Pure; never throws.
 */
export function foldVietnamese(text: string): string {
  return (
    text
      // NFD splits both precomposed and already-decomposed input into base letter + marks.
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // đ has no decomposition, so NFD leaves it alone; ð (eth) is a common look-alike typo.
      .replace(/[đð]/g, 'd')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The folded words of `text`, split on anything that is not a letter or digit. Pure; never throws. */
export function tokens(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}
