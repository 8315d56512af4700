import fc from 'fast-check';
import { assign, ConflictOfInterest } from './assignment';

const conflict = (memberId: string, applicationId: string): ConflictOfInterest => ({ memberId, applicationId });
const pairs = (plan: ReturnType<typeof assign>) => plan.assignments.map((a) => `${a.applicationId}:${a.memberId}`);

describe('assign', () => {
  it('without a quorum gives every member every application they have no conflict with', () => {
    const plan = assign(['A', 'B'], ['m3', 'm1', 'm2'], [conflict('m2', 'A')], null);
    expect(pairs(plan)).toEqual(['A:m1', 'A:m3', 'B:m1', 'B:m2', 'B:m3']);
    expect(plan.short).toEqual([]);
  });

  it('without a quorum reports an application every member is conflicted on', () => {
    const plan = assign(['A', 'B'], ['m1'], [conflict('m1', 'B')], null);
    expect(pairs(plan)).toEqual(['A:m1']);
    expect(plan.short).toEqual([{ applicationId: 'B', available: 0 }]);
  });

  it('with a quorum gives each application exactly Q members and keeps loads within one', () => {
    const plan = assign(['A', 'B', 'C', 'D'], ['m1', 'm2', 'm3'], [], 2);
    // A: all idle → m1, m2. B: m3 idle, then m1 by id. C: m2, m3 (load 1 each). D: all at 2 → m1, m2.
    expect(pairs(plan)).toEqual(['A:m1', 'A:m2', 'B:m1', 'B:m3', 'C:m2', 'C:m3', 'D:m1', 'D:m2']);
    expect(plan.short).toEqual([]);
  });

  it('places the most constrained application first so it does not find its only member busy', () => {
    // B can only go to m1; placed after A it would make m1 score both.
    const plan = assign(['A', 'B'], ['m1', 'm2', 'm3'], [conflict('m2', 'B'), conflict('m3', 'B')], 1);
    expect(pairs(plan)).toEqual(['A:m2', 'B:m1']);
  });

  it('gives an application all free members when fewer than Q, and reports it', () => {
    const plan = assign(['A', 'B', 'C'], ['m1', 'm2', 'm3'], [conflict('m1', 'C'), conflict('m2', 'C')], 2);
    expect(pairs(plan)).toEqual(['A:m1', 'A:m2', 'B:m1', 'B:m2', 'C:m3']);
    expect(plan.short).toEqual([{ applicationId: 'C', available: 1 }]);
    expect(assign(['A'], ['m1', 'm2'], [], 3)).toEqual({
      assignments: [
        { applicationId: 'A', memberId: 'm1' },
        { applicationId: 'A', memberId: 'm2' },
      ],
      short: [{ applicationId: 'A', available: 2 }],
    });
  });

  it('ignores conflicts with people or applications it was not given', () => {
    expect(pairs(assign(['A'], ['m1'], [conflict('m9', 'A'), conflict('m1', 'Z')], 1))).toEqual(['A:m1']);
  });

  it('refuses duplicate ids and a quorum that is not a positive integer', () => {
    expect(() => assign(['A', 'A'], ['m1'], [], 1)).toThrow('applications');
    expect(() => assign(['A'], ['m1', 'm1'], [], 1)).toThrow('members');
    expect(() => assign(['A'], ['m1'], [], 0)).toThrow('quorum');
    expect(() => assign(['A'], ['m1'], [], 1.5)).toThrow('quorum');
  });

  const scenario = fc
    .record({ applications: fc.integer({ min: 0, max: 25 }), members: fc.integer({ min: 1, max: 9 }) })
    .chain(({ applications, members }) =>
      fc.record({
        applications: fc.constant(Array.from({ length: applications }, (_, i) => `app-${i}`)),
        members: fc.constant(Array.from({ length: members }, (_, i) => `m-${i}`)),
        conflicts: fc.array(
          fc.record({
            memberId: fc.integer({ min: 0, max: members - 1 }).map((i) => `m-${i}`),
            applicationId: fc.integer({ min: 0, max: Math.max(0, applications - 1) }).map((i) => `app-${i}`),
          }),
          { maxLength: 30 },
        ),
        quorum: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
      }),
    );

  it('gives each application min(Q, free members) distinct members, never a conflicted one', () => {
    fc.assert(
      fc.property(scenario, ({ applications, members, conflicts, quorum }) => {
        const plan = assign(applications, members, conflicts, quorum);
        const blocked = new Set(conflicts.map((c) => `${c.applicationId}:${c.memberId}`));
        expect(pairs(plan).some((p) => blocked.has(p))).toBe(false);
        expect(new Set(pairs(plan)).size).toBe(plan.assignments.length);
        for (const app of applications) {
          const free = members.filter((m) => !blocked.has(`${app}:${m}`)).length;
          const got = plan.assignments.filter((a) => a.applicationId === app).length;
          expect(got).toBe(quorum === null ? free : Math.min(quorum, free));
          const isShort = plan.short.some((s) => s.applicationId === app && s.available === free);
          expect(isShort).toBe(free < (quorum ?? 1));
        }
      }),
    );
  });

  it('keeps every member’s load within one of every other’s when nobody is conflicted', () => {
    fc.assert(
      fc.property(scenario, ({ applications, members, quorum }) => {
        const loads = new Map(members.map((m) => [m, 0]));
        for (const a of assign(applications, members, [], quorum ?? 3).assignments)
          loads.set(a.memberId, loads.get(a.memberId)! + 1);
        expect(Math.max(...loads.values()) - Math.min(...loads.values())).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('depends on the sets, not the order they come in', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), ({ applications, members, conflicts, quorum }, seed) => {
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        const plan = assign(applications, members, conflicts, quorum);
        const again = assign(shuffle(applications), shuffle(members), shuffle(conflicts), quorum);
        expect(pairs(again).sort()).toEqual(pairs(plan).sort());
        expect(again.short.map((x) => x.applicationId).sort()).toEqual(plan.short.map((x) => x.applicationId).sort());
      }),
    );
  });
});
