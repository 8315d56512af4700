import type { FieldProblem } from './rulebook.types';

/**
 * The life of an application (өтінім), SPEC §3:
 * draft → submitted → screened_in | screened_out → scored → shortlisted | not_selected
 * → [allocated to arm A/B/C] → winner → contracted → reporting → completed | terminated.
 *
 * `allocated` is the draw's result (the arm is stored beside the status). Arms that carry a
 * grant (A, B) go on to `winner`; an arm without one (C: training and a mentor) ends as
 * `completed` when the programme ends, or `terminated` if the team drops out.
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'screened_in',
  'screened_out',
  'scored',
  'shortlisted',
  'not_selected',
  'allocated',
  'winner',
  'contracted',
  'reporting',
  'completed',
  'terminated',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Who makes a move: the server checks the caller's role against it. */
export type TransitionActor = 'applicant' | 'organizer' | 'system';

interface Transition {
  to: ApplicationStatus;
  by: TransitionActor;
}

/** The one table of allowed moves. */
export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly Transition[]>> = {
  draft: [
    { to: 'submitted', by: 'applicant' },
    { to: 'withdrawn', by: 'applicant' },
  ],
  submitted: [
    // Technical screening (техникалық іріктеу): automatic checklist, confirmed by the organizer.
    { to: 'screened_in', by: 'organizer' },
    { to: 'screened_out', by: 'organizer' },
    { to: 'withdrawn', by: 'applicant' }, // only before the deadline: see assertTransition
  ],
  // The organizer may correct a screening decision (override with a comment) before scoring.
  screened_in: [
    { to: 'scored', by: 'system' }, // scoring closed with the quorum reached
    { to: 'screened_out', by: 'organizer' },
  ],
  screened_out: [{ to: 'screened_in', by: 'organizer' }],
  scored: [
    { to: 'shortlisted', by: 'organizer' },
    { to: 'not_selected', by: 'organizer' },
  ],
  shortlisted: [
    { to: 'allocated', by: 'system' }, // the A/B/C draw
    { to: 'winner', by: 'organizer' }, // competitions without a draw
    { to: 'not_selected', by: 'organizer' }, // shortlisted (e.g. 5) but not among the prizes (3)
  ],
  not_selected: [],
  allocated: [
    { to: 'winner', by: 'system' }, // an arm with a grant
    { to: 'completed', by: 'organizer' }, // an arm without a grant, at the programme's end
    { to: 'terminated', by: 'organizer' },
  ],
  winner: [
    { to: 'contracted', by: 'organizer' }, // contract (or award transfer act) signed
    { to: 'terminated', by: 'organizer' }, // refused or never signed
  ],
  contracted: [
    { to: 'reporting', by: 'organizer' },
    { to: 'completed', by: 'organizer' }, // prizes and awards: nothing to report
    { to: 'terminated', by: 'organizer' },
  ],
  reporting: [
    { to: 'completed', by: 'organizer' }, // programmatic and financial reports accepted
    { to: 'terminated', by: 'organizer' },
  ],
  completed: [],
  terminated: [],
  withdrawn: [],
};

export function isApplicationStatus(value: string): value is ApplicationStatus {
  return (APPLICATION_STATUSES as readonly string[]).includes(value);
}

function transition(from: ApplicationStatus, to: ApplicationStatus): Transition | undefined {
  return APPLICATION_TRANSITIONS[from]?.find((t) => t.to === to);
}

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return transition(from, to) !== undefined;
}

export function allowedNext(status: ApplicationStatus): ApplicationStatus[] {
  return (APPLICATION_TRANSITIONS[status] ?? []).map((t) => t.to);
}

/** Who may make the move, or null when it is not allowed at all. */
export function transitionActor(from: ApplicationStatus, to: ApplicationStatus): TransitionActor | null {
  return transition(from, to)?.by ?? null;
}

export function isFinal(status: ApplicationStatus): boolean {
  return allowedNext(status).length === 0;
}

/**
 * null when the move is allowed, else the problem to answer with (409). A submitted
 * application may be withdrawn only before the deadline; pass `beforeDeadline` for that move.
 */
export function assertTransition(
  from: ApplicationStatus,
  to: ApplicationStatus,
  context: { beforeDeadline?: boolean } = {},
): FieldProblem | null {
  if (!canTransition(from, to)) return { field: 'status', code: 'TRANSITION_NOT_ALLOWED', params: { from, to } };
  if (from === 'submitted' && to === 'withdrawn' && context.beforeDeadline !== true) {
    return { field: 'status', code: 'CANNOT_WITHDRAW' };
  }
  return null;
}
