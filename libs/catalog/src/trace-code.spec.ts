import { newTraceCode, normalizeTraceCode, scannerHash, scanPeriod, TRACE_CODE_ALPHABET } from './trace-code';

describe('trace codes', () => {
  it('are 8 symbols with no 0, O, 1 or I', () => {
    for (let i = 0; i < 2000; i++) expect(newTraceCode()).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(TRACE_CODE_ALPHABET).toHaveLength(32);
    expect(TRACE_CODE_ALPHABET).not.toMatch(/[0O1I]/);
  });

  it('use every symbol of the alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) for (const ch of newTraceCode()) seen.add(ch);
    expect(seen.size).toBe(32);
  });

  it('differ from one call to the next', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => newTraceCode()));
    expect(codes.size).toBe(5000);
  });

  it('map random bytes onto the alphabet by their low five bits', () => {
    expect(newTraceCode(() => Buffer.from([0, 1, 31, 32, 255, 8, 24, 23]))).toBe('AB9A9J2Z');
  });

  it('are read back case-insensitively, and junk is no code', () => {
    expect(normalizeTraceCode(' abcd2345 ')).toBe('ABCD2345');
    expect(normalizeTraceCode('../etc')).toBeNull();
    expect(normalizeTraceCode('')).toBeNull();
    expect(normalizeTraceCode(undefined)).toBeNull();
  });

  it('count scans per UTC day', () => {
    expect(scanPeriod(new Date('2026-06-01T23:59:59.999Z'))).toBe('2026-06-01');
    expect(scanPeriod(new Date('2026-06-02T00:00:00Z'))).toBe('2026-06-02');
  });

  it('name a scanner by a hash of period, product and client that keeps no address', () => {
    const h = scannerHash('2026-06-01', 'p1', '203.0.113.7');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain('203.0.113.7');
    expect(scannerHash('2026-06-01', 'p1', '203.0.113.7')).toBe(h);
    expect(scannerHash('2026-06-02', 'p1', '203.0.113.7')).not.toBe(h);
    expect(scannerHash('2026-06-01', 'p2', '203.0.113.7')).not.toBe(h);
    expect(scannerHash('2026-06-01', 'p1', '203.0.113.8')).not.toBe(h);
  });
});
