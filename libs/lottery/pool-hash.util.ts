import { createHash } from 'crypto';
import { DrawEntry } from './lottery.types';

/**
 * Code-unit order, which for ASCII is byte order — what every other language's default
 * string sort gives, so an outside verifier sorts the same way. localeCompare would not.
 */
export function compareAscii(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

export function compareEntries(a: DrawEntry, b: DrawEntry): number {
  return compareAscii(a.stratum, b.stratum) || compareAscii(a.applicationNumber, b.applicationNumber);
}

/** Returns a new array; the caller's list keeps its order. */
export function sortEntries<T extends DrawEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareEntries);
}

/** Entries are sorted here so callers cannot make the hash depend on the order they loaded rows in. */
export function computePoolHash(entries: readonly DrawEntry[]): string {
  const lines = sortEntries(entries).map((entry) => `${entry.stratum}\t${entry.applicationNumber}`);
  return createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex');
}

/** Hashes the seed's bytes, not its hex text, as LOTTERY.md fixes; the seed must be valid hex. */
export function computeCommitment(seedHex: string): string {
  if (!isSeedHex(seedHex)) {
    throw new TypeError('seed must be 64 hexadecimal characters (32 bytes)');
  }
  return createHash('sha256').update(Buffer.from(seedHex, 'hex')).digest('hex');
}

/** Buffer.from(…, 'hex') silently drops what it cannot parse, so the text is checked first. */
export function isSeedHex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-fA-F]{64}$/.test(value);
}
