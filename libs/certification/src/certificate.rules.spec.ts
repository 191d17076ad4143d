import {
  daysUntil,
  defaultExpiry,
  effectiveStatus,
  isCalendarDate,
  lastValidDay,
  parseExpiry,
  reminderThreshold,
  validateInspection,
  validateRecord,
  validateRevocation,
  vnDate,
  type FieldError,
} from './certificate.rules';

/** The problems in the API's words. */
const words = (errors: FieldError[]) => errors.map((e) => ({ field: e.field, message: e.message.text }));

const now = new Date('2026-06-01T03:00:00Z');
const good = {
  decisionNo: '1032/QĐ-UBND',
  decisionDate: '2025-03-01',
  issuingBody: 'UBND thành phố Hà Nội',
  level: 'provincial',
  productName: 'Bình gốm men lam',
  productGroup: 'handicrafts',
  stars: 4,
};

describe('defaultExpiry', () => {
  it('ends at 00:00 Vietnam time on the same date 36 months after signing', () => {
    expect(defaultExpiry('2025-03-01').toISOString()).toBe('2028-02-29T17:00:00.000Z');
    expect(defaultExpiry('2023-02-24').toISOString()).toBe('2026-02-23T17:00:00.000Z');
    expect(defaultExpiry('2024-12-31').toISOString()).toBe('2027-12-30T17:00:00.000Z');
  });

  it('clamps a date missing in the target month to its last day', () => {
    expect(defaultExpiry('2024-02-29').toISOString()).toBe('2027-02-27T17:00:00.000Z');
    expect(vnDate(defaultExpiry('2024-02-29'))).toBe('2027-02-28');
  });

  it('leaves the certificate valid through the day before', () => {
    expect(lastValidDay(defaultExpiry('2025-03-01'))).toBe('2028-02-29');
    expect(lastValidDay(defaultExpiry('2024-02-29'))).toBe('2027-02-27');
  });
});

describe('effectiveStatus', () => {
  const expiresAt = new Date('2026-06-01T03:00:00Z');
  it('derives expired for an active certificate from its expiry instant on', () => {
    expect(effectiveStatus({ status: 'active', expiresAt }, new Date(expiresAt.getTime() - 1))).toBe('active');
    expect(effectiveStatus({ status: 'active', expiresAt }, expiresAt)).toBe('expired');
  });
  it('keeps revoked and superseded whatever the date', () => {
    expect(effectiveStatus({ status: 'revoked', expiresAt }, new Date(0))).toBe('revoked');
    expect(effectiveStatus({ status: 'superseded', expiresAt }, new Date('2030-01-01'))).toBe('superseded');
  });
});

describe('reminderThreshold', () => {
  const day = 86_400_000;
  const at = (daysLeft: number) => new Date(now.getTime() + daysLeft * day);
  it('is due at 90, 30 and 7 days and never before 90', () => {
    expect(reminderThreshold(at(91), now)).toBeNull();
    expect(reminderThreshold(at(90), now)).toBe(90);
    expect(reminderThreshold(at(31), now)).toBe(90);
    expect(reminderThreshold(at(30), now)).toBe(30);
    expect(reminderThreshold(at(7), now)).toBe(7);
    expect(reminderThreshold(at(0.1), now)).toBe(7);
  });
  it('gives only the tightest threshold reached when several are due at once', () => {
    expect(reminderThreshold(at(20), now)).toBe(30);
    expect(reminderThreshold(at(3), now)).toBe(7);
  });
  it('sends nothing once expired', () => {
    expect(reminderThreshold(now, now)).toBeNull();
  });
  it('counts days left rounded up', () => {
    expect(daysUntil(at(0.1), now)).toBe(1);
    expect(daysUntil(at(30), now)).toBe(30);
    expect(daysUntil(at(-1), now)).toBe(0);
  });
});

