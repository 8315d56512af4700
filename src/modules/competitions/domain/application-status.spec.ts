import {
  allowedNext,
  APPLICATION_STATUSES,
  ApplicationStatus,
  assertTransition,
  canTransition,
  isFinal,
  transitionActor,
} from './application-status';

/** Written out by hand on purpose: the table in the code must match it exactly (move → who). */
const ALLOWED: Record<string, string> = {
  'draft>submitted': 'applicant',
  'draft>withdrawn': 'applicant',
  'submitted>screened_in': 'organizer',
  'submitted>screened_out': 'organizer',
  'submitted>withdrawn': 'applicant',
  'screened_in>scored': 'system',
  'screened_in>screened_out': 'organizer',
  'screened_out>screened_in': 'organizer',
  'scored>shortlisted': 'organizer',
  'scored>not_selected': 'organizer',
  'shortlisted>allocated': 'system',
  'shortlisted>winner': 'organizer',
  'shortlisted>not_selected': 'organizer',
  'allocated>winner': 'system',
  'allocated>completed': 'organizer',
  'allocated>terminated': 'organizer',
  'winner>contracted': 'organizer',
  'winner>terminated': 'organizer',
  'contracted>reporting': 'organizer',
  'contracted>completed': 'organizer',
  'contracted>terminated': 'organizer',
  'reporting>completed': 'organizer',
  'reporting>terminated': 'organizer',
};

describe('application status machine', () => {
  const pairs = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s', (from, to) => {
    const key = `${from}>${to}`;
    expect(canTransition(from, to)).toBe(key in ALLOWED);
    expect(transitionActor(from, to)).toBe(ALLOWED[key] ?? null);
    if (!(key in ALLOWED)) {
      expect(assertTransition(from, to, { beforeDeadline: true })).toEqual({
        field: 'status',
        code: 'TRANSITION_NOT_ALLOWED',
        params: { from, to },
      });
    }
  });

  it('walks the grant path of SPEC §3 with and without a draw', () => {
    const withDraw: ApplicationStatus[] = ['draft', 'submitted', 'screened_in', 'scored', 'shortlisted', 'allocated', 'winner', 'contracted', 'reporting', 'completed'];
    const withoutDraw: ApplicationStatus[] = ['draft', 'submitted', 'screened_in', 'scored', 'shortlisted', 'winner', 'contracted', 'reporting', 'completed'];
    for (const path of [withDraw, withoutDraw]) path.slice(1).forEach((to, i) => expect(assertTransition(path[i], to)).toBeNull());
  });

  it('never moves back to a draft, and final statuses lead nowhere', () => {
    for (const from of APPLICATION_STATUSES) expect(canTransition(from, 'draft')).toBe(false);
    const finals = APPLICATION_STATUSES.filter(isFinal);
    expect(finals).toEqual(['withdrawn', 'not_selected', 'completed', 'terminated']);
    expect(allowedNext('submitted')).toEqual(['screened_in', 'screened_out', 'withdrawn']);
  });

  it('a submitted application is withdrawn only before the deadline; a draft at any time', () => {
    expect(assertTransition('submitted', 'withdrawn', { beforeDeadline: true })).toBeNull();
    expect(assertTransition('submitted', 'withdrawn', { beforeDeadline: false })).toEqual({ field: 'status', code: 'CANNOT_WITHDRAW' });
    expect(assertTransition('submitted', 'withdrawn')).toEqual({ field: 'status', code: 'CANNOT_WITHDRAW' });
    expect(assertTransition('draft', 'withdrawn')).toBeNull();
  });
});
