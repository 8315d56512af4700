import fc from 'fast-check';
import { aggregate, MemberTotalRow } from './aggregation';

const row = (applicationId: string, memberId: string, total: number): MemberTotalRow => ({
  applicationId,
  memberId,
  total,
});

// M1 scores A, B, C as 8, 6, 4: mean 6, sample sd 2, so z = +1, 0, −1.
// M2 gives 9 to both A and B: no spread, no scale, z = 0.
// M3 scores A 2 and C 6.5: two values always sit ±1/√2 sample sd from their mean.
// M4 scored only B: a single total gives no scale, z = 0.
const ROWS = [
  row('A', 'M1', 8),
  row('A', 'M2', 9),
  row('A', 'M3', 2),
  row('B', 'M1', 6),
  row('B', 'M2', 9),
  row('B', 'M4', 3),
  row('C', 'M1', 4),
  row('C', 'M3', 6.5),
];
const HALF_SQRT2 = Math.SQRT1_2;

describe('aggregate', () => {
  it('gives mean, median, count, normalized mean and spread per application, in first-seen order', () => {
    const result = aggregate(ROWS, { maxTotal: 10 });
    expect(result.map((r) => r.applicationId)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = result;
    expect(a).toEqual({
      applicationId: 'A',
      mean: 19 / 3,
      median: 8,
      count: 3,
      zMean: expect.any(Number),
      spread: 7,
      disagreement: true,
    });
    expect(a.zMean).toBeCloseTo((1 + 0 - HALF_SQRT2) / 3, 12);
    expect(b).toEqual({ applicationId: 'B', mean: 6, median: 6, count: 3, zMean: 0, spread: 6, disagreement: true });
    expect(c).toEqual({
      applicationId: 'C',
      mean: 5.25,
      median: 5.25,
      count: 2,
      zMean: expect.any(Number),
      spread: 2.5,
      disagreement: false,
    });
    expect(c.zMean).toBeCloseTo((-1 + HALF_SQRT2) / 2, 12);
  });

  it('flags disagreement only strictly above the threshold, and the share is a parameter', () => {
    // C's spread 2.5 is exactly 25% of 10: not flagged; at 20% (threshold 2) it is.
    expect(aggregate(ROWS, { maxTotal: 10 })[2].disagreement).toBe(false);
    expect(aggregate(ROWS, { maxTotal: 10, disagreementShare: 0.2 })[2].disagreement).toBe(true);
    expect(aggregate(ROWS, { maxTotal: 10, disagreementShare: 0.7 }).map((r) => r.disagreement)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('does not flag a spread that equals the threshold up to binary noise', () => {
    const [r] = aggregate([row('A', 'M1', 0), row('A', 'M2', 0.1 + 0.2)], { maxTotal: 1.2 });
    expect(r.spread).not.toBe(0.3);
    expect(r.disagreement).toBe(false);
  });

  it('gives a member with identical totals up to float noise no scale', () => {
    const rows = [row('A', 'M1', 0.3), row('B', 'M1', 0.1 + 0.2), row('A', 'M2', 1), row('B', 'M2', 3)];
    const [a, b] = aggregate(rows, { maxTotal: 10 });
    expect(a.zMean).toBeCloseTo(-HALF_SQRT2 / 2, 12);
    expect(b.zMean).toBeCloseTo(HALF_SQRT2 / 2, 12);
  });

  it('returns nothing for no rows and refuses a bad scale or a non-finite total', () => {
    expect(aggregate([], { maxTotal: 10 })).toEqual([]);
    expect(() => aggregate(ROWS, { maxTotal: 0 })).toThrow(RangeError);
    expect(() => aggregate(ROWS, { maxTotal: 10, disagreementShare: -0.1 })).toThrow(RangeError);
    expect(() => aggregate([row('A', 'M1', Number.NaN)], { maxTotal: 10 })).toThrow('rows[0].total');
  });

  const matrix = fc
    .record({ members: fc.integer({ min: 1, max: 6 }), applications: fc.integer({ min: 1, max: 8 }) })
    .chain(({ members, applications }) =>
      fc.array(
        fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), {
          minLength: applications,
          maxLength: applications,
        }),
        {
          minLength: members,
          maxLength: members,
        },
      ),
    )
    .map((grid) =>
      grid.flatMap((totals, m) => totals.flatMap((t, a) => (t === null ? [] : [row(`A${a}`, `M${m}`, t)]))),
    );

  it('has the arithmetic mean, the middle value and the range of each application’s totals', () => {
    fc.assert(
      fc.property(matrix, (rows) => {
        for (const r of aggregate(rows, { maxTotal: 100 })) {
          const totals = rows
            .filter((x) => x.applicationId === r.applicationId)
            .map((x) => x.total)
            .sort((x, y) => x - y);
          expect(r.count).toBe(totals.length);
          expect(r.mean).toBeCloseTo(totals.reduce((s, t) => s + t, 0) / totals.length, 9);
          expect(r.spread).toBe(totals[totals.length - 1] - totals[0]);
          expect(r.median).toBeGreaterThanOrEqual(totals[0]);
          expect(r.median).toBeLessThanOrEqual(totals[totals.length - 1]);
          expect(r.disagreement).toBe(r.spread - 25 > 1e-9);
        }
      }),
    );
  });

  it('has z-scores that cancel out: every member’s deviations sum to zero', () => {
    fc.assert(
      fc.property(matrix, (rows) => {
        const sum = aggregate(rows, { maxTotal: 100 }).reduce((s, r) => s + r.zMean * r.count, 0);
        expect(Math.abs(sum)).toBeLessThan(1e-6);
      }),
    );
  });
});
