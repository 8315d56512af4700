import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Locale } from '../../common/i18n/i18n';
import { TemplateCode, TemplatePayloads } from './domain/template-catalogue';

export interface NotificationRecipient {
  userId?: string | null;
  email: string;
  locale: Locale;
}

export interface EnqueueInput<T extends TemplateCode> {
  template: T;
  recipients: NotificationRecipient[];
  payload: TemplatePayloads[T];
  competitionId?: string;
  /** Makes the message at most once per recipient: the key is suffixed with the recipient. */
  dedupeKey?: string;
  availableAt?: Date;
}

/**
 * The only way modules send anything to a person. It writes outbox rows with the caller's
 * transaction manager, so a message exists if and only if the change that caused it committed.
 */
@Injectable()
export class NotificationsService {
  async enqueue<T extends TemplateCode>(manager: EntityManager, input: EnqueueInput<T>): Promise<string[]> {
    if (input.recipients.length === 0) return [];
    const { recipients: rs } = input;
    // One statement whatever the number of recipients: enqueueing sits inside hot write
    // transactions (a submission's receipt), where every round trip counts.
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notification_outbox (template, locale, recipient_user_id, recipient_email, payload, competition_id, dedupe_key, available_at)
       SELECT $1, r.locale, r.user_id, r.email, $5::jsonb, $6::uuid, r.dedupe_key, coalesce($7::timestamptz, now())
         FROM unnest($2::varchar[], $3::uuid[], $4::varchar[], $8::varchar[]) AS r(locale, user_id, email, dedupe_key)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        input.template,
        rs.map((r) => r.locale),
        rs.map((r) => r.userId ?? null),
        rs.map((r) => r.email),
        JSON.stringify(input.payload),
        input.competitionId ?? null,
        input.availableAt ?? null,
        rs.map((r) => (input.dedupeKey ? `${input.dedupeKey}:${r.userId ?? r.email.toLowerCase()}` : null)),
      ],
    );
    return rows.map((r) => r.id);
  }
}
