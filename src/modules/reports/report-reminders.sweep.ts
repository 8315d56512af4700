import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { localDate } from '../../../libs/kz';
import type { ReportingStage } from '../competitions/domain/rulebook.types';
import { ContractReporting, reportingSettings } from '../contracts/domain/contract-reporting';
import { formatLongDate } from '../documents/protocol-format.util';
import { NotificationsService } from '../notifications/notifications.service';
import { SweepRegistry } from '../notifications/scheduler/sweep-registry';
import { daysLeft, reminderOffsetDue } from './domain/reminders';
import { reportName } from './domain/report-names';
import type { ReportKind } from './domain/report-status';
import { contractPeople } from '../contracts/contract-parties';

interface PendingReport {
  id: string;
  kind: ReportKind;
  stage: ReportingStage;
  due_on: string;
  contract_id: string;
  contract_number: string;
  reporting: ContractReporting;
  application_id: string;
  competition_id: string;
  title_kk: string;
  title_ru: string;
  time_zone: string;
}

/**
 * Reminds the grantee of reports not yet submitted on the days the contract's rule says
 * (its `reminderOffsetsDays`, e.g. 7 and 1 days before the due date, 1 and 7 after), one
 * message for the reports due the same day, each offset once however often the sweep runs
 * (the dedupe key names the contract, the due date and the offset; a moved due date starts
 * its own reminders).
 */
@Injectable()
export class ReportRemindersSweep implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: SweepRegistry,
    private readonly notifications: NotificationsService,
    private readonly env: EnvironmentVariables,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'report-reminders',
      everyMs: 60 * 60 * 1000,
      run: async (now) => void (await this.run(now)),
    });
  }

  async run(now: Date): Promise<number> {
    const pending: PendingReport[] = await this.db.query(
      `SELECT r.id, r.kind, r.stage, r.due_on::text AS due_on, c.id AS contract_id, c.number AS contract_number,
              c.content->'reporting' AS reporting, r.application_id, r.competition_id,
              k.title_kk, k.title_ru, k.time_zone
         FROM reports r
         JOIN contracts c ON c.id = r.contract_id
         JOIN competitions k ON k.id = r.competition_id
        WHERE r.status = 'draft' AND c.status = 'active'
        ORDER BY r.contract_id, r.due_on, r.stage, r.kind DESC`,
    );
    const groups = new Map<string, PendingReport[]>();
    for (const report of pending) {
      const key = `${report.contract_id}:${report.due_on}`;
      groups.set(key, [...(groups.get(key) ?? []), report]);
    }
    let queued = 0;
    for (const reports of groups.values()) {
      const first = reports[0];
      const today = localDate(now, first.time_zone);
      const offset = reminderOffsetDue(
        today,
        first.due_on,
        reportingSettings(first.reporting ?? ({} as ContractReporting)).reminderOffsetsDays,
      );
      if (offset === null) continue;
      const left = daysLeft(today, first.due_on);
      await this.db.transaction(async (tx) => {
        const people = await contractPeople(
          tx,
          { applicationId: first.application_id, competitionId: first.competition_id },
          ['grantee'],
        );
        for (const locale of ['kk', 'ru'] as const) {
          const recipients = people.filter((p) => (p.locale === 'ru' ? 'ru' : 'kk') === locale);
          const ids = await this.notifications.enqueue(tx, {
            template: 'report-reminder',
            recipients: recipients.map((p) => ({ userId: p.id, email: p.email, locale })),
            payload: {
              competitionTitle: locale === 'ru' ? first.title_ru : first.title_kk,
              contractNumber: first.contract_number,
              reports: reports.map((r) => `– ${reportName(r.kind, r.stage, locale)}`).join('\n'),
              dueOn: formatLongDate(first.due_on, locale),
              when: left > 0 ? 'before' : left === 0 ? 'today' : 'after',
              days: Math.abs(left),
              link: `${this.env.PUBLIC_URL}/contracts/${first.contract_id}/reports`,
            },
            competitionId: first.competition_id,
            dedupeKey: `report-reminder:${first.contract_id}:${first.due_on}:${offset}`,
          });
          queued += ids.length;
        }
      });
    }
    return queued;
  }
}

/** The reports' scheduled reminders, for the worker process. */
@Module({ providers: [ReportRemindersSweep], exports: [ReportRemindersSweep] })
export class ReportRemindersModule {}
