import QRCode from 'qrcode';

const MARGIN = 4;
const CAPTION_HEIGHT = 7;

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The address a product's label QR encodes: the storefront's verification page for its trace code. */
export function verifyUrl(storefrontUrl: string, traceCode: string): string {
  return `${storefrontUrl.replace(/\/$/, '')}/verify/${encodeURIComponent(traceCode)}`;
}

/** A PNG QR code of `url` (error correction M, 512 px, quiet zone included). */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: MARGIN, width: 512 });
}

/**
 * A printable SVG label: the QR code of `url` with `caption` (the trace code) printed below it,
 * so a shopper without a camera can type the code. One path, one module per unit. Pure.
 */
export function qrSvg(url: string, caption: string): string {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const side = n + 2 * MARGIN;
  let d = '';
  for (let row = 0; row < n; row++) {
    // One rectangle per horizontal run of dark modules keeps the file small.
    for (let col = 0; col < n;) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < n && modules.get(row, end)) end++;
      d += `M${col + MARGIN} ${row + MARGIN}h${end - col}v1h-${end - col}z`;
      col = end;
    }
  }
  const height = side + CAPTION_HEIGHT;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${height}" width="${side * 8}" height="${height * 8}">` +
    `<rect width="${side}" height="${height}" fill="#fff"/>` +
    `<path d="${d}" fill="#000" shape-rendering="crispEdges"/>` +
    `<text x="${side / 2}" y="${side + 3}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="4" font-weight="700" letter-spacing="0.5" text-anchor="middle" fill="#000">${escapeXml(caption)}</text>` +
    `</svg>`
  );
}
