import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppException, CommonErrorCode } from '../../common/errors/app.exception';
import { queryReturning } from '../../common/database/returning';
import { canonicalJson } from '../audit/domain/audit-chain';

/** An in-flight claim older than this belongs to a request that died; it may be taken over. */
const ABANDONED_AFTER_MS = 60_000;

export type IdempotencyClaim = { kind: 'new' } | { kind: 'replay'; status: number; body: unknown };

/**
 * A claimed key handed to the handler, so a write can store its answer in its own
 * transaction (`completeIn`): then the answer exists if and only if the change committed,
 * and a process that dies right after the commit still replays it to the client's retry.
 */
export interface IdempotencyTicket {
  readonly userId: string;
  readonly key: string;
  /** The status the route answers with on success. */
  readonly successStatus: number;
  /** Set once the handler stored its answer inside its transaction. */
  completedInTransaction: boolean;
}

export function requestHash(method: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${route}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Claims the key for this request, or answers how to treat a repeat: the stored answer
   * (same body), 422 (different body) or 409 (the first is still running).
   */
  async claim(userId: string, key: string, hash: string): Promise<IdempotencyClaim> {
    const inserted = await queryReturning<{ key: string }>(
      this.db,
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state) VALUES ($1, $2, $3, 'in_flight')
       ON CONFLICT (user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
         WHERE idempotency_keys.state = 'in_flight' AND idempotency_keys.request_hash = EXCLUDED.request_hash
           AND idempotency_keys.created_at < now() - make_interval(secs => $4 / 1000.0)
       RETURNING key`,
      [userId, key, hash, ABANDONED_AFTER_MS],
    );
    if (inserted.length > 0) return { kind: 'new' };
    const [row] = await this.db.query(
      'SELECT request_hash, state, response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    if (row.request_hash !== hash) throw new AppException(422, CommonErrorCode.IDEMPOTENCY_KEY_REUSED);
    if (row.state === 'in_flight') throw new AppException(409, CommonErrorCode.IDEMPOTENCY_IN_FLIGHT);
    return { kind: 'replay', status: row.response_status, body: row.response_body };
  }

  /** Only an in-flight key: an answer already stored (by `completeIn`) is never overwritten. */
  async complete(
    userId: string,
    key: string,
    status: number,
    body: unknown,
    manager: Pick<EntityManager, 'query'> = this.db,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4
        WHERE user_id = $1 AND key = $2 AND state = 'in_flight'`,
      [userId, key, status, JSON.stringify(body ?? null)],
    );
  }

  /** Stores the success answer with the caller's transaction; a rollback takes it back too. */
  async completeIn(manager: EntityManager, ticket: IdempotencyTicket | undefined, body: unknown): Promise<void> {
    if (!ticket) return;
    await this.complete(ticket.userId, ticket.key, ticket.successStatus, body, manager);
    ticket.completedInTransaction = true;
  }

  /** A server failure is not an answer to keep: the client may try again with the same key. */
  async release(userId: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND state = 'in_flight'`, [
      userId,
      key,
    ]);
  }
}
