import fc from 'fast-check';
import type { Criterion } from '../../competitions/domain/rulebook.types';
import { checkScores, maxWeightedTotal, roundForDisplay, SCORE_COMMENT_MAX_LENGTH, weightedTotal } from './score-rules';

const label = { kk: 'Өлшем', ru: 'Критерий' };
const RELEVANCE: Criterion = { code: 'relevance', label, weight: 3, maxPoints: 10, step: 1, commentBelow: 4 };
const BUDGET: Criterion = { code: 'budget', label, weight: 2, maxPoints: 10, step: 0.5 };
const TEAM: Criterion = { code: 'team', label, weight: 1, maxPoints: 5, step: 1 };
const CRITERIA = [RELEVANCE, BUDGET, TEAM];

const full = (overrides: Partial<Record<string, number>> = {}) => [
  { criterion: 'relevance', points: overrides.relevance ?? 8 },
  { criterion: 'budget', points: overrides.budget ?? 7.5 },
  { criterion: 'team', points: overrides.team ?? 4 },
];

describe('checkScores', () => {
  it('accepts a complete sheet on the step grid', () => {
    expect(checkScores(CRITERIA, full())).toEqual([]);
  });

  it('reports each criterion left unscored, in rulebook order', () => {
    expect(checkScores(CRITERIA, [{ criterion: 'budget', points: 5 }])).toEqual([
      { field: 'scores', code: 'CRITERION_MISSING', params: { criterion: 'relevance' } },
      { field: 'scores', code: 'CRITERION_MISSING', params: { criterion: 'team' } },
    ]);
  });

  it('refuses a criterion the rulebook does not have and a criterion scored twice', () => {
    const sheet = [...full(), { criterion: 'innovation', points: 5 }, { criterion: 'team', points: 1 }];
    expect(checkScores(CRITERIA, sheet)).toEqual([
      { field: 'scores[3].criterion', code: 'CRITERION_UNKNOWN', params: { criterion: 'innovation' } },
      { field: 'scores[4].criterion', code: 'DUPLICATE_ITEMS', params: { criterion: 'team' } },
    ]);
  });

  it('keeps points between 0 and the criterion maximum', () => {
    expect(checkScores(CRITERIA, full({ budget: -0.5, team: 6 }))).toEqual([
      { field: 'scores[1].points', code: 'TOO_SMALL', params: { limit: 0 } },
      { field: 'scores[2].points', code: 'TOO_LARGE', params: { limit: 5 } },
    ]);
    expect(checkScores(CRITERIA, full({ budget: 0, team: 5 }))).toEqual([]);
  });

  it('accepts 7.5 and refuses 7.3 on a half-point step, and refuses 7.5 on a whole-point step', () => {
    expect(checkScores(CRITERIA, full({ budget: 7.5 }))).toEqual([]);
    expect(checkScores(CRITERIA, full({ budget: 7.3 }))).toEqual([
      { field: 'scores[1].points', code: 'POINTS_OFF_STEP', params: { step: 0.5 } },
    ]);
    expect(checkScores(CRITERIA, full({ relevance: 7.5 }))).toEqual([
      { field: 'scores[0].points', code: 'POINTS_OFF_STEP', params: { step: 1 } },
    ]);
  });

  it('tolerates binary noise on the grid: 0.1 + 0.2 + 7.2 is 7.5', () => {
    expect(checkScores(CRITERIA, full({ budget: 0.1 + 0.2 + 7.2 }))).toEqual([]);
  });

  it('refuses points that are not a number', () => {
    expect(checkScores(CRITERIA, full({ team: Number.NaN }))).toEqual([
      { field: 'scores[2].points', code: 'NOT_NUMBER' },
    ]);
  });

  it('needs a comment below commentBelow, and a blank one does not count', () => {
    const low = (comment?: string) => [{ criterion: 'relevance', points: 3, comment }, ...full().slice(1)];
    const required = [{ field: 'scores[0].comment', code: 'COMMENT_REQUIRED', params: { below: 4 } }];
    expect(checkScores(CRITERIA, low())).toEqual(required);
    expect(checkScores(CRITERIA, low('  \n\t'))).toEqual(required);
    expect(checkScores(CRITERIA, low('Мақсат нақты емес'))).toEqual([]);
    // Exactly at commentBelow is not "fewer than".
    expect(checkScores(CRITERIA, full({ relevance: 4 }))).toEqual([]);
    // Refused points are one problem, not two.
    expect(checkScores(CRITERIA, full({ relevance: -1 }))).toEqual([
      { field: 'scores[0].points', code: 'TOO_SMALL', params: { limit: 0 } },
    ]);
  });

  it('caps a comment at 2000 characters, counting a surrogate pair as one', () => {
    const at = (comment: string) => [{ criterion: 'team', points: 4, comment }, ...full().slice(0, 2)];
    expect(checkScores(CRITERIA, at('ә'.repeat(SCORE_COMMENT_MAX_LENGTH)))).toEqual([]);
    expect(checkScores(CRITERIA, at('😀'.repeat(SCORE_COMMENT_MAX_LENGTH)))).toEqual([]);
    expect(checkScores(CRITERIA, at('ә'.repeat(SCORE_COMMENT_MAX_LENGTH + 1)))).toEqual([
      { field: 'scores[0].comment', code: 'TOO_LONG', params: { limit: 2000 } },
    ]);
  });

  it('accepts every point value on the grid and refuses every value a third of a step off it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), (k) => {
        expect(checkScores(CRITERIA, full({ budget: k * 0.5 }))).toEqual([]);
        if (k < 20) expect(checkScores(CRITERIA, full({ budget: k * 0.5 + 0.5 / 3 }))[0]?.code).toBe('POINTS_OFF_STEP');
      }),
    );
  });
});

describe('weightedTotal', () => {
  it('sums each criterion as its share of the maximum times its weight', () => {
    // 8/10·3 + 7.5/10·2 + 4/5·1 = 2.4 + 1.5 + 0.8
    expect(weightedTotal(CRITERIA, full())).toBeCloseTo(4.7, 12);
  });

  it('gives the sum of the weights for full marks and 0 for none', () => {
    expect(maxWeightedTotal(CRITERIA)).toBe(6);
    expect(weightedTotal(CRITERIA, full({ relevance: 10, budget: 10, team: 5 }))).toBe(6);
    expect(weightedTotal(CRITERIA, full({ relevance: 0, budget: 0, team: 0 }))).toBe(0);
  });

  it('keeps full precision: a third of the maximum is not rounded', () => {
    const thirds: Criterion[] = [{ code: 'x', label, weight: 1, maxPoints: 3, step: 1 }];
    expect(weightedTotal(thirds, [{ criterion: 'x', points: 1 }])).toBe(1 / 3);
  });

  it('never leaves 0..Σweights for valid sheets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 5 }),
        (r, b, t) => {
          const total = weightedTotal(CRITERIA, full({ relevance: r, budget: b / 2, team: t }));
          expect(total).toBeGreaterThanOrEqual(0);
          expect(total).toBeLessThanOrEqual(maxWeightedTotal(CRITERIA) + 1e-12);
        },
      ),
    );
  });
});

describe('roundForDisplay', () => {
  it('rounds half away from zero to two decimals, as on paper', () => {
    expect(roundForDisplay(1.005)).toBe(1.01);
    expect(roundForDisplay(4.7)).toBe(4.7);
    expect(roundForDisplay(2 / 3)).toBe(0.67);
    expect(roundForDisplay(7.124999)).toBe(7.12);
    expect(roundForDisplay(-1.005)).toBe(-1.01);
  });
});
