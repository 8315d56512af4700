import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ForbiddenAppException, NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { Page, pageOf } from '../../common/pagination/pagination';
import { MembershipsService } from '../access/memberships.service';
import { AuditService } from '../audit/audit.service';
import { FailedMessageDto, FailedQueryDto } from './dto/notification.dto';

/**
 * Failed deliveries, for those who can act on them: admins see all, organizers those about
 * their competitions (a message with no competition is an admin's concern).
 */
@Injectable()
export class NotificationAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
  ) {}

  async listFailed(actor: Actor, query: FailedQueryDto): Promise<Page<FailedMessageDto>> {
    const scope = await this.scope(actor);
    if (scope !== 'all' && scope.length === 0) throw new ForbiddenAppException();
    const params: unknown[] = [query.pageSize, (query.page - 1) * query.pageSize];
    const where = [`status = 'failed'`];
    if (scope !== 'all') {
      params.push(scope);
      where.push(`competition_id = ANY($${params.length}::uuid[])`);
    }
    if (query.competitionId) {
      params.push(query.competitionId);
      where.push(`competition_id = $${params.length}`);
    }
    const rows: (FailedMessageDto & { total: string })[] = await this.db.query(
      `SELECT id, template, recipient_email AS "recipientEmail", competition_id AS "competitionId", attempts,
              last_error AS "lastError", created_at AS "createdAt", count(*) OVER () AS total
         FROM notification_outbox WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC LIMIT $1 OFFSET $2`,
      params,
    );
    const total = rows[0] ? Number(rows[0].total) : 0;
    return pageOf(
      rows.map(({ total: _t, ...r }) => r),
      total,
      query,
    );
  }

  /** Puts a failed message back in the outbox as new; the worker sends it again. */
  async retry(id: string, actor: Actor): Promise<void> {
    const scope = await this.scope(actor);
    await this.db.transaction(async (tx) => {
      const rows: { competition_id: string | null; status: string }[] = await tx.query(
        'SELECT competition_id, status FROM notification_outbox WHERE id = $1 FOR UPDATE',
        [id],
      );
      const row = rows[0];
      const visible = row && (scope === 'all' || (row.competition_id !== null && scope.includes(row.competition_id)));
      if (!visible || row.status !== 'failed') throw new NotFoundAppException('notification');
      await tx.query(
        `UPDATE notification_outbox SET status = 'pending', attempts = 0, retries = retries + 1, last_error = NULL,
                available_at = now(), lease_until = NULL WHERE id = $1`,
        [id],
      );
      await this.audit.record(tx, actor, { action: 'notification.retried', entityType: 'notification', entityId: id });
    });
  }

  private async scope(actor: Actor): Promise<'all' | string[]> {
    if (actor.isAdmin) return 'all';
    return this.memberships.competitionsWhere(actor.userId!, 'organizer');
  }
}
