import { Module } from '@nestjs/common';
import { CoreModule } from './common/core/core.module';
import { DatabaseModule } from './common/core/database.module';
import { LoggerModule } from './common/core/logger.module';
import { AuditModule } from './modules/audit/audit.module';
import { ApplicationRemindersModule } from './modules/applications/application-reminders.module';
import { ScoringRemindersModule } from './modules/scoring/scoring-reminders.sweep';
import { MentorRemindersModule } from './modules/mentors/mentor-reminders.sweep';
import { ReportRemindersModule } from './modules/reports/report-reminders.sweep';
import { AccessModule } from './modules/access/access.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { NotificationsWorkerModule } from './modules/notifications/notifications-worker.module';

/** The worker process: queue consumers and schedulers, no HTTP. */
@Module({
  imports: [
    CoreModule,
    LoggerModule,
    DatabaseModule,
    AccessModule,
    AuditModule,
    NotificationsModule,
    NotificationsWorkerModule,
    ApplicationRemindersModule,
    ScoringRemindersModule,
    MentorRemindersModule,
    ReportRemindersModule,
  ],
})
export class WorkerModule {}
