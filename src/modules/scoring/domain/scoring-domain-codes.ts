/**
 * Problem codes the scoring rules produce beyond the common ones (TOO_SMALL, TOO_LARGE,
 * TOO_LONG, DUPLICATE_ITEMS, NOT_NUMBER). Each is translated by key `errors.<CODE>` in
 * src/i18n/kk.json and ru.json.
 */
export const ScoringDomainCode = {
  /** A rulebook criterion the member did not score (params: criterion). */
  CRITERION_MISSING: 'CRITERION_MISSING',
  /** A score for a criterion the rulebook does not have (params: criterion). */
  CRITERION_UNKNOWN: 'CRITERION_UNKNOWN',
  /** Points between two allowed steps, e.g. 7.3 when the step is 0.5 (params: step). */
  POINTS_OFF_STEP: 'POINTS_OFF_STEP',
  /** Low points need a reason the applicant and the protocol can read (params: below). */
  COMMENT_REQUIRED: 'COMMENT_REQUIRED',
} as const;

export type ScoringDomainCode = (typeof ScoringDomainCode)[keyof typeof ScoringDomainCode];
