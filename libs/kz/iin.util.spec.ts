import fc from 'fast-check';
import { ageOn, kzCheckDigit, makeIin, parseIin } from './iin.util';

/**
 * Independent re-implementation used to build fixtures, so the tests do not merely
 * compare the library with itself. Returns null when the serial has no check digit.
 */
function buildIin(birthDate: string, sex: 'male' | 'female', serial: number): string | null {
  const [yyyy, mm, dd] = birthDate.split('-');
  const centuryDigit = (Number(yyyy.slice(0, 2)) - 18) * 2 + (sex === 'male' ? 1 : 2);
  const prefix = `${yyyy.slice(2)}${mm}${dd}${centuryDigit}${String(serial).padStart(4, '0')}`;
  if (!/^[0-9]{11}$/.test(prefix)) throw new Error(`bad test prefix ${prefix}`);
  const weighted = (weights: number[]) => weights.reduce((sum, w, i) => sum + w * Number(prefix[i]), 0) % 11;
  let check = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (check === 10) check = weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return check === 10 ? null : prefix + check;
}

// Hand-verified (sums written out so a reviewer can redo them):
// 900515300018: 9·1+0+0+5·4+1·5+5·6+3·7+0+0+0+1·11 = 96, 96 mod 11 = 8.
const MALE_1990 = '900515300018';
// 040229601238: 0+4·2+0+2·4+2·5+9·6+6·7+0+1·9+2·10+3·11 = 184, 184 mod 11 = 8.
const FEMALE_2004_LEAP = '040229601238';
// 991231100050: 9+9·2+1·3+2·4+3·5+1·6+1·7+0+0+0+5·11 = 121, 121 mod 11 = 0.
const MALE_1899 = '991231100050';
// Prefix 90051530090: pass 1 = 9+20+5+30+21+9·10 = 175 ≡ 10 (mod 11), so pass 2 applies:
// 9·3+5·6+1·7+5·8+3·9+9·1 = 140 ≡ 8. Check digit 8.
const SECOND_PASS_PREFIX = '90051530090';
const SECOND_PASS_IIN = '900515300908';
// Prefix 90051530091: pass 1 = 175+1·11 = 186 ≡ 10, pass 2 = 140+1·2 = 142 ≡ 10. Impossible.
const IMPOSSIBLE_PREFIX = '90051530091';

describe('kzCheckDigit', () => {
  it('uses the first weighting pass when it is not 10', () => {
    expect(kzCheckDigit(MALE_1990.slice(0, 11))).toBe(8);
    expect(kzCheckDigit(MALE_1899.slice(0, 11))).toBe(0);
  });

  it('falls back to the second weighting pass when the first gives 10', () => {
    expect(kzCheckDigit(SECOND_PASS_PREFIX)).toBe(8);
  });

  it('returns null when both passes give 10', () => {
    expect(kzCheckDigit(IMPOSSIBLE_PREFIX)).toBeNull();
  });

  it.each(['', '1234567890', '123456789012', '1234567890a', '１２３４５６７８９０１'])(
    'throws on malformed prefix %p',
    (prefix) => {
      expect(() => kzCheckDigit(prefix)).toThrow(RangeError);
    },
  );
});

