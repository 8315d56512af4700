import type { FundingRule, SelectionRule } from '../../competitions/domain/rulebook.types';

/** Why an application was or was not selected; each is translated as `selection.<reason>`. */
export const SELECTION_REASONS = [
  'selected',
  'shortlisted',
  'winners_filled',
  'district_taken',
  'region_taken',
  'region_fund_exceeded',
  'total_fund_exceeded',
  'nomination_filled',
  'below_quorum',
] as const;
export type SelectionReason = (typeof SELECTION_REASONS)[number];

/** A ranked application as the selection reads it. */
export interface SelectionCandidate {
  applicationId: string;
  rank: number;
  /** Requested grant in integer tenge; 0 for prizes and awards. */
  amount: number;
  regionCode: string | null;
  /** Null for a city of republican significance (or a region-level application). */
  districtCode: string | null;
  nomination?: string | null;
  /** Set by the caller when the application has fewer scores than the quorum. */
  excluded?: 'below_quorum' | null;
}

export interface SelectionOutcome {
  applicationId: string;
  /** True for 'selected' and 'shortlisted'. */
  selected: boolean;
  reason: SelectionReason;
  params?: Record<string, string | number>;
}

/**
 * Applies the rulebook's selection rule to the ranking and explains every application.
 *
 * Walks the applications in rank order and takes each one no rule stops. The first rule
 * that stops an application is its reason, checked in this order:
 *  - below_quorum          the caller excluded it (too few scores); it takes nothing from anyone;
 *  - winners_filled        rule.winners are already taken;
 *  - nomination_filled     rule.perNomination are already taken in its nomination;
 *  - district_taken        oneWinnerPer 'district': its district already has a winner; a city
 *                          of republican significance has no district, so the city counts as one;
 *  - region_taken          oneWinnerPer 'region': its region already has a winner;
 *  - region_fund_exceeded  rule.capsByRegion: its amount is more than the region's fund has left;
 *  - total_fund_exceeded   rule.useTotalFund: its amount is more than the total fund has left.
 * A fund stops only the application that does not fit: the walk goes on and takes the next
 * one that does, which is how the regional mini-grants spread 1 000 000 ₸ per region.
 * With rule.shortlistForDraw the taken ones are 'shortlisted' rather than 'selected': the
 * draw decides later who gets what.
 *
 * An application without the code a rule needs (no region, no nomination) is not limited
 * by that rule: the rulebook's validation and technical screening make the code present
 * where the competition needs it, and inventing a shared "unknown" unit would let one such
 * application block all others.
 *
 * Applications tied on rank compete in the order given; when a quota takes one and stops
 * another of the same rank, the stopped one's params carry `tiedRank` so the protocol can
 * show the organizer a decision that the ranking did not make.
 *
 * Returns one outcome per candidate, in the order given.
 */
export function select(
  ranked: readonly SelectionCandidate[],
  rule: SelectionRule,
  funding: FundingRule | null,
): SelectionOutcome[] {
  const regionFund = rule.capsByRegion ? requiredFund(funding?.perRegionFund, 'capsByRegion', 'perRegionFund') : null;
  const totalFund = rule.useTotalFund ? requiredFund(funding?.totalFund, 'useTotalFund', 'totalFund') : null;
  const takenReason: SelectionReason = rule.shortlistForDraw ? 'shortlisted' : 'selected';

  let taken = 0;
  let lastTakenRank: number | null = null;
  let spent = 0;
  const perNomination = new Map<string, { count: number; lastRank: number }>();
  const unitWinner = new Map<string, number>(); // district or region → rank of its winner
  const regionSpent = new Map<string, number>();

  let previousRank = -Infinity;
  return ranked.map((c, i): SelectionOutcome => {
    if (c.excluded === 'below_quorum')
      return { applicationId: c.applicationId, selected: false, reason: 'below_quorum' };
    if (c.rank < previousRank)
      throw new RangeError(
        `ranked[${i}] (rank ${c.rank}) comes after rank ${previousRank}: pass candidates in rank order`,
      );
    previousRank = c.rank;
    if (!(Number.isFinite(c.amount) && c.amount >= 0))
      throw new RangeError(`ranked[${i}].amount must be a non-negative number, got ${c.amount}`);
    const stop = (
      reason: SelectionReason,
      params: Record<string, string | number>,
      blockerRank?: number | null,
    ): SelectionOutcome => ({
      applicationId: c.applicationId,
      selected: false,
      reason,
      params: blockerRank === c.rank ? { ...params, tiedRank: c.rank } : params,
    });

    if (typeof rule.winners === 'number' && taken >= rule.winners)
      return stop('winners_filled', { winners: rule.winners }, lastTakenRank);

    const nomination = c.nomination ?? null;
    const inNomination = nomination !== null ? perNomination.get(nomination) : undefined;
    if (
      typeof rule.perNomination === 'number' &&
      nomination !== null &&
      inNomination &&
      inNomination.count >= rule.perNomination
    ) {
      return stop('nomination_filled', { nomination, limit: rule.perNomination }, inNomination.lastRank);
    }

    const unit =
      rule.oneWinnerPer === 'district'
        ? (c.districtCode ?? c.regionCode)
        : rule.oneWinnerPer === 'region'
          ? c.regionCode
          : null;
    if (unit !== null && unitWinner.has(unit)) {
      return rule.oneWinnerPer === 'district'
        ? stop('district_taken', { district: unit }, unitWinner.get(unit))
        : stop('region_taken', { region: unit }, unitWinner.get(unit));
    }

    if (regionFund !== null && c.regionCode !== null) {
      const remaining = regionFund - (regionSpent.get(c.regionCode) ?? 0);
      if (c.amount > remaining) return stop('region_fund_exceeded', { remaining, region: c.regionCode });
    }
    if (totalFund !== null && c.amount > totalFund - spent)
      return stop('total_fund_exceeded', { remaining: totalFund - spent });

    taken += 1;
    lastTakenRank = c.rank;
    spent += c.amount;
    if (nomination !== null) perNomination.set(nomination, { count: (inNomination?.count ?? 0) + 1, lastRank: c.rank });
    if (unit !== null) unitWinner.set(unit, c.rank);
    if (c.regionCode !== null) regionSpent.set(c.regionCode, (regionSpent.get(c.regionCode) ?? 0) + c.amount);
    return { applicationId: c.applicationId, selected: true, reason: takenReason };
  });
}

/** A rule that names a fund the rulebook does not set is a broken rulebook, not "no limit". */
function requiredFund(value: number | undefined, flag: string, fund: string): number {
  if (value === undefined || !Number.isFinite(value) || value < 0)
    throw new RangeError(`selection.${flag} needs funding.${fund}`);
  return value;
}
