import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Locale } from '../../common/i18n/i18n';
import { TemplateCode, TemplatePayloads } from './domain/template-catalogue';
import { OutboxMessage } from './entities/outbox-message.entity';

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
    const rows = input.recipients.map((r) => ({
      template: input.template,
      locale: r.locale,
      recipientUserId: r.userId ?? null,
      recipientEmail: r.email,
      payload: input.payload,
      competitionId: input.competitionId ?? null,
      dedupeKey: input.dedupeKey ? `${input.dedupeKey}:${r.userId ?? r.email.toLowerCase()}` : null,
      ...(input.availableAt ? { availableAt: input.availableAt } : {}),
    }));
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxMessage)
      .values(rows as QueryDeepPartialEntity<OutboxMessage>[])
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((r) => r.id);
  }
}
