import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { formatLocalDateTime } from '../../../libs/kz';
import { NotificationsService } from '../notifications/notifications.service';
import { SweepRegistry } from '../notifications/scheduler/sweep-registry';

const DAY_MS = 24 * 3600 * 1000;

interface DueDraft {
  competition_id: string;
  title_kk: string;
  title_ru: string;
  submission_deadline: Date;
  time_zone: string;
  application_id: string;
  user_id: string;
  email: string;
  locale: 'kk' | 'ru';
}

/**
 * Reminds applicants with unfinished drafts 3 days and 1 day before the deadline. The key
 * names the occasion and the deadline, so each reminder goes once, and an extended deadline
 * earns new ones.
 */
@Injectable()
export class DraftRemindersSweep implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: SweepRegistry,
    private readonly notifications: NotificationsService,
    private readonly env: EnvironmentVariables,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'draft-reminders',
      everyMs: 10 * 60 * 1000,
      run: async (now) => {
        await this.run(now);
      },
    });
  }

  async run(now: Date): Promise<number> {
    const due: DueDraft[] = await this.db.query(
      `SELECT c.id AS competition_id, c.title_kk, c.title_ru, c.submission_deadline, c.time_zone,
              a.id AS application_id, u.id AS user_id, u.email, u.locale
         FROM competitions c
         JOIN applications a ON a.competition_id = c.id AND a.status = 'draft'
         JOIN users u ON u.id = a.applicant_user_id
        WHERE c.status = 'open' AND c.submission_deadline > $1 AND c.submission_deadline <= $2
          -- A group applies once: a leftover draft of a group that has applied can never be submitted.
          AND NOT (a.applicant_kind = 'initiative_group' AND EXISTS (
                SELECT 1 FROM applications s
                 WHERE s.competition_id = a.competition_id AND s.applicant_user_id = a.applicant_user_id
                   AND s.applicant_kind = 'initiative_group' AND s.status NOT IN ('draft', 'withdrawn')))`,
      [now, new Date(now.getTime() + 3 * DAY_MS)],
    );
    let queued = 0;
    for (const d of due) {
      const left = d.submission_deadline.getTime() - now.getTime();
      const occasion = left <= DAY_MS ? '1d' : '3d';
      await this.db.transaction(async (tx) => {
        const ids = await this.notifications.enqueue(tx, {
          template: 'draft-reminder',
          recipients: [{ userId: d.user_id, email: d.email, locale: d.locale }],
          payload: {
            competitionTitle: d.locale === 'ru' ? d.title_ru : d.title_kk,
            deadline: formatLocalDateTime(d.submission_deadline, d.locale, d.time_zone),
            daysLeft: occasion === '1d' ? 1 : 3,
            link: `${this.env.PUBLIC_URL}/applications/${d.application_id}`,
          },
          competitionId: d.competition_id,
          dedupeKey: `draft-reminder-${occasion}:${d.application_id}:${d.submission_deadline.toISOString()}`,
        });
        queued += ids.length;
      });
    }
    return queued;
  }
}
