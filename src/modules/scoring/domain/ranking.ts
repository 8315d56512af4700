/** One application's aggregate as ranking reads it. */
export interface RankingItem {
  applicationId: string;
  /** Mean of the members' weighted totals. */
  mean: number;
  /** Mean points per criterion, in the rulebook's criteria order (that order is the published tie-break order). */
  criterionMeans: number[];
  submittedAt: Date | string;
  /** Registration journal number (тіркеу журналы), drawn when the submission was recorded. */
  sequenceNo?: number | null;
}

/** What settled an application's place against the applications with the same mean. */
export type TieBrokenBy = null | 'criteria' | 'submission';

export interface RankedApplication {
  applicationId: string;
  rank: number;
  tieBrokenBy: TieBrokenBy;
}

/** Means are sums of fractions: two protocols that read "7.40" must also rank as equal. */
export const SCORE_EPSILON = 1e-9;

type Level = 'mean' | 'criteria' | 'submission' | 'none';

interface Keyed {
  item: RankingItem;
  submittedMs: number;
  /**
   * Infinity when missing, so an application without a number goes after the numbered ones
   * at the same instant. Treating "missing" as "equal to anything" instead would make the
   * order intransitive (1 = none = 2 but 1 < 2) and the result depend on the input order.
   */
  journalNo: number;
}

/**
 * The ranking under the rulebook's tie-break `criteria_then_submission`:
 *  1. higher mean first;
 *  2. on equal means, higher mean on the first criterion, then the second, … in rulebook order;
 *  3. then the earlier submission — its instant, and when two instants coincide to the
 *     millisecond, the lower journal number, which is the order the submissions were
 *     recorded (an application without one comes after those with one).
 * Applications equal in all of that share a rank, and ranks follow standard competition
 * ranking ("1, 2, 2, 4"): a rank says how many applications are strictly ahead, plus one,
 * which is what a member of the public expects from a published list and what the selection
 * needs (two applications at rank 2 mean rank 3 does not exist). Equal ones are listed by
 * applicationId only so that the output does not depend on the input order.
 *
 * Returns one line per application, best first.
 */
export function rank(items: readonly RankingItem[]): RankedApplication[] {
  const keyed: Keyed[] = items.map((item, i) => ({
    item,
    submittedMs: instantMs(item.submittedAt, i),
    journalNo: item.sequenceNo ?? Infinity,
  }));
  keyed.sort(
    (a, b) =>
      compare(a, b) ||
      (a.item.applicationId < b.item.applicationId ? -1 : a.item.applicationId > b.item.applicationId ? 1 : 0),
  );

  // How each adjacent pair was separated; equal means are contiguous after the sort.
  const gaps: Level[] = [];
  for (let i = 1; i < keyed.length; i++) gaps.push(separation(keyed[i - 1], keyed[i]));

  const result: RankedApplication[] = [];
  keyed.forEach((k, i) => {
    const above = i > 0 ? gaps[i - 1] : 'mean';
    const below = i < gaps.length ? gaps[i] : 'mean';
    const rankNo = above === 'none' ? result[i - 1].rank : i + 1;
    result.push({ applicationId: k.item.applicationId, rank: rankNo, tieBrokenBy: tieBreak(above, below) });
  });
  return result;
}

/**
 * The deepest rule that separated the application from a neighbour with the same mean. A
 * neighbour equal in everything separates nothing — the shared rank already says so.
 */
function tieBreak(above: Level, below: Level): TieBrokenBy {
  let deepest: TieBrokenBy = null;
  for (const level of [above, below]) {
    if (level === 'criteria' && deepest === null) deepest = 'criteria';
    if (level === 'submission') deepest = 'submission';
  }
  return deepest;
}

/** Negative when a ranks ahead of b. */
function compare(a: Keyed, b: Keyed): number {
  return orderAt(a, b, separation(a, b));
}

function separation(a: Keyed, b: Keyed): Level {
  if (!nearlyEqual(a.item.mean, b.item.mean)) return 'mean';
  const n = Math.min(a.item.criterionMeans.length, b.item.criterionMeans.length);
  for (let c = 0; c < n; c++) if (!nearlyEqual(a.item.criterionMeans[c], b.item.criterionMeans[c])) return 'criteria';
  if (a.submittedMs !== b.submittedMs || a.journalNo !== b.journalNo) return 'submission';
  return 'none';
}

function orderAt(a: Keyed, b: Keyed, level: Level): number {
  switch (level) {
    case 'mean':
      return b.item.mean - a.item.mean;
    case 'criteria': {
      const n = Math.min(a.item.criterionMeans.length, b.item.criterionMeans.length);
      for (let c = 0; c < n; c++) {
        const d = b.item.criterionMeans[c] - a.item.criterionMeans[c];
        if (Math.abs(d) > SCORE_EPSILON) return d;
      }
      return 0;
    }
    case 'submission':
      return a.submittedMs - b.submittedMs || (a.journalNo < b.journalNo ? -1 : a.journalNo > b.journalNo ? 1 : 0);
    case 'none':
      return 0;
  }
}

function nearlyEqual(x: number, y: number): boolean {
  return Math.abs(x - y) <= SCORE_EPSILON;
}

function instantMs(value: Date | string, index: number): number {
  const ms = (value instanceof Date ? value : new Date(value)).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`items[${index}].submittedAt is not a valid instant: ${String(value)}`);
  return ms;
}
