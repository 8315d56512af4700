import { parseInstant } from './instant.util';
import type { FieldProblem, Rulebook } from './rulebook.types';
import { validateRulebook } from './rulebook.validation';

/**
 * The life of a competition (конкурс). `cancelled` is reachable until results are published:
 * after that winners have been told, and a stop is handled per application (terminated).
 * Award and selection competitions skip implementation: once the transfer acts (табыстау
 * актісі) or memoranda are signed, contracting → completed.
 */
export const COMPETITION_STATUSES = [
  'draft',
  'open',
  'closed',
  'screening',
  'scoring',
  'results',
  'contracting',
  'implementation',
  'completed',
  'cancelled',
] as const;
export type CompetitionStatus = (typeof COMPETITION_STATUSES)[number];

/** The one table of allowed moves. */
export const COMPETITION_TRANSITIONS: Readonly<Record<CompetitionStatus, readonly CompetitionStatus[]>> = {
  draft: ['open', 'cancelled'],
  open: ['closed', 'cancelled'],
  closed: ['screening', 'cancelled'],
  screening: ['scoring', 'cancelled'],
  scoring: ['results', 'cancelled'],
  // The A/B/C draw, where the rulebook has one, happens while results are being published.
  results: ['contracting'],
  contracting: ['implementation', 'completed'],
  implementation: ['completed'],
  completed: [],
  cancelled: [],
};

export function isCompetitionStatus(value: string): value is CompetitionStatus {
  return (COMPETITION_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: CompetitionStatus, to: CompetitionStatus): boolean {
  return COMPETITION_TRANSITIONS[from]?.includes(to) ?? false;
}

export function allowedNext(status: CompetitionStatus): readonly CompetitionStatus[] {
  return COMPETITION_TRANSITIONS[status] ?? [];
}

/** null when the move is allowed, else the problem to answer with (409). */
export function assertTransition(from: CompetitionStatus, to: CompetitionStatus): FieldProblem | null {
  if (canTransition(from, to)) return null;
  return { field: 'status', code: 'TRANSITION_NOT_ALLOWED', params: { from, to } };
}

// ---- what may still change ------------------------------------------------------------------

export const EVERYTHING = '*';
export const SUBMISSION_DEADLINE_PATH = 'deadlines.submissionDeadline';

/**
 * Rulebook paths an organizer may change in this status: all of it in a draft; once
 * applicants can see the rules only the deadline, and only later (an extension).
 */
export function editableFields(status: CompetitionStatus): readonly string[] {
  if (status === 'draft') return [EVERYTHING];
  if (status === 'open') return [SUBMISSION_DEADLINE_PATH];
  return [];
}

/** Leaf paths where two JSON values differ: `criteria[1].weight`, `funding`. */
export function changedPaths(before: unknown, after: unknown, path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => changedPaths(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => changedPaths(item, after[i], `${path}[${i}]`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path];
}

/**
 * Problems with replacing `before` by `after` in a competition of this status:
 * COMPETITION_LOCKED on every frozen path that changed; an open competition's deadline may
 * only move later (DEADLINE_NOT_LATER) and, given `now`, not into the past.
 * Validity of `after` itself is validateRulebook's business.
 */
export function checkRulebookEdit(
  status: CompetitionStatus,
  before: Rulebook,
  after: Rulebook,
  now?: Date,
): FieldProblem[] {
  const editable = editableFields(status);
  if (editable.includes(EVERYTHING)) return [];
  const problems: FieldProblem[] = [];
  for (const path of changedPaths(before, after)) {
    if (!editable.includes(path)) problems.push({ field: path, code: 'COMPETITION_LOCKED', params: { status } });
  }
  if (editable.includes(SUBMISSION_DEADLINE_PATH)) {
    const was = instantOf(before.deadlines.submissionDeadline);
    const next = instantOf(after.deadlines.submissionDeadline);
    if (was && next && next.getTime() !== was.getTime()) {
      if (next.getTime() < was.getTime())
        problems.push({ field: SUBMISSION_DEADLINE_PATH, code: 'DEADLINE_NOT_LATER' });
      else if (now && next.getTime() <= now.getTime())
        problems.push({ field: SUBMISSION_DEADLINE_PATH, code: 'DEADLINE_IN_PAST' });
    } else if (was && !next) {
      problems.push({ field: SUBMISSION_DEADLINE_PATH, code: 'DEADLINE_NOT_LATER' });
    }
  }
  return problems;
}

function instantOf(value: string | null): Date | null {
  return value === null ? null : parseInstant(value);
}

// ---- guards of particular moves -------------------------------------------------------------

/** draft → open: a usable rulebook whose deadline is set and still ahead. */
export function openingProblems(rulebook: unknown, now: Date): FieldProblem[] {
  const problems = validateRulebook(rulebook);
  if (problems.length > 0) return problems;
  const deadline = (rulebook as Rulebook).deadlines.submissionDeadline;
  if (deadline === null) return [{ field: SUBMISSION_DEADLINE_PATH, code: 'DEADLINE_REQUIRED' }];
  const instant = parseInstant(deadline);
  if (instant && instant.getTime() <= now.getTime())
    return [{ field: SUBMISSION_DEADLINE_PATH, code: 'DEADLINE_IN_PAST' }];
  return [];
}

/** open → closed: only once the announced deadline has passed (an open call is a promise). */
export function closingProblems(rulebook: Rulebook, now: Date): FieldProblem[] {
  const deadline = instantOf(rulebook.deadlines.submissionDeadline);
  if (deadline && now.getTime() < deadline.getTime())
    return [{ field: SUBMISSION_DEADLINE_PATH, code: 'DEADLINE_NOT_PASSED' }];
  return [];
}

/** Whether a submission at `now` is still on time: the deadline instant itself is late. */
export function isBeforeDeadline(rulebook: Pick<Rulebook, 'deadlines'>, now: Date): boolean {
  const deadline = instantOf(rulebook.deadlines.submissionDeadline);
  return deadline === null || now.getTime() < deadline.getTime();
}
