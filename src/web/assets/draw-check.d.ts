/** Types of draw-check.js for the specs; the browser loads the script itself, not this file. */
import type { webcrypto } from 'crypto';

export type DrawCheckCode =
  | 'MALFORMED'
  | 'NOT_DRAWN'
  | 'COMMITMENT_MISMATCH'
  | 'POOL_HASH_MISMATCH'
  | 'ASSIGNMENT_MISMATCH'
  | 'ASSIGNMENT_MISSING'
  | 'ASSIGNMENT_EXTRA';

export type DrawCheckVerdict =
  | { ok: true; counts: { applications: number; strata: number; arms: Record<string, number> } }
  | { ok: false; code: DrawCheckCode; params: Record<string, string> };

/** Re-computes the draw of a published record with Web Crypto; `subtle` defaults to globalThis.crypto.subtle. */
export function verifyDrawRecord(record: unknown, subtle?: webcrypto.SubtleCrypto): Promise<DrawCheckVerdict>;
