import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { localDate } from '../../../libs/kz';
import { NotificationsService } from '../notifications/notifications.service';
import { SweepRegistry } from '../notifications/scheduler/sweep-registry';

/** Once a day, members with applications still to score are told how many. */
@Injectable()
export class ScoringRemindersSweep implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: SweepRegistry,
    private readonly notifications: NotificationsService,
    private readonly env: EnvironmentVariables,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'scoring-reminders',
      everyMs: 60 * 60 * 1000,
      run: async (now) => void (await this.run(now)),
    });
  }

  async run(now: Date): Promise<number> {
    const pending: {
      competition_id: string;
      title_kk: string;
      title_ru: string;
      time_zone: string;
      user_id: string;
      email: string;
      locale: 'kk' | 'ru';
      pending: number;
    }[] = await this.db.query(
      `SELECT c.id AS competition_id, c.title_kk, c.title_ru, c.time_zone, u.id AS user_id, u.email, u.locale, count(*)::int AS pending
           FROM commission_assignments x
           JOIN competitions c ON c.id = x.competition_id AND c.status = 'scoring'
                  AND NOT EXISTS (SELECT 1 FROM scoring_rounds r WHERE r.competition_id = c.id AND r.closed_at IS NOT NULL)
           JOIN users u ON u.id = x.member_id
          WHERE NOT EXISTS (SELECT 1 FROM commission_scores s WHERE s.application_id = x.application_id AND s.member_id = x.member_id)
            AND NOT EXISTS (SELECT 1 FROM commission_conflicts k WHERE k.application_id = x.application_id AND k.member_id = x.member_id AND k.status <> 'dismissed')
          GROUP BY c.id, u.id`,
    );
    let queued = 0;
    for (const p of pending) {
      await this.db.transaction(async (tx) => {
        const ids = await this.notifications.enqueue(tx, {
          template: 'scoring-reminder',
          recipients: [{ userId: p.user_id, email: p.email, locale: p.locale }],
          payload: {
            competitionTitle: p.locale === 'ru' ? p.title_ru : p.title_kk,
            pending: p.pending,
            link: `${this.env.PUBLIC_URL}/competitions/${p.competition_id}/assignments`,
          },
          competitionId: p.competition_id,
          // One a day per member and competition, however often the sweep runs.
          dedupeKey: `scoring-reminder:${p.competition_id}:${localDate(now, p.time_zone)}`,
        });
        queued += ids.length;
      });
    }
    return queued;
  }
}

/** The commission's scheduled reminders, for the worker process. */
@Module({ providers: [ScoringRemindersSweep], exports: [ScoringRemindersSweep] })
export class ScoringRemindersModule {}
