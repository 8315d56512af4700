import { makeBin, parseBin } from './bin.util';

/** Independent check-digit computation so fixtures do not depend on the code under test. */
function withCheckDigit(prefix: string): string | null {
  if (!/^[0-9]{11}$/.test(prefix)) throw new Error(`bad test prefix ${prefix}`);
  const weighted = (weights: number[]) => weights.reduce((sum, w, i) => sum + w * Number(prefix[i]), 0) % 11;
  let check = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (check === 10) check = weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return check === 10 ? null : prefix + check;
}

const NOW = new Date('2026-06-01T00:00:00Z');

// Hand-verified: 15034000000 pass 1 = 1+10+0+12+20 = 43 ≡ 10 (mod 11),
// pass 2 = 3+20+0+18+28 = 69 ≡ 3. Check digit 3 (second pass).
const RESIDENT_HEAD = '150340000003';
// 15034000009: pass 1 = 43+9·11 = 142 ≡ 10, pass 2 = 69+9·2 = 87 ≡ 10. Impossible.
const IMPOSSIBLE_PREFIX = '15034000009';

describe('parseBin', () => {
  it('parses a hand-verified BIN', () => {
    expect(parseBin(RESIDENT_HEAD, NOW)).toEqual({
      ok: true,
      bin: RESIDENT_HEAD,
      registeredYearMonth: '2015-03',
      entityType: 'resident',
      office: 'head',
    });
    expect(withCheckDigit(RESIDENT_HEAD.slice(0, 11))).toBe(RESIDENT_HEAD);
  });

  it('trims surrounding whitespace', () => {
    expect(parseBin(` ${RESIDENT_HEAD} `, NOW)).toMatchObject({ ok: true, bin: RESIDENT_HEAD });
  });

  it.each([
    ['4', 'resident'],
    ['5', 'non_resident'],
    ['6', 'joint_entrepreneur'],
  ] as const)('type digit %s is %s', (digit, entityType) => {
    const bin = withCheckDigit(`2105${digit}012345`)!;
    expect(parseBin(bin, NOW)).toMatchObject({ ok: true, entityType });
  });

  it.each([
    ['0', 'head'],
    ['1', 'branch'],
    ['2', 'representative'],
    ['3', 'other'],
    ['4', 'other'],
  ] as const)('office digit %s is %s', (digit, office) => {
    const bin = withCheckDigit(`21054${digit}12345`)!;
    expect(parseBin(bin, NOW)).toMatchObject({ ok: true, office });
  });

  it.each([
    ['27', NOW, '2027'], // current year + 1 is still the 2000s
    ['26', NOW, '2026'],
    ['00', NOW, '2000'],
    ['28', NOW, '1928'], // beyond current year + 1 must be the 1900s
    ['99', NOW, '1999'],
    ['28', new Date('2027-01-01T00:00:00Z'), '2028'],
  ])('year digits %s relative to %s give %s', (yy, now, year) => {
    const bin = withCheckDigit(`${yy}014001234`)!;
    expect(parseBin(bin, now)).toMatchObject({ ok: true, registeredYearMonth: `${year}-01` });
  });

  it('defaults now to the current date', () => {
    // Registered in December of the current year: must not be mistaken for the 1900s.
    const year = new Date().getUTCFullYear();
    expect(parseBin(makeBin(`${year}-12`, 1234))).toMatchObject({
      registeredYearMonth: `${year}-12`,
    });
  });

  it.each([
    '',
    '15034000000',
    '1503400000031',
    '15034000000a',
    '1503-4000-0003',
    '１５０３４０００００００３', // full-width digits
  ])('rejects %p as BIN_FORMAT', (input) => {
    expect(parseBin(input, NOW)).toEqual({ ok: false, code: 'BIN_FORMAT' });
  });

  it.each(['00', '13', '99'])('rejects month %s as BIN_DATE', (mm) => {
    expect(parseBin(`15${mm}40000003`, NOW)).toEqual({ ok: false, code: 'BIN_DATE' });
  });

  it.each(['0', '1', '2', '3', '7', '8', '9'])('rejects type digit %s as BIN_TYPE', (digit) => {
    expect(parseBin(`1503${digit}0000003`, NOW)).toEqual({ ok: false, code: 'BIN_TYPE' });
  });

  it.each(['5', '6', '7', '8', '9'])('rejects office digit %s as BIN_OFFICE', (digit) => {
    expect(parseBin(`15034${digit}000003`, NOW)).toEqual({ ok: false, code: 'BIN_OFFICE' });
  });

  it('checks in order: date, type, office, checksum', () => {
    expect(parseBin('151399999999', NOW)).toEqual({ ok: false, code: 'BIN_DATE' });
    expect(parseBin('150399999999', NOW)).toEqual({ ok: false, code: 'BIN_TYPE' });
    expect(parseBin('150349999999', NOW)).toEqual({ ok: false, code: 'BIN_OFFICE' });
  });

  it('rejects every wrong check digit as BIN_CHECKSUM', () => {
    for (let digit = 0; digit <= 9; digit++) {
      if (digit === 3) continue;
      expect(parseBin(`${RESIDENT_HEAD.slice(0, 11)}${digit}`, NOW)).toEqual({
        ok: false,
        code: 'BIN_CHECKSUM',
      });
    }
  });

  it('rejects an impossible prefix with any 12th digit', () => {
    for (let digit = 0; digit <= 9; digit++) {
      expect(parseBin(`${IMPOSSIBLE_PREFIX}${digit}`, NOW)).toEqual({
        ok: false,
        code: 'BIN_CHECKSUM',
      });
    }
  });
});

describe('makeBin', () => {
  it('builds a resident head-office BIN by default', () => {
    expect(makeBin('2015-03', 0)).toBe(RESIDENT_HEAD);
  });

  it.each([
    [0, 'head'],
    [1, 'branch'],
    [2, 'representative'],
  ] as const)('office %d round-trips as %s', (office, name) => {
    const bin = makeBin('2019-11', 4321, office);
    expect(bin).toBe(withCheckDigit(`19114${office}04321`));
    expect(parseBin(bin, NOW)).toEqual({
      ok: true,
      bin,
      registeredYearMonth: '2019-11',
      entityType: 'resident',
      office: name,
    });
  });

  it('round-trips 1990s registrations', () => {
    expect(parseBin(makeBin('1998-07', 77), NOW)).toMatchObject({ registeredYearMonth: '1998-07' });
  });

  it('skips a serial whose prefix has no possible check digit', () => {
    expect(makeBin('2015-03', 9)).toBe(withCheckDigit('15034000010'));
  });

  it('wraps from serial 99999 to 00000 when needed', () => {
    // 22024099999: pass 1 = 2+4+8+20+63+72+81+90+99 = 439 ≡ 10,
    // pass 2 = 6+8+12+28+81+90+99+9+18 = 351 ≡ 10. Serial 00000: 2+4+8+20 = 34 ≡ 1.
    expect(withCheckDigit('22024099999')).toBeNull();
    expect(makeBin('2022-02', 99999)).toBe('220240000001');
  });

  it.each([
    ['2015-13', 1],
    ['2015-00', 1],
    ['15-03', 1],
    ['1899-12', 1],
    ['2100-01', 1],
    ['2015-03', -1],
    ['2015-03', 100000],
    ['2015-03', 2.5],
  ] as const)('throws for %s serial %d', (yearMonth, serial) => {
    expect(() => makeBin(yearMonth, serial)).toThrow(RangeError);
  });
});