describe('validateRecord', () => {
  it('accepts a good record, trims it and fills the default expiry', () => {
    const { record, errors } = validateRecord({ ...good, productName: '  Bình gốm men lam ', level: 'Provincial' }, now);
    expect(errors).toEqual([]);
    expect(record).toMatchObject({ productName: 'Bình gốm men lam', level: 'provincial', certificateNo: null, stars: 4, expiresAt: defaultExpiry('2025-03-01') });
  });

  it('reports every problem at once, naming the field', () => {
    const { record, errors } = validateRecord({ decisionNo: ' ', decisionDate: '2025-02-30', issuingBody: 'x'.repeat(201), level: 'commune', productName: '', productGroup: 'toys', stars: 2 }, now);
    expect(record).toBeNull();
    expect(errors.map((e) => e.field)).toEqual(['decisionNo', 'decisionDate', 'issuingBody', 'level', 'productName', 'productGroup', 'stars']);
    expect(errors.find((e) => e.field === 'decisionDate')!.message).toMatchObject({ text: 'must be a real date written YYYY-MM-DD', key: 'form.isDate' });
    expect(errors.find((e) => e.field === 'issuingBody')!.message).toMatchObject({ text: 'must be at most 200 characters', key: 'form.maxLength', params: { max: 200 } });
  });

  it('refuses a decision date in the future (Vietnam calendar) and an expiry not after it', () => {
    expect(words(validateRecord({ ...good, decisionDate: '2026-06-02' }, now).errors)).toEqual([{ field: 'decisionDate', message: 'must not be in the future' }]);
    // 2026-06-01T17:30Z is already 2 June in Vietnam.
    expect(validateRecord({ ...good, decisionDate: '2026-06-02' }, new Date('2026-06-01T17:30:00Z')).errors).toEqual([]);
    expect(words(validateRecord({ ...good, expiresAt: '2025-03-01' }, now).errors)).toEqual([{ field: 'expiresAt', message: 'must be after the decision date' }]);
    expect(validateRecord({ ...good, expiresAt: '2028-03-01T10:00' }, now).errors.map((e) => e.field)).toEqual(['expiresAt']);
  });

  it('reads stars from CSV cells but only 3, 4 or 5 as whole numbers', () => {
    expect(validateRecord({ ...good, stars: ' 5 ' }, now).record?.stars).toBe(5);
    for (const stars of ['4.0', 4.5, '6', 'bốn', null]) expect(words(validateRecord({ ...good, stars }, now).errors)).toEqual([{ field: 'stars', message: 'must be 3, 4 or 5' }]);
  });

  it('reads an expiry as a Vietnam calendar date or a zoned date-time', () => {
    expect(parseExpiry('2028-03-01')?.toISOString()).toBe('2028-02-29T17:00:00.000Z');
    expect(parseExpiry('2028-03-01T08:00:00+07:00')?.toISOString()).toBe('2028-03-01T01:00:00.000Z');
    expect(parseExpiry('')).toBeUndefined();
    expect(parseExpiry('01/03/2028')).toBeNull();
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
  });
});

describe('revocation and inspection input', () => {
  it('needs a reason for a revocation', () => {
    expect(words(validateRevocation({ reason: '  ' }).errors)).toEqual([{ field: 'reason', message: 'must not be empty' }]);
    expect(validateRevocation({ reason: 'Vi phạm an toàn thực phẩm', decisionNo: '55/QĐ-UBND' })).toMatchObject({ reason: 'Vi phạm an toàn thực phẩm', decisionNo: '55/QĐ-UBND', errors: [] });
  });

  it('validates an inspection record', () => {
    expect(validateInspection({ inspectedOn: '2026-05-30', body: 'Sở NN&PTNT Hà Nội', result: 'fail' }, now).value).toEqual({
      inspectedOn: '2026-05-30',
      body: 'Sở NN&PTNT Hà Nội',
      result: 'fail',
      notes: null,
    });
    expect(validateInspection({ inspectedOn: '2026-07-01', body: '', result: 'maybe' }, now).errors.map((e) => e.field)).toEqual(['inspectedOn', 'body', 'result']);
  });
});