describe('parseIin', () => {
  it('parses hand-verified IINs', () => {
    expect(parseIin(MALE_1990)).toEqual({
      ok: true,
      iin: MALE_1990,
      birthDate: '1990-05-15',
      sex: 'male',
    });
    expect(parseIin(FEMALE_2004_LEAP)).toEqual({
      ok: true,
      iin: FEMALE_2004_LEAP,
      birthDate: '2004-02-29',
      sex: 'female',
    });
    expect(parseIin(MALE_1899)).toMatchObject({ ok: true, birthDate: '1899-12-31', sex: 'male' });
    expect(parseIin(SECOND_PASS_IIN)).toMatchObject({ ok: true, birthDate: '1990-05-15' });
  });

  it('agrees with the spec helper on the hand-verified values', () => {
    expect(buildIin('1990-05-15', 'male', 1)).toBe(MALE_1990);
    expect(buildIin('2004-02-29', 'female', 123)).toBe(FEMALE_2004_LEAP);
    expect(buildIin('1899-12-31', 'male', 5)).toBe(MALE_1899);
    expect(buildIin('1990-05-15', 'male', 90)).toBe(SECOND_PASS_IIN);
    expect(buildIin('1990-05-15', 'male', 91)).toBeNull();
  });

  it.each([
    ['1', '1850-03-10', 'male'],
    ['2', '1850-03-10', 'female'],
    ['3', '1950-03-10', 'male'],
    ['4', '1950-03-10', 'female'],
    ['5', '2050-03-10', 'male'],
    ['6', '2050-03-10', 'female'],
  ] as const)('century digit %s means %s, %s', (digit, birthDate, sex) => {
    const iin = buildIin(birthDate, sex, 42)!;
    expect(iin[6]).toBe(digit);
    expect(parseIin(iin)).toEqual({ ok: true, iin, birthDate, sex });
  });

  it('trims surrounding whitespace', () => {
    expect(parseIin(`  ${MALE_1990}\n\t`)).toMatchObject({ ok: true, iin: MALE_1990 });
  });

  it.each([
    '',
    '   ',
    '90051530001',
    '9005153000188',
    '900515 300018',
    '900515-300018',
    'A00515300018',
    '９００５１５３０００１８',
    '+90051530001',
  ])('rejects %p as IIN_FORMAT', (input) => {
    expect(parseIin(input)).toEqual({ ok: false, code: 'IIN_FORMAT' });
  });

  it.each(['0', '7', '8', '9'])('rejects century digit %s as IIN_CENTURY', (digit) => {
    expect(parseIin(`900515${digit}00018`)).toEqual({ ok: false, code: 'IIN_CENTURY' });
  });

  it('reports the century before the date', () => {
    expect(parseIin('901399000000')).toEqual({ ok: false, code: 'IIN_CENTURY' });
  });

  it.each([
    ['010229', '5'], // 2001 is not a leap year
    ['000229', '3'], // 1900 is not a leap year
    ['901301', '3'], // month 13
    ['900001', '3'], // month 00
    ['900500', '3'], // day 00
    ['900431', '3'], // 31 April
  ])('rejects %s with century %s as IIN_DATE', (date, century) => {
    expect(parseIin(`${date}${century}00010`)).toEqual({ ok: false, code: 'IIN_DATE' });
  });

  it('accepts leap days that exist', () => {
    expect(parseIin(buildIin('2000-02-29', 'male', 7)!)).toMatchObject({ birthDate: '2000-02-29' });
    expect(parseIin(buildIin('1996-02-29', 'female', 7)!)).toMatchObject({
      birthDate: '1996-02-29',
    });
  });

  it('reports the date before the checksum', () => {
    expect(parseIin('010229500019')).toEqual({ ok: false, code: 'IIN_DATE' });
  });

  it('rejects every wrong check digit as IIN_CHECKSUM', () => {
    for (let digit = 0; digit <= 9; digit++) {
      if (digit === 8) continue;
      expect(parseIin(`${MALE_1990.slice(0, 11)}${digit}`)).toEqual({
        ok: false,
        code: 'IIN_CHECKSUM',
      });
    }
  });

  it('uses the second pass: the first-pass-only answer is rejected', () => {
    // A naive implementation would take 10 mod 10 = 0 or skip pass 2 entirely.
    expect(parseIin(`${SECOND_PASS_PREFIX}0`)).toEqual({ ok: false, code: 'IIN_CHECKSUM' });
    expect(parseIin(SECOND_PASS_IIN)).toMatchObject({ ok: true });
  });

  it('rejects an impossible prefix with any 12th digit', () => {
    for (let digit = 0; digit <= 9; digit++) {
      expect(parseIin(`${IMPOSSIBLE_PREFIX}${digit}`)).toEqual({
        ok: false,
        code: 'IIN_CHECKSUM',
      });
    }
  });
});

