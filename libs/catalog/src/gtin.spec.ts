import { gtinCheckDigit, isValidGtin } from './gtin';

describe('GTIN check digit', () => {
  it('computes the check digit of the published vectors', () => {
    expect(gtinCheckDigit('629104150021')).toBe(3);
    expect(gtinCheckDigit('123456789012')).toBe(8);
    expect(gtinCheckDigit('893800000001')).toBe(5);
  });

  it('accepts GTIN-8, -12, -13 and -14 with the right check digit', () => {
    expect(isValidGtin('6291041500213')).toBe(true);
    expect(isValidGtin('8938000000015')).toBe(true);
    expect(isValidGtin('96385074')).toBe(true); // GTIN-8 from the GS1 examples
    expect(isValidGtin('036000291452')).toBe(true); // UPC-A
    expect(isValidGtin('18938000000012')).toBe(true);
  });

  it('refuses a wrong check digit, other lengths and anything but digits', () => {
    expect(isValidGtin('6291041500214')).toBe(false);
    expect(isValidGtin('1234567890127')).toBe(false);
    expect(isValidGtin('1234567890128')).toBe(true);
    expect(isValidGtin('123456789013')).toBe(false);
    expect(isValidGtin('8938000000')).toBe(false);
    expect(isValidGtin('893800000001X')).toBe(false);
    expect(isValidGtin(' 8938000000015')).toBe(false);
    expect(isValidGtin(8938000000015)).toBe(false);
    expect(isValidGtin('')).toBe(false);
  });
});
