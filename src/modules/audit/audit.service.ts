import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import type { Actor } from '../../common/http/actor';
import { AuditContent, canonicalContent, ChainRow, GENESIS_HASH, verifyChain } from './domain/audit-chain';

/** Any fixed 64-bit number unique to this lock; serializes appends to the chain. */
const AUDIT_CHAIN_LOCK = 7_310_001;
const VERIFY_BATCH = 5_000;

export interface AuditRecordInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export type AuditVerdict =
  { ok: true; checked: number } | { ok: false; checked: number; brokenAt: string; reason: string };

export interface AuditEntrySummary {
  id: string;
  occurredAt: Date;
  action: string;
  entityType: string;
  entityId: string;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends to the chain inside the caller's transaction, so the change and its entry
   * commit or vanish together. One statement: `audit_chain_tip` takes the chain's advisory
   * lock and reads the tip, and the database hashes the tip with the canonical content
   * computed here, exactly as `chainHash` does, so `verify` recomputes it in TypeScript.
   * The lock is held until that commit; callers record as their last write to keep the
   * serialized window short.
   */
  async record(manager: EntityManager, actor: Actor, input: AuditRecordInput): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('audit entries must be written inside the transaction of the change');
    }
    const content: AuditContent = {
      occurredAt: this.clock.now(),
      actorId: actor.userId,
      actorIp: actor.ip,
      requestId: actor.requestId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      summary: JSON.parse(JSON.stringify({ before: input.before ?? null, after: input.after ?? null })),
    };
    await manager.query(
      `INSERT INTO audit_log (occurred_at, actor_id, actor_ip, request_id, action, entity_type, entity_id, summary, prev_hash, hash)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8::jsonb, chain.tip, encode(sha256(convert_to(chain.tip || E'\\n' || $9, 'UTF8')), 'hex')
         FROM (SELECT coalesce(audit_chain_tip($10), $11) AS tip) chain`,
      [
        content.occurredAt,
        content.actorId,
        content.actorIp,
        content.requestId,
        content.action,
        content.entityType,
        content.entityId,
        JSON.stringify(content.summary),
        canonicalContent(content),
        AUDIT_CHAIN_LOCK,
        GENESIS_HASH,
      ],
    );
  }

  /** One entry as a person reads it (when, what, on what): for naming the entry a check found broken. */
  async entry(id: string): Promise<AuditEntrySummary | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    const rows: AuditEntrySummary[] = await this.dataSource.query(
      `SELECT id::text AS id, occurred_at AS "occurredAt", action, entity_type AS "entityType", entity_id AS "entityId"
           FROM audit_log WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Recomputes the whole chain in batches and names the first broken entry. The query
   * orders by the bigint column, not the `id::text` output alias: text order ("1", "10",
   * "2") would report a sound chain as broken once it has ten entries.
   */
  async verify(): Promise<AuditVerdict> {
    let afterId = '0';
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const rows: ChainRow[] = await this.dataSource.query(
        `SELECT id::text AS id, occurred_at AS "occurredAt", actor_id AS "actorId", actor_ip AS "actorIp",
                request_id AS "requestId", action, entity_type AS "entityType", entity_id AS "entityId",
                summary, prev_hash AS "prevHash", hash
           FROM audit_log WHERE audit_log.id > $1 ORDER BY audit_log.id LIMIT $2`,
        [afterId, VERIFY_BATCH],
      );
      if (rows.length === 0) return { ok: true, checked };
      const verdict = verifyChain(rows, prevHash, checked);
      if (!verdict.ok)
        return { ok: false, checked: verdict.checked, brokenAt: verdict.brokenAt, reason: verdict.reason };
      prevHash = verdict.lastHash;
      checked = verdict.checked;
      afterId = rows[rows.length - 1].id;
    }
  }
}
