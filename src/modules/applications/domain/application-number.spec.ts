import {
  competitionNumberCode,
  formatApplicationNumber,
  numberParts,
  numberSequenceName,
  voidNumbers,
} from './application-number';
import { priceBudget } from './budget';

describe('application numbers', () => {
  it('formats with the prefix, year and at least four digits', () => {
    expect(formatApplicationNumber('MG', 2026, 7)).toBe('MG-2026-0007');
    expect(formatApplicationNumber('YC', 2026, 12345)).toBe('YC-2026-12345');
  });

  it('writes the competition code (prefix and series) and reads it back from a number', () => {
    expect(formatApplicationNumber(competitionNumberCode('MG', 2), 2026, 7)).toBe('MG2-2026-0007');
    expect(numberParts('MG12-2026-10000')).toEqual({ code: 'MG12', year: 2026 });
    expect(numberParts('MG-2026-0001')).toEqual({ code: 'MG', year: 2026 });
    expect(numberParts('nonsense')).toBeUndefined();
    expect(() => competitionNumberCode('MG', 0)).toThrow(RangeError);
  });

  it('names one sequence per competition and refuses anything but a uuid', () => {
    expect(numberSequenceName('0b6f2a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(
      'application_no_0b6f2a3e1c2d4e5f8a9b0c1d2e3f4a5b',
    );
    expect(() => numberSequenceName('x; DROP TABLE applications')).toThrow();
  });

  it('lists numbers left unused between those used', () => {
    expect(voidNumbers([1, 2, 4, 7])).toEqual([3, 5, 6]);
    expect(voidNumbers([])).toEqual([]);
  });
});

describe('budget', () => {
  it('computes line totals and the sum itself', () => {
    expect(
      priceBudget([
        { item: 'Футболка', quantity: 20, unitCost: 3500 },
        { item: 'Баннер', quantity: 1, unitCost: 15000 },
      ]),
    ).toEqual({
      lines: [
        { item: 'Футболка', quantity: 20, unitCost: 3500, total: 70000 },
        { item: 'Баннер', quantity: 1, unitCost: 15000, total: 15000 },
      ],
      total: 85000,
    });
  });
});
