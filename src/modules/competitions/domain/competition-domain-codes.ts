/**
 * Problem codes the competition rules produce beyond the common ones (REQUIRED, TOO_LONG,
 * NOT_ALLOWED_VALUE, …). Each is translated by key `errors.<CODE>` in src/i18n/kk.json and ru.json.
 */
export const CompetitionDomainCode = {
  // ---- rulebook consistency (validateRulebook) ----
  /** A lower bound is above its upper bound (params: min, max). */
  RANGE_INVERTED: 'RANGE_INVERTED',
  /** maxPoints is not a whole number of steps (params: maxPoints, step). */
  STEP_MISMATCH: 'STEP_MISMATCH',
  MUST_BE_POSITIVE: 'MUST_BE_POSITIVE',
  /** Grant cap above the total fund (params: limit = total fund). */
  FUND_CAP_EXCEEDS_TOTAL: 'FUND_CAP_EXCEEDS_TOTAL',
  /** Per-region fund above the total fund (params: limit). */
  REGION_FUND_EXCEEDS_TOTAL: 'REGION_FUND_EXCEEDS_TOTAL',
  /** Grant cap above the per-region fund (params: limit). */
  CAP_EXCEEDS_REGION_FUND: 'CAP_EXCEEDS_REGION_FUND',
  /** A setting that does not apply here, e.g. maxLength of a number field (params: type, for fields). */
  NOT_APPLICABLE: 'NOT_APPLICABLE',
  /** A field key that names an application attribute with its own column (params: key). */
  FIELD_KEY_RESERVED: 'FIELD_KEY_RESERVED',
  /** Initiative groups may apply but the rulebook has no team rule. */
  TEAM_REQUIRED: 'TEAM_REQUIRED',
  /** One winner per district while applications name only a region. */
  TERRITORY_LEVEL_MISMATCH: 'TERRITORY_LEVEL_MISMATCH',
  /** A draw is configured but the commission does not shortlist for it. */
  DRAW_SHORTLIST_MISMATCH: 'DRAW_SHORTLIST_MISMATCH',
  /** params: language */
  LANGUAGE_MISSING: 'LANGUAGE_MISSING',

  // ---- warnings before opening (district-proposal.ts): the organizer fixes them or confirms ----
  /** One winner per district, but the winners count differs from the districts in scope (params: winners, districts). */
  WINNERS_DIFFER_FROM_DISTRICTS: 'WINNERS_DIFFER_FROM_DISTRICTS',
  /** The total fund is not one grant per district in scope (params: totalFund, expectedFund, amountCap, districts). */
  FUND_DIFFERS_FROM_DISTRICTS: 'FUND_DIFFERS_FROM_DISTRICTS',

  // ---- competition and application status ----
  /** Open or later: this part of the rulebook is frozen (params: status). */
  COMPETITION_LOCKED: 'COMPETITION_LOCKED',
  /** An open competition's deadline may only move later. */
  DEADLINE_NOT_LATER: 'DEADLINE_NOT_LATER',
  DEADLINE_REQUIRED: 'DEADLINE_REQUIRED',
  DEADLINE_IN_PAST: 'DEADLINE_IN_PAST',
  /** Closing before the announced deadline. */
  DEADLINE_NOT_PASSED: 'DEADLINE_NOT_PASSED',
  /** Not in the transition table (params: from, to). */
  TRANSITION_NOT_ALLOWED: 'TRANSITION_NOT_ALLOWED',
  /** A submitted application after the deadline. */
  CANNOT_WITHDRAW: 'CANNOT_WITHDRAW',
} as const;

export type CompetitionDomainCode = (typeof CompetitionDomainCode)[keyof typeof CompetitionDomainCode];
