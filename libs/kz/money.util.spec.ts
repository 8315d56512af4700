import { formatTenge, percentOf } from './money.util';

const NBSP = '\u00A0';

describe('formatTenge', () => {
  it.each([
    [0, `0${NBSP}₸`],
    [7, `7${NBSP}₸`],
    [999, `999${NBSP}₸`],
    [1000, `1${NBSP}000${NBSP}₸`],
    [300000, `300${NBSP}000${NBSP}₸`],
    [1234567, `1${NBSP}234${NBSP}567${NBSP}₸`],
    [-45000, `-45${NBSP}000${NBSP}₸`],
    [Number.MAX_SAFE_INTEGER, `9${NBSP}007${NBSP}199${NBSP}254${NBSP}740${NBSP}991${NBSP}₸`],
  ])('formats %d as %p', (amount, expected) => {
    expect(formatTenge(amount, 'ru')).toBe(expected);
    expect(formatTenge(amount, 'kk')).toBe(expected);
  });

  it('uses only U+00A0 as the separator, never U+202F or a plain space', () => {
    const text = formatTenge(300000, 'kk');
    expect(text).not.toMatch(/[ \u202F\u2009]/);
    expect(text).toBe('300\u00A0000\u00A0₸');
  });

  it.each([0.5, 1000.01, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1])(
    'throws RangeError for %p',
    (amount) => {
      expect(() => formatTenge(amount, 'ru')).toThrow(RangeError);
    },
  );
});

describe('percentOf', () => {
  it.each([
    [1000000, 15, 150000],
    [333333, 15, 50000], // 49999.95 rounds up
    [100, 15, 15],
    [10, 15, 2], // 1.5 rounds half up
    [30, 15, 5], // 4.5 rounds half up
    [29, 15, 4], // 4.35 rounds down
    [0, 15, 0],
    [1000000, 0, 0],
    [1000000, 100, 1000000],
    [1000, 12.5, 125],
    [1, 50, 1], // 0.5 rounds half up
    [3, 50, 2], // 1.5
    [1000, 0.1, 1],
    [5, 0.1, 0], // 0.005
    [Number.MAX_SAFE_INTEGER, 100, Number.MAX_SAFE_INTEGER],
  ])('%d × %d%% = %d', (amount, percent, expected) => {
    expect(percentOf(amount, percent)).toBe(expected);
  });

  it.each([
    [1.5, 15],
    [-100, 15],
    [100, -1],
    [100, NaN],
    [100, Infinity],
    [100, 0.00001], // more than 4 decimals
    [Number.MAX_SAFE_INTEGER, 200], // result not safe
  ])('throws RangeError for amount %p, percent %p', (amount, percent) => {
    expect(() => percentOf(amount, percent)).toThrow(RangeError);
  });
});
