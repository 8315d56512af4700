import { localDate } from '../../../../libs/kz';
import { armEntitlements } from '../../allocation/domain/arm-entitlements';
import type { ApplicationStatus } from '../../applications/domain/application-status';
import type { ProjectPeriodRule, SocialStipends } from '../../competitions/domain/rulebook.types';
import type { EducationStatus } from '../../identity/entities/person.entity';

/**
 * Social stipends (әлеуметтік стипендия / социальная стипендия) of the youth programme
 * (seed 002, API.md `educationStatus`): every month of the project each member of a team that
 * got a grant is paid by their education status — school leavers and students the rulebook's
 * `schoolLeaverAndStudents` (26 000 ₸), college and university graduates its `graduates`
 * (61 000 ₸), anyone else nothing.
 */

/** A calendar month, `YYYY-MM`. */
export type Month = string;

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type StipendGroup = 'student' | 'graduate';

const GROUP_OF: Record<EducationStatus, StipendGroup | null> = {
  school_leaver: 'student',
  college_student: 'student',
  university_student: 'student',
  college_graduate: 'graduate',
  university_graduate: 'graduate',
  other: null,
};

/** The six education statuses (API.md `educationStatus`), in the order forms offer them. */
export const EDUCATION_STATUS_CODES = Object.keys(GROUP_OF) as EducationStatus[];

/** Which of the two stipends an education status earns; null for `other` and for a status not stated. */
export function stipendGroup(status: EducationStatus | null | undefined): StipendGroup | null {
  return status ? (GROUP_OF[status] ?? null) : null;
}

/** The monthly stipend in whole tenge: 0 when the status earns none or is not stated. */
export function monthlyStipend(status: EducationStatus | null | undefined, rule: SocialStipends): number {
  const group = stipendGroup(status);
  if (group === 'student') return rule.schoolLeaverAndStudents;
  if (group === 'graduate') return rule.graduates;
  return 0;
}

export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH_PATTERN.test(value);
}

/** `month` moved by `n` months (n may be negative). */
export function addMonths(month: Month, n: number): Month {
  const [, y, m] = MONTH_PATTERN.exec(month)!;
  const index = Number(y) * 12 + (Number(m) - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The calendar month an instant falls in, in the competition's zone. */
export function monthOfInstant(instant: Date, timeZone: string): Month {
  return localDate(instant, timeZone).slice(0, 7);
}

/** The project's months in order; `first` is the first of them. */
export interface ProjectPeriod {
  first: Month;
  months: Month[];
}

/**
 * The months of the project: the rulebook's `projectPeriod.months` from its `firstMonth`, or
 * else from the month after the draw (the seed's draw in June, implementation July–November).
 * Null while neither is known (no rule, or no first month and no draw yet).
 */
export function projectPeriod(
  rule: ProjectPeriodRule | null | undefined,
  drawnAt: Date | null,
  timeZone: string,
): ProjectPeriod | null {
  if (!rule || !Number.isInteger(rule.months) || rule.months < 1) return null;
  const first = isMonth(rule.firstMonth)
    ? rule.firstMonth
    : drawnAt
      ? addMonths(monthOfInstant(drawnAt, timeZone), 1)
      : null;
  if (!first) return null;
  return { first, months: Array.from({ length: rule.months }, (_, i) => addMonths(first, i)) };
}

/**
 * The months one application's project runs: the period's first months, as many as the
 * application's own stated duration (`durationMonths`) when it is a shorter whole number.
 */
export function monthsOfApplication(period: ProjectPeriod, durationMonths: unknown): Month[] {
  const stated =
    typeof durationMonths === 'number' && Number.isInteger(durationMonths) && durationMonths >= 1
      ? durationMonths
      : period.months.length;
  return period.months.slice(0, Math.min(stated, period.months.length));
}

/** Statuses of an application whose team is paid: it won a grant and has not been terminated. */
export const PAID_STATUSES: readonly ApplicationStatus[] = ['winner', 'contracted', 'reporting', 'completed'];

/**
 * Whether an application's team gets stipends: a grant winner. After a draw only the arms that
 * carry a grant (A and B — seed 002 lists the stipends with the grants; C gets training and a
 * mentor, no money); without a draw, every winner.
 */
export function teamIsPaid(application: { status: string; arm: string | null }, hasDraw: boolean): boolean {
  if (!(PAID_STATUSES as readonly string[]).includes(application.status)) return false;
  if (!hasDraw) return true;
  return armEntitlements(application.arm)?.grant === true;
}
