import { DrawInputProblem, DrawInputProblemCode as Code } from './lottery-input.error';
import { isSeedHex } from './pool-hash.util';

/**
 * Printable ASCII only. Non-ASCII would make the sort and the hash depend on encoding and
 * normalisation; tab and newline are the pool-hash separators, so they could make two
 * different pools hash alike; other control characters are rejected for the same spirit.
 */
const SAFE_KEY = /^[\x20-\x7e]*$/;

/** Node would encode a lone surrogate as U+FFFD; other languages may refuse or differ. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function keyProblem(value: unknown, what: string, index: number, allowEmpty: boolean): string | null {
  if (typeof value !== 'string') return `${what} of entry ${index + 1} is not a string`;
  if (!allowEmpty && value.length === 0) return `${what} of entry ${index + 1} is empty`;
  if (/[\t\n\r]/.test(value)) {
    return `${what} ${describe(value)} (entry ${index + 1}) contains a tab or line break`;
  }
  if (!SAFE_KEY.test(value)) {
    return `${what} ${describe(value)} (entry ${index + 1}) contains a non-ASCII or control character`;
  }
  return null;
}

function validateEntries(entries: unknown, problems: DrawInputProblem[]): void {
  if (!Array.isArray(entries) || entries.length === 0) {
    problems.push({ code: Code.EMPTY_POOL, message: 'the pool has no applications' });
    return;
  }
  const seen = new Set<string>();
  entries.forEach((entry: unknown, index) => {
    const record = (entry ?? {}) as Record<string, unknown>;
    const numberProblem = keyProblem(record.applicationNumber, 'application number', index, false);
    if (numberProblem) problems.push({ code: Code.INVALID_APPLICATION_NUMBER, message: numberProblem });
    // An empty stratum is allowed: the algorithm and the hash stay unambiguous with it.
    const stratumProblem = keyProblem(record.stratum, 'stratum', index, true);
    if (stratumProblem) problems.push({ code: Code.INVALID_STRATUM, message: stratumProblem });
    if (typeof record.applicationNumber === 'string') {
      if (seen.has(record.applicationNumber)) {
        problems.push({
          code: Code.DUPLICATE_APPLICATION,
          message: `application ${describe(record.applicationNumber)} appears more than once in the pool`,
        });
      }
      seen.add(record.applicationNumber);
    }
  });
}

function validateArms(arms: unknown, problems: DrawInputProblem[]): void {
  if (!Array.isArray(arms) || arms.length === 0) {
    problems.push({ code: Code.NO_ARMS, message: 'no arms are defined' });
    return;
  }
  const seen = new Set<string>();
  arms.forEach((arm: unknown, index) => {
    const record = (arm ?? {}) as Record<string, unknown>;
    const code = record.code;
    if (typeof code !== 'string' || code.length === 0) {
      problems.push({ code: Code.INVALID_ARM_CODE, message: `arm ${index + 1} has no code` });
    } else if (seen.has(code)) {
      problems.push({ code: Code.DUPLICATE_ARM, message: `arm code ${describe(code)} is used more than once` });
    } else {
      seen.add(code);
    }
    const weight = record.weight;
    if (typeof weight !== 'number' || !Number.isSafeInteger(weight) || weight <= 0) {
      const name = typeof code === 'string' && code ? `arm ${describe(code)}` : `arm ${index + 1}`;
      problems.push({
        code: Code.INVALID_WEIGHT,
        message: `${name} has weight ${describe(weight)}; a weight must be a positive whole number`,
      });
    }
  });
}

/** Every problem at once, so an organizer can fix the data in one pass; empty means valid. */
export function validateDrawInput(input: unknown): DrawInputProblem[] {
  const record = (input ?? {}) as Record<string, unknown>;
  const problems: DrawInputProblem[] = [];
  if (!isSeedHex(record.seed)) {
    problems.push({ code: Code.INVALID_SEED, message: 'the seed is not 64 hexadecimal characters' });
  }
  if (typeof record.publicEntropy !== 'string') {
    problems.push({ code: Code.INVALID_PUBLIC_ENTROPY, message: 'public entropy must be a string (empty if none)' });
  } else if (LONE_SURROGATE.test(record.publicEntropy)) {
    problems.push({
      code: Code.INVALID_PUBLIC_ENTROPY,
      message: 'public entropy is not valid Unicode text, so its UTF-8 bytes would be ambiguous',
    });
  }
  validateArms(record.arms, problems);
  validateEntries(record.entries, problems);
  return problems;
}
