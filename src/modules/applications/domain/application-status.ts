/**
 * The life of an application (өтінім), SPEC §3:
 * draft → submitted → screened_in | screened_out → scored → shortlisted | not_selected
 * → [allocated to arm A/B/C] → winner → contracted → reporting → completed | terminated.
 *
 * `allocated` is the draw's result (the arm is stored beside the status). Arms that carry a
 * grant (A, B) go straight on to `winner`, ready for a grant contract; an arm without one
 * (C: training and a mentor) stays `allocated` and ends as `completed` when the programme
 * ends, or `terminated` if the team drops out.
 *
 * This table is the only place that says which move is allowed. The applications module's
 * ApplicationLifecycle is the only code that writes the status, and it asks this table.
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

/**
 * Facts a move may depend on, supplied by the caller that knows them. A guarded move is
 * refused unless its fact is known to be true.
 */
export interface TransitionFacts {
  /** The competition's submission deadline has not passed. */
  beforeDeadline?: boolean;
  /** The screening outcome has not yet been told to applicants. */
  beforeScreeningPublished?: boolean;
  /** The results have not yet been published (selection may still be re-run). */
  beforeResultsPublished?: boolean;
}
type Guard = keyof TransitionFacts;

interface Transition {
  to: ApplicationStatus;
  by: TransitionActor;
  when?: Guard;
}

/** The one table of allowed moves. */
export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly Transition[]>> = {
  draft: [
    { to: 'submitted', by: 'applicant' },
    { to: 'withdrawn', by: 'applicant' }, // a draft may be discarded at any time
  ],
  submitted: [
    // Technical screening (техникалық іріктеу): automatic checklist, confirmed by the organizer.
    { to: 'screened_in', by: 'organizer' },
    { to: 'screened_out', by: 'organizer' },
    { to: 'withdrawn', by: 'applicant', when: 'beforeDeadline' },
  ],
  // The organizer may correct a screening decision (override with a comment) until it is told.
  screened_in: [
    { to: 'scored', by: 'system' }, // scoring closed
    { to: 'screened_out', by: 'organizer', when: 'beforeScreeningPublished' },
  ],
  screened_out: [{ to: 'screened_in', by: 'organizer', when: 'beforeScreeningPublished' }],
  // Selection applies the rulebook's rule to the frozen ranking.
  scored: [
    { to: 'shortlisted', by: 'organizer' }, // a shortlist for the A/B/C draw, or for prizes
    { to: 'winner', by: 'organizer' }, // competitions without a draw
    { to: 'not_selected', by: 'organizer' },
  ],
  // Until the results are published, the organizer may re-run the selection: its outcome
  // goes back to `scored` first. Once a draw is prepared the pool is frozen (the draw module
  // refuses a changed pool), and once drawn the teams are `allocated`, out of reach of this.
  shortlisted: [
    { to: 'allocated', by: 'system' }, // the A/B/C draw
    { to: 'winner', by: 'organizer' }, // a prize shortlist decided by the commission
    { to: 'not_selected', by: 'organizer' }, // shortlisted (e.g. 5) but not among the prizes (3)
    { to: 'scored', by: 'organizer', when: 'beforeResultsPublished' },
  ],
  not_selected: [{ to: 'scored', by: 'organizer', when: 'beforeResultsPublished' }],
  allocated: [
    { to: 'winner', by: 'system' }, // an arm with a grant (A, B), at the draw
    { to: 'completed', by: 'organizer' }, // an arm without a grant (C), at the programme's end
    { to: 'terminated', by: 'organizer' },
  ],
  winner: [
    { to: 'contracted', by: 'organizer' }, // contract (or award transfer act) signed
    { to: 'terminated', by: 'organizer' }, // refused or never signed
    { to: 'scored', by: 'organizer', when: 'beforeResultsPublished' },
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

export interface TransitionProblem {
  code: 'TRANSITION_NOT_ALLOWED' | 'CANNOT_WITHDRAW';
  params?: Record<string, string>;
}

/**
 * null when `by` may move an application from `from` to `to` given the facts, else the
 * problem to answer with (409). A refused withdrawal (after the deadline, or once screened)
 * has its own code, the one applicants have always been given.
 */
export function checkTransition(
  from: ApplicationStatus,
  to: ApplicationStatus,
  by: TransitionActor,
  facts: TransitionFacts = {},
): TransitionProblem | null {
  const move = transition(from, to);
  const allowed = !!move && move.by === by && (!move.when || facts[move.when] === true);
  if (allowed) return null;
  return to === 'withdrawn' ? { code: 'CANNOT_WITHDRAW' } : { code: 'TRANSITION_NOT_ALLOWED', params: { from, to } };
}
