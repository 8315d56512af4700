import { formatAmount, formatPlain, formatScore } from './protocol-format.util';
import { fill } from './protocol-texts.util';

describe('protocol formatting', () => {
  it.each(['kk', 'ru'] as const)('writes scores with two decimals and a decimal comma in %s', (locale) => {
    expect(formatScore(8.75, locale)).toBe('8,75');
    expect(formatScore(9, locale)).toBe('9,00');
    expect(formatScore(7.125, locale)).toBe('7,13');
    expect(formatScore(8.345, locale)).toBe('8,35');
    expect(formatScore(1.005, locale)).toBe('1,01');
    expect(formatScore(0, locale)).toBe('0,00');
  });

  it('writes weights and max points without trailing zeros', () => {
    expect(formatPlain(0.35, 'ru')).toBe('0,35');
    expect(formatPlain(0.3, 'kk')).toBe('0,3');
    expect(formatPlain(10, 'kk')).toBe('10');
    expect(formatPlain(100, 'ru')).toBe('100');
    expect(formatPlain(0, 'ru')).toBe('0');
  });

  it('rejects numbers that cannot be printed', () => {
    expect(() => formatScore(Number.NaN, 'kk')).toThrow(RangeError);
    expect(() => formatPlain(Infinity, 'ru')).toThrow(RangeError);
    expect(() => formatAmount(1.5, 'ru')).toThrow(RangeError);
  });

  it('writes tenge with non-breaking spaces', () => {
    expect(formatAmount(300_000, 'kk')).toBe('300\u00a0000\u00a0₸');
    expect(formatAmount(3_000_000, 'ru')).toBe('3\u00a0000\u00a0000\u00a0₸');
  });

  it('fills placeholders and refuses a missing one', () => {
    expect(fill('{index}. {name}', { index: 1, name: 'Сарапшы' })).toBe('1. Сарапшы');
    expect(() => fill('{name} / {role}', { name: 'x' })).toThrow(/role/);
  });
});
