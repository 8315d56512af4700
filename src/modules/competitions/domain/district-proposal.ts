import { formatTenge } from '../../../../libs/kz';
import type { FieldProblem, Rulebook } from './rulebook.types';

/** What "one winner per district (city)" implies for a territory of `districts` districts and cities. */
export interface DistrictProposal {
  /** One winner per district or city in scope. */
  winners: number;
  /** winners × the grant amount (funding.amountCap); null when the rulebook sets no grant amount. */
  totalFund: number | null;
}

/**
 * The number of winners and the fund a one-winner-per-district competition should have, from
 * the districts and cities its territory covers; null for any other selection rule.
 */
export function proposeFromDistricts(
  rulebook: Pick<Rulebook, 'selection' | 'funding'>,
  districts: number,
): DistrictProposal | null {
  if (rulebook.selection.oneWinnerPer !== 'district') return null;
  const amount = rulebook.funding?.amountCap;
  return { winners: districts, totalFund: amount === undefined ? null : districts * amount };
}

/**
 * Numbers that disagree with the districts in scope, as warnings an organizer must see
 * before opening (and may confirm): the winners set in the rulebook, and a total fund other
 * than one grant per district. A rulebook without a winners count or a total fund has nothing
 * to disagree. Each warning names the rulebook field and carries the numbers (amounts also
 * written out for the message).
 */
export function districtWarnings(rulebook: Pick<Rulebook, 'selection' | 'funding'>, districts: number): FieldProblem[] {
  const proposal = proposeFromDistricts(rulebook, districts);
  if (!proposal) return [];
  const warnings: FieldProblem[] = [];
  const winners = rulebook.selection.winners;
  if (winners !== undefined && winners !== proposal.winners) {
    warnings.push({
      field: 'rulebook.selection.winners',
      code: 'WINNERS_DIFFER_FROM_DISTRICTS',
      params: { winners, districts },
    });
  }
  const totalFund = rulebook.funding?.totalFund;
  const amountCap = rulebook.funding?.amountCap;
  if (totalFund !== undefined && amountCap !== undefined && proposal.totalFund !== totalFund) {
    const expectedFund = proposal.totalFund ?? 0;
    warnings.push({
      field: 'rulebook.funding.totalFund',
      code: 'FUND_DIFFERS_FROM_DISTRICTS',
      params: {
        totalFund,
        expectedFund,
        amountCap,
        districts,
        totalFundText: formatTenge(totalFund, 'kk'),
        expectedFundText: formatTenge(expectedFund, 'kk'),
        amountCapText: formatTenge(amountCap, 'kk'),
      },
    });
  }
  return warnings;
}
