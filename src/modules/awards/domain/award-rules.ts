import type { ApplicationStatus } from '../../applications/domain/application-status';
import type { CompetitionKind } from '../../competitions/domain/competition-templates';
import type { FieldProblem } from '../../competitions/domain/rulebook.types';

/** Kinds of competition whose winners get awards: prize competitions («Сәтті қадам») and volunteer awards. */
export const AWARD_COMPETITION_KINDS: readonly CompetitionKind[] = ['prize', 'award'];

export function hasAwards(kind: CompetitionKind | undefined): boolean {
  return !!kind && AWARD_COMPETITION_KINDS.includes(kind);
}

/** Statuses a winner of the published selection may be in when its award is recorded or handed over. */
export const AWARDABLE_STATUSES: readonly ApplicationStatus[] = ['winner', 'contracted', 'reporting', 'completed'];

/** How the rulebook ranks winners: by nomination when it has nominations, else by place (1st, 2nd, 3rd…). */
export type Placement = 'place' | 'nomination';

export function placementOf(rulebook: { nominations: { code: string }[] }): Placement {
  return rulebook.nominations.length > 0 ? 'nomination' : 'place';
}

export interface AwardRules {
  placement: Placement;
  nominationCodes: string[];
  /** Winners of the published selection: a place goes from 1 to this. */
  winners: number;
}

/**
 * What is wrong with an award's place and nomination under the rulebook, as field problems.
 * A competition with places needs a place from 1 to the number of winners and no nomination;
 * one with nominations needs one of its nominations (a place in it is optional).
 */
export function awardPlacementProblems(
  input: { place?: number | null; nomination?: string | null },
  rules: AwardRules,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const place = input.place ?? null;
  const nomination = input.nomination ?? null;
  if (rules.placement === 'place') {
    if (place === null) problems.push({ field: 'place', code: 'REQUIRED' });
    if (nomination !== null) problems.push({ field: 'nomination', code: 'AWARD_NO_NOMINATIONS' });
  } else if (nomination === null) {
    problems.push({ field: 'nomination', code: 'REQUIRED' });
  } else if (!rules.nominationCodes.includes(nomination)) {
    problems.push({
      field: 'nomination',
      code: 'NOT_ALLOWED_VALUE',
      params: { allowed: rules.nominationCodes.join(', ') },
    });
  }
  if (place !== null && place > rules.winners) {
    problems.push({ field: 'place', code: 'AWARD_PLACE_RANGE', params: { max: rules.winners } });
  }
  return problems;
}

/**
 * The application's moves when its prize is handed over (application-status: `winner →
 * contracted` is "contract (or award transfer act) signed"). A volunteer award has nothing to
 * report afterwards, so it goes on to `completed` (`contracted → completed`, "prizes and awards:
 * nothing to report"). A prize competition («Сәтті қадам») also signs a grant contract and
 * reports: the handover moves it only while it is still a `winner`, and leaves an application
 * the contract already moved where it is.
 */
export function handoverMoves(kind: CompetitionKind, status: ApplicationStatus): ApplicationStatus[] {
  if (kind === 'award') {
    if (status === 'winner') return ['contracted', 'completed'];
    if (status === 'contracted') return ['completed'];
    return [];
  }
  if (kind === 'prize' && status === 'winner') return ['contracted'];
  return [];
}

/** A handover cannot be dated after today (in the competition's time zone); both are YYYY-MM-DD. */
export function handoverDateProblems(handedOverOn: string, today: string): FieldProblem[] {
  return handedOverOn > today ? [{ field: 'handedOverOn', code: 'AWARD_HANDOVER_IN_FUTURE' }] : [];
}
