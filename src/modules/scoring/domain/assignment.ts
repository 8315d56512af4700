/** A commission member's declared conflict of interest (мүдделер қақтығысы / конфликт интересов). */
export interface ConflictOfInterest {
  memberId: string;
  applicationId: string;
}

export interface Assignment {
  applicationId: string;
  memberId: string;
}

/** An application that cannot get its quorum of members: fewer are free of conflicts. */
export interface ShortAssignment {
  applicationId: string;
  available: number;
}

export interface AssignmentPlan {
  assignments: Assignment[];
  short: ShortAssignment[];
}

/**
 * Which commission member scores which application.
 *
 * Without a quorum every member scores every application they have no conflict with; an
 * application every member is conflicted on is reported in `short` with available 0, as
 * nobody can ever score it.
 *
 * With a quorum Q each application goes to exactly Q members without a conflict, or to all
 * of them when fewer are free (then it is in `short`). The load is balanced greedily: the
 * applications with the fewest free members are placed first, while everyone still has
 * room, and each takes the Q free members with the fewest applications so far, ties going
 * to the lower member id. Without conflicts that keeps every member's count within one of
 * every other's; conflicts can force a wider gap.
 *
 * The plan depends only on the sets given, not their order (placement order is settled by
 * ids), so re-running it for the same commission gives the same plan. Assignments come out
 * grouped by application in the order given, members by id.
 */
export function assign(
  applications: readonly string[],
  members: readonly string[],
  conflicts: readonly ConflictOfInterest[],
  quorum: number | null,
): AssignmentPlan {
  assertUnique(applications, 'applications');
  assertUnique(members, 'members');
  if (quorum !== null && !(Number.isInteger(quorum) && quorum >= 1))
    throw new RangeError(`quorum must be a positive integer or null, got ${quorum}`);

  const conflicted = new Map<string, Set<string>>(); // applicationId → members in conflict
  for (const { memberId, applicationId } of conflicts) {
    let set = conflicted.get(applicationId);
    if (!set) conflicted.set(applicationId, (set = new Set()));
    set.add(memberId);
  }
  const sortedMembers = [...members].sort(byId);
  const eligible = new Map<string, string[]>();
  for (const applicationId of applications) {
    const blocked = conflicted.get(applicationId);
    eligible.set(applicationId, blocked ? sortedMembers.filter((m) => !blocked.has(m)) : sortedMembers);
  }

  const chosen = quorum === null ? eligible : placeByLoad(applications, eligible, quorum);
  const assignments: Assignment[] = [];
  const short: ShortAssignment[] = [];
  const needed = quorum ?? 1;
  for (const applicationId of applications) {
    const free = eligible.get(applicationId)!;
    for (const memberId of chosen.get(applicationId)!) assignments.push({ applicationId, memberId });
    if (free.length < needed) short.push({ applicationId, available: free.length });
  }
  return { assignments, short };
}

function placeByLoad(
  applications: readonly string[],
  eligible: Map<string, string[]>,
  quorum: number,
): Map<string, string[]> {
  const load = new Map<string, number>();
  const order = [...applications].sort((a, b) => eligible.get(a)!.length - eligible.get(b)!.length || byId(a, b));
  const chosen = new Map<string, string[]>();
  for (const applicationId of order) {
    const free = eligible.get(applicationId)!;
    // `free` is in id order and the sort is stable, so equal loads keep the lower id first.
    const picked = [...free].sort((x, y) => (load.get(x) ?? 0) - (load.get(y) ?? 0)).slice(0, quorum);
    for (const m of picked) load.set(m, (load.get(m) ?? 0) + 1);
    chosen.set(applicationId, picked.sort(byId));
  }
  return chosen;
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertUnique(ids: readonly string[], what: string): void {
  if (new Set(ids).size !== ids.length) throw new RangeError(`${what} contain duplicates`);
}
