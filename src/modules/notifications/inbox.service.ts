import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundAppException } from '../../common/errors/app.exception';
import { queryReturning } from '../../common/database/returning';
import { PageQueryDto } from '../../common/pagination/pagination';
import { InboxItemDto, InboxPageDto } from './dto/notification.dto';
import { TemplateRenderer } from './template-renderer';

/** The in-app copy of every message sent to a user: what they were told, in their language. */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly renderer: TemplateRenderer,
  ) {}

  async list(userId: string, query: PageQueryDto): Promise<InboxPageDto> {
    const rows: {
      id: string;
      template: string;
      locale: 'kk' | 'ru';
      payload: Record<string, unknown>;
      created_at: Date;
      read_at: Date | null;
    }[] = await this.db.query(
      `SELECT id, template, locale, payload, created_at, read_at FROM notification_outbox
          WHERE recipient_user_id = $1 AND status <> 'cancelled'
          ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [userId, query.pageSize, (query.page - 1) * query.pageSize],
    );
    const [counts]: { total: string; unread: string }[] = await this.db.query(
      `SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread
         FROM notification_outbox WHERE recipient_user_id = $1 AND status <> 'cancelled'`,
      [userId],
    );
    const items: InboxItemDto[] = rows.map((r) => {
      const rendered = this.renderer.render(r.template, r.locale, r.payload);
      return {
        id: r.id,
        template: r.template,
        subject: rendered.subject,
        text: rendered.text,
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at ? r.read_at.toISOString() : null,
      };
    });
    return {
      items,
      total: Number(counts.total),
      unreadCount: Number(counts.unread),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async markRead(userId: string, id: string): Promise<void> {
    const rows = await queryReturning(
      this.db,
      `UPDATE notification_outbox SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_user_id = $2 RETURNING id`,
      [id, userId],
    );
    if (rows.length === 0) throw new NotFoundAppException('notification');
  }

  async markAllRead(userId: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_outbox SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL`,
      [userId],
    );
  }
}
