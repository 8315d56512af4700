import fc from 'fast-check';
import { rank, RankingItem } from './ranking';

const at = (hhmm: string) => `2026-03-02T${hhmm}:00+05:00`;
const item = (
  applicationId: string,
  mean: number,
  criterionMeans: number[],
  submittedAt: string | Date,
  sequenceNo?: number,
): RankingItem => ({
  applicationId,
  mean,
  criterionMeans,
  submittedAt,
  ...(sequenceNo !== undefined && { sequenceNo }),
});

describe('rank', () => {
  it('orders by mean, then criteria in rulebook order, then earlier submission; full ties share a rank (1, 2, 2, 4)', () => {
    const items = [
      item('Q', 7.5, [4, 2], at('11:00')),
      item('V', 5, [1, 1], at('07:00')),
      item('U', 6 + 1e-13, [2, 2], new Date(at('08:00'))),
      item('P', 8, [3, 3], at('10:00')),
      item('R', 7.5, [4, 3], at('12:00')),
      item('T', 6, [2, 2], at('08:00')),
      item('S', 7.5, [4, 3], at('09:00')),
    ];
    expect(rank(items)).toEqual([
      { applicationId: 'P', rank: 1, tieBrokenBy: null },
      // S and R are equal on every criterion; S was submitted first.
      { applicationId: 'S', rank: 2, tieBrokenBy: 'submission' },
      // R is behind S by submission and ahead of Q by the second criterion: the deeper rule is named.
      { applicationId: 'R', rank: 3, tieBrokenBy: 'submission' },
      { applicationId: 'Q', rank: 4, tieBrokenBy: 'criteria' },
      // T and U differ by 1e-13 in mean, which is noise: equal in everything, so rank 5 twice.
      { applicationId: 'T', rank: 5, tieBrokenBy: null },
      { applicationId: 'U', rank: 5, tieBrokenBy: null },
      { applicationId: 'V', rank: 7, tieBrokenBy: null },
    ]);
  });

  it('treats 0.1 + 0.2 and 0.3 as the same mean and lets the criteria decide', () => {
    expect(rank([item('A', 0.1 + 0.2, [1], at('09:00')), item('B', 0.3, [2], at('10:00'))])).toEqual([
      { applicationId: 'B', rank: 1, tieBrokenBy: 'criteria' },
      { applicationId: 'A', rank: 2, tieBrokenBy: 'criteria' },
    ]);
  });

  it('decides by the first differing criterion, not by their sum', () => {
    expect(
      rank([item('A', 7, [3, 9, 9], at('09:00')), item('B', 7, [4, 0, 0], at('10:00'))]).map((r) => r.applicationId),
    ).toEqual(['B', 'A']);
  });

  it('uses the journal number when two submissions share the same millisecond', () => {
    expect(rank([item('W', 7, [3], at('09:00'), 12), item('X', 7, [3], at('09:00'), 7)])).toEqual([
      { applicationId: 'X', rank: 1, tieBrokenBy: 'submission' },
      { applicationId: 'W', rank: 2, tieBrokenBy: 'submission' },
    ]);
  });

  it('puts an application without a journal number after those with one at the same instant, whatever the input order', () => {
    const a = item('A', 7, [3], at('09:00'), 2);
    const b = item('B', 7, [3], at('09:00'));
    const c = item('C', 7, [3], at('09:00'), 1);
    const expected = [
      { applicationId: 'C', rank: 1, tieBrokenBy: 'submission' },
      { applicationId: 'A', rank: 2, tieBrokenBy: 'submission' },
      { applicationId: 'B', rank: 3, tieBrokenBy: 'submission' },
    ];
    for (const order of [
      [a, b, c],
      [b, c, a],
      [c, a, b],
      [a, c, b],
      [b, a, c],
      [c, b, a],
    ])
      expect(rank(order)).toEqual(expected);
  });

  it('shares the rank when the instant is the same and neither has a journal number', () => {
    expect(rank([item('W', 7, [3], at('09:00')), item('X', 7, [3], at('09:00'))]).map((r) => r.rank)).toEqual([1, 1]);
  });

  it('compares instants, not strings: 09:00+05:00 is later than 08:30Z', () => {
    expect(
      rank([item('A', 7, [3], '2026-03-02T09:00:00+05:00'), item('B', 7, [3], '2026-03-02T08:30:00Z')]).map(
        (r) => r.applicationId,
      ),
    ).toEqual(['A', 'B']);
  });

  it('returns nothing for nothing and refuses an unreadable instant', () => {
    expect(rank([])).toEqual([]);
    expect(() => rank([item('A', 1, [], 'yesterday')])).toThrow('items[0].submittedAt');
  });

  // Few distinct values, so ties on every level are common.
  const items = fc
    .array(
      fc.record({
        mean: fc.constantFrom(5, 6, 6 + 1e-12, 7),
        criterionMeans: fc.array(fc.constantFrom(1, 2), { minLength: 2, maxLength: 2 }),
        minute: fc.integer({ min: 0, max: 2 }),
        sequenceNo: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      }),
      { maxLength: 30 },
    )
    .map((rows) =>
      rows.map((r, i) =>
        item(
          `app-${String(i).padStart(2, '0')}`,
          r.mean,
          r.criterionMeans,
          new Date(Date.UTC(2026, 2, 2, 4, r.minute)),
          r.sequenceNo,
        ),
      ),
    );

  it('is a permutation in order of mean, with standard competition ranks', () => {
    fc.assert(
      fc.property(items, (input) => {
        const out = rank(input);
        expect(out.map((r) => r.applicationId).sort()).toEqual(input.map((i) => i.applicationId).sort());
        const mean = new Map(input.map((i) => [i.applicationId, i.mean]));
        out.forEach((r, i) => {
          expect(r.rank === i + 1 || (i > 0 && r.rank === out[i - 1].rank)).toBe(true);
          if (i > 0) expect(mean.get(r.applicationId)!).toBeLessThanOrEqual(mean.get(out[i - 1].applicationId)! + 1e-9);
          if (i > 0 && r.rank === out[i - 1].rank)
            expect(Math.abs(mean.get(r.applicationId)! - mean.get(out[i - 1].applicationId)!)).toBeLessThanOrEqual(
              1e-9,
            );
        });
      }),
    );
  });

  it('does not depend on the input order', () => {
    fc.assert(
      fc.property(
        items.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input, { minLength: input.length, maxLength: input.length }),
          ),
        ),
        ([input, shuffled]) => expect(rank(shuffled)).toEqual(rank(input)),
      ),
    );
  });
});
