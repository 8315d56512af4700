import type { Criterion, FieldProblem } from '../../competitions/domain/rulebook.types';
import { ScoringDomainCode } from './scoring-domain-codes';

/** One member's points for one criterion of one application (балл / балл по критерию). */
export interface CriterionScore {
  criterion: string;
  points: number;
  comment?: string | null;
}

/** Characters, counted as Postgres counts them (code points), so the column never truncates. */
export const SCORE_COMMENT_MAX_LENGTH = 2000;

/**
 * Relative tolerance when deciding whether points sit on the step grid: 7.5 / 0.5 is exactly
 * 15, but points that went through a JSON round trip or a sum may be off in the last bits.
 */
const STEP_TOLERANCE = 1e-9;

/**
 * Problems with one member's score sheet for one application, in the order of the sheet,
 * then the missing criteria in rulebook order. An empty list means the sheet can be saved.
 * Each score gets at most one points problem: the first that applies of NOT_NUMBER,
 * TOO_SMALL, TOO_LARGE, POINTS_OFF_STEP.
 */
export function checkScores(criteria: Criterion[], scores: CriterionScore[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const seen = new Set<string>();
  scores.forEach((score, i) => {
    const at = `scores[${i}]`;
    const criterion = byCode.get(score.criterion);
    if (!criterion) {
      problems.push({
        field: `${at}.criterion`,
        code: ScoringDomainCode.CRITERION_UNKNOWN,
        params: { criterion: String(score.criterion) },
      });
      return;
    }
    if (seen.has(criterion.code)) {
      problems.push({ field: `${at}.criterion`, code: 'DUPLICATE_ITEMS', params: { criterion: criterion.code } });
      return;
    }
    seen.add(criterion.code);
    const pointsProblem = checkPoints(criterion, score.points);
    if (pointsProblem) problems.push({ field: `${at}.points`, ...pointsProblem });
    const commentProblem = checkComment(criterion, score, pointsProblem === null);
    if (commentProblem) problems.push({ field: `${at}.comment`, ...commentProblem });
  });
  for (const c of criteria) {
    if (!seen.has(c.code))
      problems.push({ field: 'scores', code: ScoringDomainCode.CRITERION_MISSING, params: { criterion: c.code } });
  }
  return problems;
}

type Problem = Omit<FieldProblem, 'field'>;

function checkPoints(criterion: Criterion, points: number): Problem | null {
  if (typeof points !== 'number' || !Number.isFinite(points)) return { code: 'NOT_NUMBER' };
  if (points < 0) return { code: 'TOO_SMALL', params: { limit: 0 } };
  if (points > criterion.maxPoints) return { code: 'TOO_LARGE', params: { limit: criterion.maxPoints } };
  if (!isOnStep(points, criterion.step))
    return { code: ScoringDomainCode.POINTS_OFF_STEP, params: { step: criterion.step } };
  return null;
}

/** Counting steps, not dividing remainders: 7.3 % 0.5 is 0.2999…, which no tolerance reads well. */
function isOnStep(points: number, step: number): boolean {
  const steps = points / step;
  return Math.abs(steps - Math.round(steps)) <= STEP_TOLERANCE * Math.max(1, Math.abs(steps));
}

function checkComment(criterion: Criterion, score: CriterionScore, pointsValid: boolean): Problem | null {
  const comment = score.comment ?? '';
  if (codePointLength(comment) > SCORE_COMMENT_MAX_LENGTH)
    return { code: 'TOO_LONG', params: { limit: SCORE_COMMENT_MAX_LENGTH } };
  const below = criterion.commentBelow;
  // Points that are refused anyway (say −1) get their own problem; asking for a comment on
  // top of it would make the member explain a number they are about to change.
  if (below !== undefined && pointsValid && score.points < below && comment.trim() === '') {
    return { code: ScoringDomainCode.COMMENT_REQUIRED, params: { below } };
  }
  return null;
}

function codePointLength(text: string): number {
  // UTF-16 length is an upper bound on code points, so the common case skips the copy.
  return text.length <= SCORE_COMMENT_MAX_LENGTH ? text.length : Array.from(text).length;
}

/**
 * A member's weighted total for one application:
 *
 *     total = Σ_c (points_c / maxPoints_c) × weight_c
 *
 * Each criterion counts as the share of its maximum it received, scaled by its weight, so a
 * sheet of full marks totals Σ weight_c (see maxWeightedTotal) whatever the point scales are.
 * A criterion without a score adds 0 and an unknown one is ignored — call checkScores first.
 * The value keeps full precision: means, z-scores and ranking all work on it, and rounding
 * each member's total first would let display rounding decide a close ranking. Round only
 * what is printed, with roundForDisplay.
 */
export function weightedTotal(criteria: Criterion[], scores: CriterionScore[]): number {
  const points = new Map(scores.map((s) => [s.criterion, s.points]));
  let total = 0;
  for (const c of criteria) {
    const p = points.get(c.code);
    if (p !== undefined) total += (p / c.maxPoints) * c.weight;
  }
  return total;
}

/** The total of a sheet with full marks on every criterion: the scale of weightedTotal. */
export function maxWeightedTotal(criteria: Criterion[]): number {
  return criteria.reduce((sum, c) => sum + c.weight, 0);
}

/**
 * Two decimals, half away from zero, for the protocol (хаттама / протокол) and screens.
 * Going through 12 significant digits first removes binary noise, so 1.005 (stored as
 * 1.00499999…) prints as 1.01 the way a person checking by hand would round it.
 */
export function roundForDisplay(value: number): number {
  const hundredths = Number((value * 100).toPrecision(12));
  return (Math.sign(hundredths) * Math.round(Math.abs(hundredths))) / 100;
}
