import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  occurredAt: Date;
  actorId: string | null;
  actorIp: string;
  requestId: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: unknown;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The content fields only: rows read back carry id and hashes that must not feed the hash. */
export function canonicalContent(content: AuditContent): string {
  return canonicalJson({
    occurredAt: content.occurredAt.toISOString(),
    actorId: content.actorId,
    actorIp: content.actorIp,
    requestId: content.requestId,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    summary: content.summary,
  });
}

/** SHA-256 of the previous hash, a newline and the canonical content, in hex. */
export function chainHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalContent(content)).digest('hex');
}

export interface ChainRow extends AuditContent {
  id: string;
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: string; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

/**
 * Walks rows in id order. `prevHash` is passed in so large logs can be verified in batches.
 */
export function verifyChain(
  rows: ChainRow[],
  prevHash = GENESIS_HASH,
  alreadyChecked = 0,
): ChainVerdict & { lastHash: string } {
  let previous = prevHash;
  let checked = alreadyChecked;
  for (const row of rows) {
    if (row.prevHash !== previous)
      return { ok: false, checked, brokenAt: row.id, reason: 'prev_hash_mismatch', lastHash: previous };
    if (chainHash(row.prevHash, row) !== row.hash)
      return { ok: false, checked, brokenAt: row.id, reason: 'hash_mismatch', lastHash: previous };
    previous = row.hash;
    checked += 1;
  }
  return { ok: true, checked, lastHash: previous };
}
