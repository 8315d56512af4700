/** What the benchmark checks in the ranking and the selection it times. */
import type { FundingRule, SelectionRule } from '../../../src/modules/competitions/domain/rulebook.types';
import type { SelectionCandidate, SelectionOutcome } from '../../../src/modules/scoring/domain/selection';

interface RankedRow {
  applicationId: string;
  rank: number;
  count: number;
  mean: number;
}

/** Every application exactly once, ranks in standard competition order ("1, 2, 2, 4"), counts as seeded. */
export function checkRanking(
  rows: readonly RankedRow[],
  expected: { applicationIds: readonly string[]; members: number; blocked: ReadonlySet<string> },
): string[] {
  const problems: string[] = [];
  const ids = new Set(rows.map((r) => r.applicationId));
  if (rows.length !== expected.applicationIds.length)
    problems.push(`${rows.length} rows for ${expected.applicationIds.length} applications`);
  if (ids.size !== rows.length) problems.push(`${rows.length - ids.size} applications ranked twice`);
  const missing = expected.applicationIds.filter((id) => !ids.has(id));
  if (missing.length) problems.push(`${missing.length} applications not ranked`);
  rows.forEach((r, i) => {
    const ok = i === 0 ? r.rank === 1 : r.rank === rows[i - 1].rank || r.rank === i + 1;
    if (!ok && problems.length < 20) problems.push(`row ${i}: rank ${r.rank} after rank ${rows[i - 1]?.rank}`);
    const count = expected.blocked.has(r.applicationId) ? expected.members - 1 : expected.members;
    if (r.count !== count && problems.length < 20)
      problems.push(`application ${r.applicationId}: ${r.count} counted scores, expected ${count}`);
  });
  return problems;
}

/** The rule's invariants, read from the outcome rather than trusted from the reasons. */
export function checkSelection(
  candidates: readonly SelectionCandidate[],
  outcome: readonly SelectionOutcome[],
  rule: SelectionRule,
  funding: FundingRule,
): {
  problems: string[];
  selected: number;
  spent: number;
  units: number;
  reasons: Record<string, number>;
  fundsBound: boolean;
} {
  const problems: string[] = [];
  if (outcome.length !== candidates.length)
    problems.push(`${outcome.length} outcomes for ${candidates.length} candidates`);
  const unitWinner = new Map<string, SelectionCandidate>();
  const regionSpent = new Map<string, number>();
  const reasons: Record<string, number> = {};
  let spent = 0;
  let selected = 0;
  outcome.forEach((o, i) => {
    const c = candidates[i];
    reasons[o.reason] = (reasons[o.reason] ?? 0) + 1;
    if (o.applicationId !== c.applicationId) problems.push(`outcome ${i} is for another application`);
    if (!o.selected) return;
    selected += 1;
    if (c.excluded) problems.push(`${c.applicationId} selected although ${c.excluded}`);
    const unit = c.districtCode ?? c.regionCode;
    if (rule.oneWinnerPer === 'district' && unit !== null) {
      if (unitWinner.has(unit))
        problems.push(`two winners in ${unit}: ranks ${unitWinner.get(unit)!.rank} and ${c.rank}`);
      unitWinner.set(unit, c);
    }
    if (c.regionCode !== null) regionSpent.set(c.regionCode, (regionSpent.get(c.regionCode) ?? 0) + c.amount);
    spent += c.amount;
  });
  if (typeof rule.winners === 'number' && selected > rule.winners)
    problems.push(`${selected} winners, rule allows ${rule.winners}`);
  if (rule.capsByRegion) {
    for (const [region, amount] of regionSpent) {
      if (amount > funding.perRegionFund!)
        problems.push(`region ${region} gets ${amount} ₸ of a ${funding.perRegionFund} ₸ fund`);
    }
  }
  if (rule.useTotalFund && spent > funding.totalFund!)
    problems.push(`${spent} ₸ selected of a ${funding.totalFund} ₸ total fund`);

  // Where no fund stopped anyone, one per district is all that decides: each unit's winner
  // must be its best-ranked eligible application, and every unit with one must have a winner.
  const fundsBound =
    (reasons.region_fund_exceeded ?? 0) + (reasons.total_fund_exceeded ?? 0) + (reasons.winners_filled ?? 0) > 0;
  if (!fundsBound && rule.oneWinnerPer === 'district') {
    const best = new Map<string, SelectionCandidate>();
    for (const c of candidates) {
      const unit = c.districtCode ?? c.regionCode;
      if (!c.excluded && unit !== null && !best.has(unit)) best.set(unit, c);
    }
    for (const [unit, c] of best) {
      if (unitWinner.get(unit)?.applicationId !== c.applicationId)
        problems.push(`${unit}: winner is not its best-ranked eligible application (rank ${c.rank})`);
    }
    if (best.size !== selected)
      problems.push(`${selected} winners for ${best.size} districts/cities with an eligible application`);
  }
  return { problems, selected, spent, units: unitWinner.size, reasons, fundsBound };
}
