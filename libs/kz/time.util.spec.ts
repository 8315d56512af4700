import { KZ_TIME_ZONE, formatLocalDateTime, localDate, toZonedIso, zonedLocalToUtc } from './time.util';

const at = (iso: string) => new Date(iso);

describe('KZ_TIME_ZONE', () => {
  it('is the IANA zone for Almaty', () => {
    expect(KZ_TIME_ZONE).toBe('Asia/Almaty');
  });
});

describe('toZonedIso', () => {
  it.each([
    ['2026-06-01T05:00:00Z', '2026-06-01T10:00:00+05:00'],
    ['2026-06-01T05:00:00.999Z', '2026-06-01T10:00:00+05:00'], // seconds precision
    ['2026-06-01T19:00:00Z', '2026-06-02T00:00:00+05:00'], // crosses midnight
    ['2026-12-31T18:59:59Z', '2026-12-31T23:59:59+05:00'],
    ['2026-12-31T19:00:00Z', '2027-01-01T00:00:00+05:00'], // crosses the year
    ['2023-06-01T05:00:00Z', '2023-06-01T11:00:00+06:00'], // before the 2024 zone change
    ['2024-02-29T17:59:59Z', '2024-02-29T23:59:59+06:00'], // last second at UTC+6
    ['2024-02-29T18:00:00Z', '2024-02-29T23:00:00+05:00'], // clocks set back an hour
  ])('%s in Almaty is %s', (instant, expected) => {
    expect(toZonedIso(at(instant))).toBe(expected);
  });

  it.each([
    ['UTC', '2026-06-01T05:00:00+00:00'],
    ['Etc/UTC', '2026-06-01T05:00:00+00:00'],
    ['Asia/Kolkata', '2026-06-01T10:30:00+05:30'],
    ['America/New_York', '2026-06-01T01:00:00-04:00'],
  ])('supports other zones: %s', (zone, expected) => {
    expect(toZonedIso(at('2026-06-01T05:00:00Z'), zone)).toBe(expected);
  });

  it('produces strings that parse back to the same instant', () => {
    const instant = at('2026-03-15T08:09:10Z');
    expect(new Date(toZonedIso(instant)).toISOString()).toBe('2026-03-15T08:09:10.000Z');
  });

  it('throws on an invalid Date or zone', () => {
    expect(() => toZonedIso(new Date('nope'))).toThrow(RangeError);
    expect(() => toZonedIso(at('2026-06-01T05:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('formatLocalDateTime', () => {
  it.each(['kk', 'ru'] as const)('uses dd.MM.yyyy HH:mm for %s', (locale) => {
    expect(formatLocalDateTime(at('2026-06-01T05:00:00Z'), locale)).toBe('01.06.2026 10:00');
    expect(formatLocalDateTime(at('2026-06-01T18:05:59Z'), locale)).toBe('01.06.2026 23:05');
    expect(formatLocalDateTime(at('2026-06-01T19:00:00Z'), locale)).toBe('02.06.2026 00:00');
  });

  it('honours the zone argument', () => {
    expect(formatLocalDateTime(at('2026-06-01T05:00:00Z'), 'ru', 'UTC')).toBe('01.06.2026 05:00');
  });
});

describe('localDate', () => {
  it.each([
    ['2026-06-01T18:59:59Z', '2026-06-01'],
    ['2026-06-01T19:00:00Z', '2026-06-02'],
    ['2026-01-01T00:00:00Z', '2026-01-01'],
    ['2025-12-31T19:00:00Z', '2026-01-01'],
  ])('%s is %s in Almaty', (instant, expected) => {
    expect(localDate(at(instant))).toBe(expected);
  });

  it('differs from the UTC date late in the UTC evening', () => {
    expect(localDate(at('2026-06-01T20:00:00Z'), 'UTC')).toBe('2026-06-01');
  });
});

describe('zonedLocalToUtc', () => {
  it.each([
    ['2026-06-01T23:59:59', '2026-06-01T18:59:59.000Z'],
    ['2026-06-01T10:00', '2026-06-01T05:00:00.000Z'],
    ['2026-06-01T00:00', '2026-05-31T19:00:00.000Z'],
    ['2026-01-01T03:00', '2025-12-31T22:00:00.000Z'],
    ['2023-06-01T11:00', '2023-06-01T05:00:00.000Z'], // UTC+6 back then
    ['2024-03-01T00:00', '2024-02-29T19:00:00.000Z'], // first midnight at UTC+5
  ])('%s in Almaty is %s', (local, expected) => {
    expect(zonedLocalToUtc(local).toISOString()).toBe(expected);
  });

  it('resolves a repeated wall time (1 Mar 2024 clock change) to the earlier instant', () => {
    // 23:30 on 29 Feb 2024 happened at UTC+6 and again at UTC+5.
    expect(zonedLocalToUtc('2024-02-29T23:30').toISOString()).toBe('2024-02-29T17:30:00.000Z');
  });

  it('shifts a skipped wall time forward by the gap', () => {
    // Berlin jumps from 02:00 CET to 03:00 CEST on 29 March 2026.
    expect(zonedLocalToUtc('2026-03-29T02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedLocalToUtc('2026-03-29T03:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('round-trips with toZonedIso', () => {
    for (const local of ['2026-06-01T10:00:00', '2026-02-28T23:59:59', '2030-12-31T00:00:00']) {
      expect(toZonedIso(zonedLocalToUtc(local)).slice(0, 19)).toBe(local);
    }
  });

  it('supports UTC and half-hour zones', () => {
    expect(zonedLocalToUtc('2026-06-01T10:00', 'UTC').toISOString()).toBe('2026-06-01T10:00:00.000Z');
    expect(zonedLocalToUtc('2026-06-01T10:30', 'Asia/Kolkata').toISOString()).toBe('2026-06-01T05:00:00.000Z');
  });

  it.each([
    '2026-06-01',
    '2026-06-01 10:00',
    '2026-06-01T10:00Z',
    '2026-06-01T10:00+05:00',
    '2026-06-01T24:00',
    '2026-06-01T10:60',
    '2026-06-01T10:00:60',
    '2026-02-29T10:00',
    '2026-13-01T10:00',
    '2026-6-1T10:00',
  ])('throws RangeError for %p', (local) => {
    expect(() => zonedLocalToUtc(local)).toThrow(RangeError);
  });
});
