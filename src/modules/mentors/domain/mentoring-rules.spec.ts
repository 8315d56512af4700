import {
  checkLoad,
  daysInMonth,
  isBehind,
  mayHaveMentor,
  meetingProblems,
  MENTOR_LIMITS,
  monthBounds,
  monthOf,
  reminderDue,
} from './mentoring-rules';

describe('mentoring rules', () => {
  it('gives a mentor to arm A (after the draw, through its contract) and arm C (allocated), never to B or undrawn', () => {
    expect(mayHaveMentor('A', 'winner')).toBe(true);
    expect(mayHaveMentor('A', 'contracted')).toBe(true);
    expect(mayHaveMentor('A', 'reporting')).toBe(true);
    expect(mayHaveMentor('C', 'allocated')).toBe(true);
    expect(mayHaveMentor('B', 'winner')).toBe(false);
    expect(mayHaveMentor(null, 'winner')).toBe(false);
    expect(mayHaveMentor('A', 'terminated')).toBe(false);
    expect(mayHaveMentor('A', 'completed')).toBe(false);
    expect(mayHaveMentor('C', 'completed')).toBe(false);
    expect(mayHaveMentor('C', 'winner')).toBe(false);
  });

  it('holds a mentor to 2 projects and 10 people, the projects named first', () => {
    expect(MENTOR_LIMITS).toEqual({ projects: 2, people: 10 });
    expect(checkLoad({ projects: 2, people: 10 })).toBeNull();
    expect(checkLoad({ projects: 3, people: 9 })).toEqual({
      code: 'MENTOR_PROJECT_LIMIT',
      params: { max: 2, count: 3 },
    });
    expect(checkLoad({ projects: 2, people: 11 })).toEqual({
      code: 'MENTOR_PEOPLE_LIMIT',
      params: { max: 10, count: 11 },
    });
    expect(checkLoad({ projects: 3, people: 11 })?.code).toBe('MENTOR_PROJECT_LIMIT');
  });

  it('reads calendar months, their bounds and lengths (December into January, leap February)', () => {
    expect(monthOf('2026-03-14')).toBe('2026-03');
    expect(monthBounds('2026-03')).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(daysInMonth('2028-02')).toBe(29);
    expect(daysInMonth('2026-02')).toBe(28);
    expect(daysInMonth('2026-04')).toBe(30);
  });

  it('reminds in the last 7 days of a month, not before', () => {
    expect(reminderDue('2026-03-24')).toBe(false);
    expect(reminderDue('2026-03-25')).toBe(true);
    expect(reminderDue('2026-03-31')).toBe(true);
    expect(reminderDue('2026-02-21')).toBe(false);
    expect(reminderDue('2026-02-22')).toBe(true);
  });

  it('calls a team behind with fewer than 2 meetings this month', () => {
    expect(isBehind(0)).toBe(true);
    expect(isBehind(1)).toBe(true);
    expect(isBehind(2)).toBe(false);
  });

  it('refuses a meeting held after today and an attendee who is not in the team, each named', () => {
    const teamIins = ['010101500011', '020202600022'];
    expect(meetingProblems({ heldOn: '2026-03-14', today: '2026-03-14', attendeeIins: teamIins, teamIins })).toEqual(
      [],
    );
    expect(
      meetingProblems({ heldOn: '2026-03-15', today: '2026-03-14', attendeeIins: ['999999999999'], teamIins }),
    ).toEqual([
      { field: 'heldOn', code: 'MEETING_IN_FUTURE', params: { today: '2026-03-14' } },
      { field: 'attendeeIins', code: 'ATTENDEE_NOT_IN_TEAM', params: { iin: '999999999999' } },
    ]);
  });
});
