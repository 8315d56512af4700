import { validateDrawInput } from './draw-input.validator';
import { draw } from './lottery';
import { DrawArm, DrawAssignment, DrawEntry } from './lottery.types';
import { compareEntries, computeCommitment, computePoolHash, isSeedHex } from './pool-hash.util';

/** The public document of LOTTERY.md "The published record"; the verifier reads exactly this. */
export interface DrawRecord {
  version: 1;
  competition: { id: string; title: Record<string, string> };
  status: 'prepared' | 'drawn';
  stratumAttribute: string;
  arms: DrawArm[];
  pool: DrawEntry[];
  poolHash: string;
  commitment: string;
  preparedAt: string;
  drawnAt: string | null;
  seed: string | null;
  publicEntropy: string | null;
  assignments: DrawAssignment[] | null;
  cancelled: Array<{ commitment: string; poolHash: string; preparedAt: string; cancelledAt: string; reason: string }>;
}

export type DrawRecordProblemCode =
  | 'MALFORMED'
  | 'NOT_DRAWN'
  | 'COMMITMENT_MISMATCH'
  | 'POOL_HASH_MISMATCH'
  | 'ASSIGNMENT_MISMATCH'
  | 'ASSIGNMENT_MISSING'
  | 'ASSIGNMENT_EXTRA';

export type DrawRecordVerification = { ok: true } | { ok: false; problem: string; code: DrawRecordProblemCode };

type Failure = Extract<DrawRecordVerification, { ok: false }>;
type Fields = Record<string, unknown>;

const HEX_64 = /^[0-9a-fA-F]{64}$/;

function fail(code: DrawRecordProblemCode, problem: string): Failure {
  return { ok: false, code, problem };
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasStrings(value: unknown, keys: readonly string[]): boolean {
  return isObject(value) && keys.every((key) => typeof value[key] === 'string');
}

/** Every field the recomputation needs, checked before trusting any of it; null means fine. */
function checkShape(record: unknown): Failure | null {
  if (!isObject(record)) return fail('MALFORMED', 'the record is not a JSON object');
  if (record.version !== 1) {
    return fail('MALFORMED', `the record has version ${JSON.stringify(record.version)}; this verifier reads version 1`);
  }
  if (typeof record.status !== 'string') return fail('MALFORMED', 'the record has no status');
  if (record.status !== 'drawn') {
    return fail('NOT_DRAWN', `the draw has not taken place: status is "${record.status}", not "drawn"`);
  }
  if (record.seed === null || record.seed === undefined) {
    return fail('NOT_DRAWN', 'the seed has not been published yet, so the draw cannot be checked');
  }
  if (record.publicEntropy === null || record.publicEntropy === undefined) {
    return fail('NOT_DRAWN', 'the public entropy has not been published yet, so the draw cannot be checked');
  }
  if (!isSeedHex(record.seed)) return fail('MALFORMED', 'the seed is not 64 hexadecimal characters');
  if (typeof record.publicEntropy !== 'string') return fail('MALFORMED', 'the public entropy is not a string');
  if (typeof record.commitment !== 'string' || !HEX_64.test(record.commitment)) {
    return fail('MALFORMED', 'the commitment is not 64 hexadecimal characters');
  }
  if (typeof record.poolHash !== 'string' || !HEX_64.test(record.poolHash)) {
    return fail('MALFORMED', 'the pool hash is not 64 hexadecimal characters');
  }
  if (!Array.isArray(record.arms)) return fail('MALFORMED', 'the record has no list of arms');
  if (!Array.isArray(record.pool)) return fail('MALFORMED', 'the record has no pool list');
  if (!Array.isArray(record.assignments)) return fail('MALFORMED', 'the record has no list of assignments');
  const badAssignment = record.assignments.findIndex(
    (item) => !hasStrings(item, ['applicationNumber', 'stratum', 'arm']),
  );
  if (badAssignment >= 0) {
    return fail('MALFORMED', `assignment ${badAssignment + 1} lacks applicationNumber, stratum or arm`);
  }
  const problems = validateDrawInput({
    seed: record.seed,
    publicEntropy: record.publicEntropy,
    arms: record.arms,
    entries: record.pool,
  });
  if (problems.length > 0) return fail('MALFORMED', `the record cannot be re-run: ${problems[0].message}`);
  return null;
}

/** Compared as a map, so the order the record lists assignments in does not matter. */
function compareAssignments(
  published: readonly DrawAssignment[],
  recomputed: readonly DrawAssignment[],
): Failure | null {
  const byApplication = new Map<string, DrawAssignment>();
  for (const item of published) {
    if (byApplication.has(item.applicationNumber)) {
      return fail('ASSIGNMENT_EXTRA', `application ${item.applicationNumber} is assigned more than once in the record`);
    }
    byApplication.set(item.applicationNumber, item);
  }
  // Pool order, so "the first mismatch" is the same one a reader finds scanning the sorted pool.
  for (const expected of [...recomputed].sort(compareEntries)) {
    const actual = byApplication.get(expected.applicationNumber);
    if (!actual) {
      return fail(
        'ASSIGNMENT_MISSING',
        `assignment of ${expected.applicationNumber}: missing from the record, recomputed ${expected.arm}`,
      );
    }
    if (actual.arm !== expected.arm) {
      return fail(
        'ASSIGNMENT_MISMATCH',
        `assignment of ${expected.applicationNumber}: record says ${actual.arm}, recomputed ${expected.arm}`,
      );
    }
    if (actual.stratum !== expected.stratum) {
      return fail(
        'ASSIGNMENT_MISMATCH',
        `assignment of ${expected.applicationNumber}: record gives stratum ${actual.stratum}, the pool says ${expected.stratum}`,
      );
    }
    byApplication.delete(expected.applicationNumber);
  }
  const extra = byApplication.keys().next();
  if (!extra.done) {
    return fail('ASSIGNMENT_EXTRA', `assignment of ${extra.value}: in the record but not in the pool`);
  }
  return null;
}

/**
 * Re-checks a published draw from its record alone: the seed against the commitment, the
 * pool against its hash, then every assignment against a fresh run of the algorithm.
 * Never throws; anything wrong with the document comes back as MALFORMED.
 */
export function verifyDrawRecord(record: unknown): DrawRecordVerification {
  const shapeFailure = checkShape(record);
  if (shapeFailure) return shapeFailure;
  const drawn = record as DrawRecord & { seed: string; publicEntropy: string; assignments: DrawAssignment[] };

  const commitment = computeCommitment(drawn.seed);
  if (commitment !== drawn.commitment.toLowerCase()) {
    return fail(
      'COMMITMENT_MISMATCH',
      `the published seed does not match the commitment: SHA-256 of the seed is ${commitment}, the record's commitment is ${drawn.commitment}`,
    );
  }

  const poolHash = computePoolHash(drawn.pool);
  if (poolHash !== drawn.poolHash.toLowerCase()) {
    return fail(
      'POOL_HASH_MISMATCH',
      `the pool hash does not match the published pool: recomputed ${poolHash}, the record says ${drawn.poolHash}`,
    );
  }

  const result = draw({ seed: drawn.seed, publicEntropy: drawn.publicEntropy, arms: drawn.arms, entries: drawn.pool });
  return compareAssignments(drawn.assignments, result.assignments) ?? { ok: true };
}
