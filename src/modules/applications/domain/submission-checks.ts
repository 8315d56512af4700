import { ageOn } from '../../../../libs/kz';
import { validateAnswers } from '../../competitions/domain/answers-schema';
import type { FieldProblem, Rulebook } from '../../competitions/domain/rulebook.types';
import type { Application } from '../entities/application.entity';
import type { ApplicationMember } from '../entities/application-member.entity';

export interface SubmissionInput {
  rulebook: Rulebook;
  application: Pick<
    Application,
    | 'title'
    | 'territoryCode'
    | 'direction'
    | 'nomination'
    | 'answers'
    | 'budgetLines'
    | 'amountRequested'
    | 'applicantKind'
  >;
  members: Pick<ApplicationMember, 'iin' | 'birthDate'>[];
  documentCodes: string[];
  /** The application's territory as found in the directory, or null if unknown. */
  territory: { code: string; parentCode: string | null } | null;
  /** Local date of submission in the competition's zone (ages are counted on it). */
  submissionDate: string;
}

/**
 * Every rule of the rulebook an application must meet to be submitted, checked at once so
 * the applicant sees all problems together. Pure: the caller loads what it needs.
 */
export function checkSubmission(input: SubmissionInput): FieldProblem[] {
  const { rulebook: rb, application: app } = input;
  const problems: FieldProblem[] = [];
  if (!app.title?.trim()) problems.push({ field: 'title', code: 'REQUIRED' });
  problems.push(...territoryProblems(input));
  if (rb.directions.length > 0) {
    if (!app.direction) problems.push({ field: 'direction', code: 'REQUIRED' });
    else if (!rb.directions.includes(app.direction))
      problems.push({ field: 'direction', code: 'NOT_ALLOWED_VALUE', params: { allowed: rb.directions.join(', ') } });
  }
  if (rb.nominations.length > 0) {
    const codes = rb.nominations.map((n) => n.code);
    if (!app.nomination) problems.push({ field: 'nomination', code: 'REQUIRED' });
    else if (!codes.includes(app.nomination))
      problems.push({ field: 'nomination', code: 'NOT_ALLOWED_VALUE', params: { allowed: codes.join(', ') } });
  }
  problems.push(...teamProblems(input));
  problems.push(...validateAnswers(rb, app.answers ?? {}, 'submit'));
  if (rb.funding) {
    if (app.budgetLines.length === 0) problems.push({ field: 'budget.lines', code: 'BUDGET_EMPTY' });
    if (rb.funding.amountCap !== undefined && app.amountRequested > rb.funding.amountCap) {
      problems.push({ field: 'budget', code: 'AMOUNT_OVER_CAP', params: { limit: rb.funding.amountCap } });
    }
  }
  for (const doc of rb.documents) {
    if (doc.required && !input.documentCodes.includes(doc.code))
      problems.push({ field: `documents.${doc.code}`, code: 'DOCUMENT_MISSING' });
  }
  return problems;
}

function territoryProblems({ rulebook, application, territory }: SubmissionInput): FieldProblem[] {
  if (!application.territoryCode) return [{ field: 'territoryCode', code: 'REQUIRED' }];
  if (!territory) return [{ field: 'territoryCode', code: 'TERRITORY_UNKNOWN' }];
  const scope = rulebook.territory.scope;
  const inside =
    scope.length === 0 ||
    scope.includes(territory.code) ||
    (territory.parentCode !== null && scope.includes(territory.parentCode));
  if (!inside) return [{ field: 'territoryCode', code: 'TERRITORY_OUT_OF_SCOPE' }];
  // "One per district" needs the district: a region alone is too coarse for such competitions.
  if (
    rulebook.territory.level === 'district' &&
    territory.parentCode === null &&
    !['AST', 'ALA', 'SHY'].includes(territory.code)
  ) {
    return [{ field: 'territoryCode', code: 'TERRITORY_OUT_OF_SCOPE' }];
  }
  return [];
}

function teamProblems({ rulebook, members, submissionDate }: SubmissionInput): FieldProblem[] {
  const team = rulebook.team;
  if (!team) return [];
  const problems: FieldProblem[] = [];
  if (members.length < team.minSize)
    problems.push({ field: 'team', code: 'TEAM_TOO_SMALL', params: { limit: team.minSize } });
  if (members.length > team.maxSize)
    problems.push({ field: 'team', code: 'TEAM_TOO_LARGE', params: { limit: team.maxSize } });
  members.forEach((m, i) => {
    const age = ageOn(m.birthDate, submissionDate);
    const min = team.minAge ?? 0;
    const max = team.maxAge ?? 200;
    if (age < min || age > max)
      problems.push({ field: `team[${i}].iin`, code: 'AGE_OUT_OF_RANGE', params: { age, min, max } });
  });
  return problems;
}
