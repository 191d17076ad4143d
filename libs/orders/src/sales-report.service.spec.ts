import { weekBounds } from './sales-report.service';

describe('weekBounds', () => {
  it('starts each week on Monday 00:00 Vietnam time, the last week holding now', () => {
    // Sunday 2026-06-07 20:00 UTC is Monday 2026-06-08 03:00 in Vietnam.
    const b = weekBounds(new Date('2026-06-07T20:00:00Z'), 12);
    expect(b).toHaveLength(13);
    expect(b[12].toISOString()).toBe('2026-06-14T17:00:00.000Z');
    expect(b[11].toISOString()).toBe('2026-06-07T17:00:00.000Z');
    expect(b[0].toISOString()).toBe('2026-03-22T17:00:00.000Z');
  });
});