describe('ageOn', () => {
  it.each([
    ['1990-05-15', '2026-05-14', 35],
    ['1990-05-15', '2026-05-15', 36],
    ['1990-05-15', '2026-05-16', 36],
    ['1990-05-15', '1990-05-15', 0],
    ['2000-12-31', '2001-12-30', 0],
    ['2000-12-31', '2001-12-31', 1],
    ['2004-02-29', '2005-02-28', 0], // non-leap year: not yet on 28 Feb
    ['2004-02-29', '2005-03-01', 1], // ...but on 1 March
    ['2004-02-29', '2008-02-28', 3],
    ['2004-02-29', '2008-02-29', 4], // leap year: on the day itself
    ['1899-12-31', '2026-01-01', 126],
  ])('born %s is on %s %i years old', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('throws on invalid dates and on a date before birth', () => {
    expect(() => ageOn('2001-02-29', '2020-01-01')).toThrow(RangeError);
    expect(() => ageOn('1990-05-15', '2020-1-1')).toThrow(RangeError);
    expect(() => ageOn('1990-05-15', '1990-05-14')).toThrow(RangeError);
  });
});

describe('makeIin', () => {
  it('builds the same IINs as the independent helper', () => {
    expect(makeIin('1990-05-15', 'male', 1)).toBe(MALE_1990);
    expect(makeIin('2004-02-29', 'female', 123)).toBe(FEMALE_2004_LEAP);
    expect(makeIin('1899-12-31', 'male', 5)).toBe(MALE_1899);
    expect(makeIin('1990-05-15', 'male', 90)).toBe(SECOND_PASS_IIN);
  });

  it('skips a serial whose prefix has no possible check digit', () => {
    // Serial 0091 is impossible (see IMPOSSIBLE_PREFIX), so 0092 is used instead.
    const iin = makeIin('1990-05-15', 'male', 91);
    expect(iin.slice(0, 11)).toBe('90051530092');
    expect(iin).toBe(buildIin('1990-05-15', 'male', 92));
    expect(parseIin(iin)).toMatchObject({ ok: true });
  });

  it('wraps from serial 9999 to 0000 when needed', () => {
    // 90032239999: pass 1 = 9+12+10+12+21+72+81+90+99 = 406 ≡ 10,
    // pass 2 = 27+18+14+16+27+90+99+9+18 = 318 ≡ 10, so 9999 is impossible.
    // Serial 0000: 9+12+10+12+21 = 64 ≡ 9.
    expect(buildIin('1990-03-22', 'male', 9999)).toBeNull();
    expect(makeIin('1990-03-22', 'male', 9999)).toBe('900322300009');
  });

  it.each([
    ['1990-02-30', 'male', 1],
    ['1799-12-31', 'male', 1],
    ['2100-01-01', 'female', 1],
    ['1990-05-15', 'male', -1],
    ['1990-05-15', 'male', 10000],
    ['1990-05-15', 'male', 1.5],
  ] as const)('throws for %s %s serial %d', (birthDate, sex, serial) => {
    expect(() => makeIin(birthDate, sex, serial)).toThrow(RangeError);
  });

  it('round-trips birth date and sex for random inputs (1900-2099)', () => {
    const birthDate = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2099-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const sex = fc.constantFrom<'male' | 'female'>('male', 'female');
    const serial = fc.integer({ min: 0, max: 9999 });
    fc.assert(
      fc.property(birthDate, sex, serial, (date, s, n) => {
        const iin = makeIin(date, s, n);
        const parsed = parseIin(iin);
        expect(parsed).toEqual({ ok: true, iin, birthDate: date, sex: s });
        const expected = buildIin(date, s, n);
        if (expected !== null) expect(iin).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
