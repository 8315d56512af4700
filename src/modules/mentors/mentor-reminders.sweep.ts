import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { localDate } from '../../../libs/kz';
import { formatLongDate } from '../documents/protocol-format.util';
import { NotificationsService } from '../notifications/notifications.service';
import { SweepRegistry } from '../notifications/scheduler/sweep-registry';
import {
  daysInMonth,
  isBehind,
  mayHaveMentor,
  MEETINGS_PER_MONTH,
  monthBounds,
  monthOf,
  reminderDue,
} from './domain/mentoring-rules';

interface AssignedTeam {
  application_id: string;
  number: string | null;
  title: string | null;
  arm: string;
  status: string;
  competition_id: string;
  title_kk: string;
  title_ru: string;
  time_zone: string;
  user_id: string;
  email: string;
  locale: 'kk' | 'ru';
}

/**
 * In a month's last days, the mentor of each team with fewer than 2 meetings logged this
 * month (the competition's zone) is reminded: once per team and month, however often the
 * sweep runs (the dedupe key names the team and the month).
 */
@Injectable()
export class MentorRemindersSweep implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: SweepRegistry,
    private readonly notifications: NotificationsService,
    private readonly env: EnvironmentVariables,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'mentor-meeting-reminders',
      everyMs: 60 * 60 * 1000,
      run: async (now) => void (await this.run(now)),
    });
  }

  async run(now: Date): Promise<number> {
    const teams: AssignedTeam[] = await this.db.query(
      `SELECT x.application_id, a.number, a.title, a.arm, a.status, c.id AS competition_id, c.title_kk, c.title_ru,
              c.time_zone, u.id AS user_id, u.email, u.locale
         FROM mentor_assignments x
         JOIN applications a ON a.id = x.application_id
         JOIN competitions c ON c.id = x.competition_id
         JOIN users u ON u.id = x.mentor_user_id`,
    );
    let queued = 0;
    for (const team of teams) {
      const today = localDate(now, team.time_zone);
      if (!reminderDue(today) || !mayHaveMentor(team.arm, team.status)) continue;
      const month = monthOf(today);
      const { from, to } = monthBounds(month);
      const [{ held }]: { held: number }[] = await this.db.query(
        `SELECT count(*)::int AS held FROM mentor_meetings
          WHERE application_id = $1 AND held_on >= $2::date AND held_on < $3::date`,
        [team.application_id, from, to],
      );
      if (!isBehind(held)) continue;
      await this.db.transaction(async (tx) => {
        const ids = await this.notifications.enqueue(tx, {
          template: 'mentor-meetings-reminder',
          recipients: [{ userId: team.user_id, email: team.email, locale: team.locale }],
          payload: {
            competitionTitle: team.locale === 'ru' ? team.title_ru : team.title_kk,
            number: team.number ?? '',
            teamTitle: team.title ?? '',
            held,
            required: MEETINGS_PER_MONTH,
            monthEnd: formatLongDate(`${month}-${String(daysInMonth(month)).padStart(2, '0')}`, team.locale),
            link: `${this.env.PUBLIC_URL}/mentor/teams/${team.application_id}`,
          },
          competitionId: team.competition_id,
          dedupeKey: `mentor-meetings:${team.application_id}:${month}`,
        });
        queued += ids.length;
      });
    }
    return queued;
  }
}

/** The mentors' scheduled reminders, for the worker process. */
@Module({ providers: [MentorRemindersSweep], exports: [MentorRemindersSweep] })
export class MentorRemindersModule {}
