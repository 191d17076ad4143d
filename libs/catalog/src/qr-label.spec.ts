import { qrPng, qrSvg, verifyUrl } from './qr-label';

describe('QR labels', () => {
  it('point at the storefront verification page of the trace code', () => {
    expect(verifyUrl('https://ocop.example.vn/', 'ABCD2345')).toBe('https://ocop.example.vn/verify/ABCD2345');
  });

  it('render a PNG', async () => {
    const png = await qrPng('https://ocop.example.vn/verify/ABCD2345');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });

  it('render an SVG with the code printed below the symbol, escaped', () => {
    const svg = qrSvg('https://ocop.example.vn/verify/ABCD2345', 'ABCD2345');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) (\d+)"/);
    expect(svg).toContain('>ABCD2345</text>');
    expect(svg).toMatch(/<path d="M4 4h7v1h-7z/); // the top-left finder pattern starts a run of 7
    expect(qrSvg('x', '<b>&')).toContain('&lt;b&gt;&amp;</text>');
  });
});
