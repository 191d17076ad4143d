/**
 * VietQR: the EMVCo merchant-presented QR payload of a NAPAS 247 interbank transfer, and its
 * CRC-16/CCITT-FALSE check. Pure; no I/O.
 */

/** NAPAS's application identifier in field 38/00. */
export const NAPAS_AID = 'A000000727';

/** Transfer to a bank account (`QRIBFTTA`) or to a card number (`QRIBFTTC`). */
export type VietQrTarget = 'account' | 'card';

export interface VietQrInput {
  /** The beneficiary bank's 6-digit BIN. */
  bankBin: string;
  /** Account number (or card number when `target` is `card`), at most 19 digits. */
  accountNo: string;
  target?: VietQrTarget;
  /** Whole VND; present means a dynamic (one-time) QR, absent a static (reusable) one. */
  amountVnd?: number;
  /** 62/01: bill number. */
  billNumber?: string;
  /** 62/08: purpose of transaction, ASCII without diacritics, at most 25 characters (what reconciliation matches on). */
  purpose?: string;
}

/**
 * CRC-16/CCITT-FALSE over the UTF-8 bytes of `text`: poly 0x1021, init 0xFFFF, no reflection,
 * xorout 0. Returns 4 uppercase hex digits ("123456789" → "29B1").
 */
export function crc16CcittFalse(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** One TLV field: 2-digit id, 2-digit decimal length, value. Throws when the value is longer than 99. */
export function tlv(id: string, value: string): string {
  if (value.length > 99) throw new RangeError(`VietQR field ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/**
 * Text a bank transfer can carry: diacritics removed (`đ` → `d`), only ASCII letters, digits and
 * spaces kept, spaces collapsed, cut to `max` characters.
 */
export function transferText(text: string, max = 25): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/**
 * The VietQR payload: fields 00, 01, 38, 53, 54 (when an amount is given), 58, 62 (when a bill
 * number or purpose is given) in that order, then 63 with the CRC computed over everything
 * before it including "6304". Throws RangeError for a malformed BIN, account, amount or purpose.
 */
export function vietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new RangeError('bankBin must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNo)) throw new RangeError('accountNo must be 1 to 19 letters or digits');
  const dynamic = input.amountVnd !== undefined;
  if (dynamic && (!Number.isSafeInteger(input.amountVnd) || input.amountVnd! <= 0)) throw new RangeError('amountVnd must be a positive whole number');
  for (const [name, v] of [
    ['billNumber', input.billNumber],
    ['purpose', input.purpose],
  ] as const)
    if (v !== undefined && !/^[\x20-\x7e]{1,25}$/.test(v)) throw new RangeError(`${name} must be 1 to 25 ASCII characters`);
  const beneficiary = tlv('00', input.bankBin) + tlv('01', input.accountNo);
  const account = tlv('00', NAPAS_AID) + tlv('01', beneficiary) + tlv('02', input.target === 'card' ? 'QRIBFTTC' : 'QRIBFTTA');
  const additional = (input.billNumber ? tlv('01', input.billNumber) : '') + (input.purpose ? tlv('08', input.purpose) : '');
  const body =
    tlv('00', '01') +
    tlv('01', dynamic ? '12' : '11') +
    tlv('38', account) +
    tlv('53', '704') +
    (dynamic ? tlv('54', String(input.amountVnd)) : '') +
    tlv('58', 'VN') +
    (additional ? tlv('62', additional) : '') +
    '6304';
  return body + crc16CcittFalse(body);
}

/** The dynamic QR of one order's transfer: its exact amount, and its reference as the purpose (62/08). */
export function orderTransferPayload(bank: { bankBin: string; accountNo: string }, amountVnd: number, reference: string): string {
  return vietQrPayload({ bankBin: bank.bankBin, accountNo: bank.accountNo, amountVnd, purpose: transferText(reference) });
}
