import {
  allowedNext,
  APPLICATION_STATUSES,
  ApplicationStatus,
  canTransition,
  checkTransition,
  isFinal,
  transitionActor,
  TransitionActor,
} from './application-status';

/** Written out by hand on purpose: the table in the code must match it exactly (move → who [guard]). */
const ALLOWED: Record<string, string> = {
  'draft>submitted': 'applicant',
  'draft>withdrawn': 'applicant',
  'submitted>screened_in': 'organizer',
  'submitted>screened_out': 'organizer',
  'submitted>withdrawn': 'applicant beforeDeadline',
  'screened_in>scored': 'system',
  'screened_in>screened_out': 'organizer beforeScreeningPublished',
  'screened_out>screened_in': 'organizer beforeScreeningPublished',
  'scored>shortlisted': 'organizer',
  'scored>winner': 'organizer',
  'scored>not_selected': 'organizer',
  'shortlisted>allocated': 'system',
  'shortlisted>winner': 'organizer',
  'shortlisted>not_selected': 'organizer',
  'shortlisted>scored': 'organizer beforeResultsPublished',
  'not_selected>scored': 'organizer beforeResultsPublished',
  'allocated>winner': 'system',
  'allocated>completed': 'organizer',
  'allocated>terminated': 'organizer',
  'winner>contracted': 'organizer',
  'winner>terminated': 'organizer',
  'winner>scored': 'organizer beforeResultsPublished',
  'contracted>reporting': 'organizer',
  'contracted>completed': 'organizer',
  'contracted>terminated': 'organizer',
  'reporting>completed': 'organizer',
  'reporting>terminated': 'organizer',
};
const ALL_FACTS = { beforeDeadline: true, beforeScreeningPublished: true, beforeResultsPublished: true };
const ACTORS: TransitionActor[] = ['applicant', 'organizer', 'system'];

describe('application status machine', () => {
  const pairs = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s', (from, to) => {
    const key = `${from}>${to}`;
    const [who, guard] = (ALLOWED[key] ?? '').split(' ');
    expect(canTransition(from, to)).toBe(key in ALLOWED);
    expect(transitionActor(from, to)).toBe(who || null);
    for (const actor of ACTORS) {
      const refusal =
        to === 'withdrawn' ? { code: 'CANNOT_WITHDRAW' } : { code: 'TRANSITION_NOT_ALLOWED', params: { from, to } };
      const expected = actor === who ? null : refusal;
      expect(checkTransition(from, to, actor, ALL_FACTS)).toEqual(expected);
    }
    if (guard) {
      const refused = checkTransition(from, to, who as TransitionActor, { ...ALL_FACTS, [guard]: false });
      expect(refused).toEqual(
        to === 'withdrawn' ? { code: 'CANNOT_WITHDRAW' } : { code: 'TRANSITION_NOT_ALLOWED', params: { from, to } },
      );
      expect(checkTransition(from, to, who as TransitionActor, {})).toEqual(refused);
    }
  });

  it('walks the grant path of SPEC §3 with and without a draw', () => {
    const withDraw: ApplicationStatus[] = [
      'draft',
      'submitted',
      'screened_in',
      'scored',
      'shortlisted',
      'allocated',
      'winner',
      'contracted',
      'reporting',
      'completed',
    ];
    const withoutDraw: ApplicationStatus[] = [
      'draft',
      'submitted',
      'screened_in',
      'scored',
      'winner',
      'contracted',
      'reporting',
      'completed',
    ];
    for (const path of [withDraw, withoutDraw])
      path.slice(1).forEach((to, i) => expect(canTransition(path[i], to)).toBe(true));
  });

  it('never moves back to a draft, and final statuses lead nowhere', () => {
    for (const from of APPLICATION_STATUSES) expect(canTransition(from, 'draft')).toBe(false);
    const finals = APPLICATION_STATUSES.filter(isFinal);
    expect(finals).toEqual(['withdrawn', 'completed', 'terminated']);
    expect(allowedNext('submitted')).toEqual(['screened_in', 'screened_out', 'withdrawn']);
  });

  it('once the results are published, the selection outcome and the arms never go back', () => {
    for (const from of ['shortlisted', 'not_selected', 'winner', 'allocated'] as const) {
      expect(checkTransition(from, 'scored', 'organizer', { beforeResultsPublished: false })).not.toBeNull();
    }
    expect(canTransition('allocated', 'scored')).toBe(false);
  });

  it('a submitted application is withdrawn only before the deadline; a draft at any time', () => {
    expect(checkTransition('submitted', 'withdrawn', 'applicant', { beforeDeadline: true })).toBeNull();
    expect(checkTransition('submitted', 'withdrawn', 'applicant', { beforeDeadline: false })).toEqual({
      code: 'CANNOT_WITHDRAW',
    });
    expect(checkTransition('draft', 'withdrawn', 'applicant', { beforeDeadline: false })).toBeNull();
  });
});
