import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryReturning } from '../../common/database/returning';
import { Batcher } from '../../common/database/batcher';
import { OutboxMessage } from './entities/outbox-message.entity';

export type SendableMessage = Pick<
  OutboxMessage,
  'id' | 'template' | 'locale' | 'recipientEmail' | 'payload' | 'status'
> & {
  /** The display name to send as: the organization running the message's competition, if it names one. */
  senderName: string | null;
};

/** How long a claimed row is reserved for the relay that claimed it before another may. */
export const CLAIM_LEASE_MS = 15_000;
/** A queued row whose job vanished (Redis lost it) is re-queued after this long. */
export const QUEUED_LEASE_MS = 10 * 60_000;

/**
 * The outbox's state changes, each one statement, each safe to repeat. Instants come from
 * the database's clock so several worker processes agree on leases.
 */
@Injectable()
export class OutboxStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rows ready to queue: new ones, and queued ones whose lease ran out. Others' claims are skipped, not waited for. */
  async claim(limit: number): Promise<{ id: string; retries: number }[]> {
    return queryReturning(
      this.db,
      `WITH ready AS (
         SELECT id FROM notification_outbox
          WHERE status IN ('pending', 'queued') AND available_at <= now()
            AND (lease_until IS NULL OR lease_until < now())
          ORDER BY available_at, created_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE notification_outbox o SET lease_until = now() + make_interval(secs => $2 / 1000.0)
         FROM ready WHERE o.id = ready.id
       RETURNING o.id, o.retries`,
      [limit, CLAIM_LEASE_MS],
    );
  }

  async markQueued(ids: string[]): Promise<void> {
    await this.db.query(
      `UPDATE notification_outbox SET status = 'queued', lease_until = now() + make_interval(secs => $2 / 1000.0)
        WHERE id = ANY($1::uuid[]) AND status IN ('pending', 'queued')`,
      [ids, QUEUED_LEASE_MS],
    );
  }

  /** Gives claimed rows back at once (the queue was unreachable), so the next pass retries them. */
  async release(ids: string[]): Promise<void> {
    await this.db.query(
      `UPDATE notification_outbox SET lease_until = NULL WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [ids],
    );
  }

  /** The row to send. Concurrent sends share one SELECT: per-message round trips were the bottleneck. */
  load(id: string): Promise<SendableMessage | null> {
    return this.loader.add(id);
  }

  /** Resolves once the row is marked sent; concurrent sends share one UPDATE. */
  markSent(id: string, smtpResponse: string): Promise<void> {
    return this.sentMarker.add({ id, response: smtpResponse.slice(0, 1000) });
  }

  private readonly loader = new Batcher<string, SendableMessage | null>(async (ids) => {
    const rows: SendableMessage[] = await this.db.query(
      `SELECT m.id, m.template, m.locale, m.recipient_email AS "recipientEmail", m.payload, m.status, g.name AS "senderName"
         FROM notification_outbox m
         LEFT JOIN competitions c ON c.id = m.competition_id
         LEFT JOIN organizations g ON g.id = c.organizer_organization_id
        WHERE m.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  private readonly sentMarker = new Batcher<{ id: string; response: string }, void>(async (items) => {
    await this.db.query(
      `UPDATE notification_outbox o SET status = 'sent', sent_at = now(), smtp_response = s.response, attempts = o.attempts + 1,
              last_error = NULL, lease_until = NULL
         FROM unnest($1::uuid[], $2::text[]) AS s(id, response)
        WHERE o.id = s.id AND o.status <> 'sent'`,
      [items.map((i) => i.id), items.map((i) => i.response)],
    );
    return items.map(() => undefined);
  });

  async markAttemptFailed(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND status <> 'sent'`,
      [id, error.slice(0, 2000)],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_outbox SET status = 'failed', attempts = attempts + 1, last_error = $2, lease_until = NULL
        WHERE id = $1 AND status <> 'sent'`,
      [id, error.slice(0, 2000)],
    );
  }
}
