import { crc16CcittFalse, orderTransferPayload, tlv, transferText, vietQrPayload } from './vietqr';

// NAPAS QR_Format_T&C_v1.0_VN_092021 §6.1.1–6.1.4, as published.
const NAPAS = {
  staticAccount: '00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5',
  staticCard: '00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52',
  dynamicAccount: '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E',
  dynamicCard: '00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203',
};

describe('CRC-16/CCITT-FALSE', () => {
  it('gives the check value 29B1 for "123456789"', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
  });

  it('matches the CRC of every NAPAS vector, computed over the text up to and including "6304"', () => {
    for (const v of Object.values(NAPAS)) expect(crc16CcittFalse(v.slice(0, -4))).toBe(v.slice(-4));
  });
});

describe('vietQrPayload', () => {
  const bank = { bankBin: '970403', accountNo: '0011012345678' };
  const card = { bankBin: '970403', accountNo: '9704031101234567', target: 'card' as const };
  const purpose = { amountVnd: 180000, billNumber: 'NPS6869', purpose: 'thanh toan don hang' };

  it('builds the NAPAS static transfer to an account (§6.1.1, whose account length is misprinted)', () => {
    // §6.1.1 declares the 13-digit account 0011012345678 with length "12" (`0112`), while §6.1.3,
    // the same account, has "13" (`0113`), as TLV requires; its CRC was computed over the misprint.
    // The builder writes `0113`; everything else equals §6.1.1, and the CRC 9E6F was computed
    // independently over the corrected text.
    const corrected = NAPAS.staticAccount.replace('01120011012345678', '01130011012345678').slice(0, -4) + '9E6F';
    expect(vietQrPayload(bank)).toBe(corrected);
    expect(NAPAS.dynamicAccount).toContain('01130011012345678');
  });

  it('builds the NAPAS static transfer to a card (§6.1.2)', () => {
    expect(vietQrPayload(card)).toBe(NAPAS.staticCard);
  });

  it('builds the NAPAS dynamic transfer to an account, with amount, bill number and purpose (§6.1.3)', () => {
    expect(vietQrPayload({ ...bank, ...purpose })).toBe(NAPAS.dynamicAccount);
  });

  it('builds the NAPAS dynamic transfer to a card (§6.1.4)', () => {
    expect(vietQrPayload({ ...card, ...purpose })).toBe(NAPAS.dynamicCard);
  });

  it("builds an order's transfer: its exact amount and its reference as the purpose (62/08)", () => {
    const pieces = [
      '000201', // 00 payload format indicator "01"
      '010212', // 01 point of initiation "12": dynamic, it has an amount
      '3857', // 38 merchant account information, 57 characters:
      '0010A000000727', //   00 NAPAS AID
      '0127', //   01 beneficiary, 27 characters:
      '0006970436', //     00 bank BIN
      '01130011001234567', //     01 account number (13 digits)
      '0208QRIBFTTA', //   02 service: transfer to an account
      '5303704', // 53 currency VND
      '5406350000', // 54 amount 350000
      '5802VN', // 58 country
      '6216', // 62 additional data, 16 characters:
      '0812OCOP7K3M9Q2X', //   08 purpose: the order reference
      '6304', // 63 CRC, 4 characters, computed over everything up to here
    ];
    // CRC-16/CCITT-FALSE of the pieces above, computed independently of this code.
    const expected = pieces.join('') + '0CDF';
    expect(orderTransferPayload({ bankBin: '970436', accountNo: '0011001234567' }, 350000, 'OCOP7K3M9Q2X')).toBe(expected);
  });

  it('writes the purpose without diacritics', () => {
    expect(transferText('Thanh toán đơn hàng OCOP-7K3M')).toBe('Thanh toan don hang OCOP');
    expect(transferText('Đặt hàng #12')).toBe('Dat hang 12');
  });

  it('refuses a malformed BIN, amount or purpose, and a field longer than 99', () => {
    expect(() => vietQrPayload({ ...bank, bankBin: '97040' })).toThrow(RangeError);
    expect(() => vietQrPayload({ ...bank, amountVnd: 0 })).toThrow(RangeError);
    expect(() => vietQrPayload({ ...bank, amountVnd: 1.5 })).toThrow(RangeError);
    expect(() => vietQrPayload({ ...bank, purpose: 'thanh toán' })).toThrow(RangeError);
    expect(() => tlv('62', 'x'.repeat(100))).toThrow(RangeError);
  });
});
