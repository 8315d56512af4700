import { validateDrawInput } from './draw-input.validator';
import { LotteryInputError } from './lottery-input.error';
import { DrawArm, DrawAssignment, DrawEntry, DrawInput, DrawResult } from './lottery.types';
import { computeCommitment, computePoolHash, sortEntries } from './pool-hash.util';
import { DrawRandomStream, deriveDrawKey } from './random-stream.util';

/**
 * How many members of a stratum of size m each arm gets: floor(m·w/W) each, then the r
 * left over go one each to the arms with the largest remainders, ties broken by the
 * arm's position in `perm` (a shuffled 0..K-1). BigInt keeps m·w exact for any safe weight.
 */
export function computeQuotas(memberCount: number, arms: readonly DrawArm[], perm: readonly number[]): number[] {
  const m = BigInt(memberCount);
  const weights = arms.map((arm) => BigInt(arm.weight));
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  const quotas = weights.map((weight) => Number((m * weight) / total));
  const remainders = weights.map((weight) => (m * weight) % total);
  const rank = new Array<number>(arms.length);
  perm.forEach((armIndex, position) => {
    rank[armIndex] = position;
  });
  const order = arms
    .map((_, index) => index)
    .sort((a, b) => {
      if (remainders[a] !== remainders[b]) return remainders[a] > remainders[b] ? -1 : 1;
      return rank[a] - rank[b];
    });
  const leftOver = memberCount - quotas.reduce((sum, quota) => sum + quota, 0);
  for (let i = 0; i < leftOver; i++) quotas[order[i]] += 1;
  return quotas;
}

/** Consecutive runs of one stratum; relies on the entries being sorted by stratum first. */
function groupByStratum(sorted: readonly DrawEntry[]): Array<{ stratum: string; members: string[] }> {
  const groups: Array<{ stratum: string; members: string[] }> = [];
  for (const entry of sorted) {
    const last = groups[groups.length - 1];
    if (last && last.stratum === entry.stratum) last.members.push(entry.applicationNumber);
    else groups.push({ stratum: entry.stratum, members: [entry.applicationNumber] });
  }
  return groups;
}

/**
 * The allocation of LOTTERY.md: deterministic in its input, so anyone holding the published
 * seed, public entropy, arms and pool gets the same assignments. Throws LotteryInputError
 * rather than drawing from data that another implementation might read differently.
 */
export function draw(input: DrawInput): DrawResult {
  const problems = validateDrawInput(input);
  if (problems.length > 0) throw new LotteryInputError(problems);

  const sorted = sortEntries(input.entries);
  const poolHash = computePoolHash(sorted);
  const commitment = computeCommitment(input.seed);
  const stream = new DrawRandomStream(deriveDrawKey(input.seed, input.publicEntropy, poolHash));
  const armCount = input.arms.length;
  const assignments: DrawAssignment[] = [];

  // One stream for all strata, in ascending stratum order: the order is part of the algorithm.
  for (const { stratum, members } of groupByStratum(sorted)) {
    stream.shuffle(members);
    // Shuffled even when nothing is left over: other implementations consume the stream this way.
    const perm = stream.shuffle(Array.from({ length: armCount }, (_, index) => index));
    const quotas = computeQuotas(members.length, input.arms, perm);
    let next = 0;
    quotas.forEach((quota, armIndex) => {
      const arm = input.arms[armIndex].code;
      for (let taken = 0; taken < quota; taken++) {
        assignments.push({ applicationNumber: members[next], stratum, arm });
        next += 1;
      }
    });
  }

  return { poolHash, commitment, assignments };
}
