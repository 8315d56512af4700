import { rulebookFromTemplate } from './competition-templates';
import {
  allowedNext,
  assertTransition,
  canTransition,
  changedPaths,
  checkRulebookEdit,
  closingProblems,
  COMPETITION_STATUSES,
  CompetitionStatus,
  editableFields,
  isBeforeDeadline,
  openingProblems,
} from './competition-status';
import type { Rulebook } from './rulebook.types';

/** Written out by hand on purpose: the table in the code must match this list exactly. */
const ALLOWED = new Set([
  'draft>open',
  'draft>cancelled',
  'open>closed',
  'open>cancelled',
  'closed>screening',
  'closed>cancelled',
  'screening>scoring',
  'screening>cancelled',
  'scoring>results',
  'scoring>cancelled',
  'results>contracting',
  'contracting>implementation',
  'contracting>completed',
  'implementation>completed',
]);

const DEADLINE = '2026-05-01T18:00:00+05:00';
function youthWithDeadline(deadline: string | null = DEADLINE): Rulebook {
  const rulebook = rulebookFromTemplate('youth-micro-projects')!;
  rulebook.deadlines.submissionDeadline = deadline;
  return rulebook;
}

describe('competition status machine', () => {
  const pairs = COMPETITION_STATUSES.flatMap((from) => COMPETITION_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    expect(assertTransition(from, to)).toEqual(
      allowed ? null : { field: 'status', code: 'TRANSITION_NOT_ALLOWED', params: { from, to } },
    );
  });

  it('runs the whole pipeline forward and ends', () => {
    const path: CompetitionStatus[] = [
      'draft',
      'open',
      'closed',
      'screening',
      'scoring',
      'results',
      'contracting',
      'implementation',
      'completed',
    ];
    path.slice(1).forEach((to, i) => expect(canTransition(path[i], to)).toBe(true));
    expect(allowedNext('completed')).toEqual([]);
    expect(allowedNext('cancelled')).toEqual([]);
  });
});

describe('what may be edited', () => {
  it('everything in a draft, only the deadline once open, nothing later', () => {
    expect(editableFields('draft')).toEqual(['*']);
    expect(editableFields('open')).toEqual(['deadlines.submissionDeadline']);
    for (const status of COMPETITION_STATUSES.filter((s) => s !== 'draft' && s !== 'open'))
      expect(editableFields(status)).toEqual([]);
  });

  it('changedPaths names the leaves that differ', () => {
    const before = youthWithDeadline();
    const after = structuredClone(before);
    after.criteria[1].weight = 5;
    after.funding!.amountCap = 900_000;
    after.directions.pop();
    expect(changedPaths(before, after)).toEqual(['directions', 'funding.amountCap', 'criteria[1].weight']);
    expect(changedPaths(before, structuredClone(before))).toEqual([]);
  });

  it('a draft may change anything', () => {
    const before = youthWithDeadline();
    const after = structuredClone(before);
    after.team = { minSize: 2, maxSize: 6 };
    expect(checkRulebookEdit('draft', before, after)).toEqual([]);
  });

  it('an open competition refuses every change but a later deadline', () => {
    const before = youthWithDeadline();
    const after = structuredClone(before);
    after.funding!.amountCap = 2_000_000;
    after.team!.maxAge = 35;
    after.deadlines.submissionDeadline = '2026-05-10T18:00:00+05:00';
    expect(checkRulebookEdit('open', before, after)).toEqual([
      { field: 'team.maxAge', code: 'COMPETITION_LOCKED', params: { status: 'open' } },
      { field: 'funding.amountCap', code: 'COMPETITION_LOCKED', params: { status: 'open' } },
    ]);
  });

  it('the deadline of an open competition moves only later, and not into the past', () => {
    const before = youthWithDeadline();
    const moved = (deadline: string | null, now?: Date) => {
      const after = structuredClone(before);
      after.deadlines.submissionDeadline = deadline;
      return checkRulebookEdit('open', before, after, now);
    };
    expect(moved('2026-05-08T18:00:00+05:00', new Date('2026-05-01T10:00:00Z'))).toEqual([]);
    expect(moved('2026-05-01T13:00:00Z')).toEqual([]); // the same instant written in UTC
    expect(moved('2026-04-30T18:00:00+05:00')).toEqual([
      { field: 'deadlines.submissionDeadline', code: 'DEADLINE_NOT_LATER' },
    ]);
    expect(moved(null)).toEqual([{ field: 'deadlines.submissionDeadline', code: 'DEADLINE_NOT_LATER' }]);
    expect(moved('2026-05-02T18:00:00+05:00', new Date('2026-05-03T00:00:00Z'))).toEqual([
      { field: 'deadlines.submissionDeadline', code: 'DEADLINE_IN_PAST' },
    ]);
  });

  it('after closing even the deadline is frozen', () => {
    const before = youthWithDeadline();
    const after = structuredClone(before);
    after.deadlines.submissionDeadline = '2026-06-01T18:00:00+05:00';
    expect(checkRulebookEdit('scoring', before, after)).toEqual([
      { field: 'deadlines.submissionDeadline', code: 'COMPETITION_LOCKED', params: { status: 'scoring' } },
    ]);
  });
});

describe('guards of opening and closing', () => {
  const now = new Date('2026-04-20T09:00:00Z');

  it('opens only with a valid rulebook and a deadline ahead', () => {
    expect(openingProblems(youthWithDeadline(), now)).toEqual([]);
    expect(openingProblems(youthWithDeadline(null), now)).toEqual([
      { field: 'deadlines.submissionDeadline', code: 'DEADLINE_REQUIRED' },
    ]);
    expect(openingProblems(youthWithDeadline('2026-04-20T14:00:00+05:00'), now)).toEqual([
      { field: 'deadlines.submissionDeadline', code: 'DEADLINE_IN_PAST' },
    ]);
    const broken = youthWithDeadline();
    broken.criteria = [];
    expect(openingProblems(broken, now)).toEqual([{ field: 'criteria', code: 'TOO_FEW_ITEMS', params: { limit: 1 } }]);
  });

  it('closes only once the deadline has passed; the deadline instant itself is late', () => {
    const rulebook = youthWithDeadline();
    expect(closingProblems(rulebook, new Date('2026-05-01T12:59:59Z'))).toEqual([
      { field: 'deadlines.submissionDeadline', code: 'DEADLINE_NOT_PASSED' },
    ]);
    expect(closingProblems(rulebook, new Date('2026-05-01T13:00:00Z'))).toEqual([]);
    expect(isBeforeDeadline(rulebook, new Date('2026-05-01T12:59:59.999Z'))).toBe(true);
    expect(isBeforeDeadline(rulebook, new Date('2026-05-01T13:00:00Z'))).toBe(false);
  });
});
