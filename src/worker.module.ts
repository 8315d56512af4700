import { Module } from '@nestjs/common';
import { CoreModule } from './common/core/core.module';
import { DatabaseModule } from './common/core/database.module';
import { LoggerModule } from './common/core/logger.module';
import { AuditModule } from './modules/audit/audit.module';
import { NotificationsModule } from './modules/notifications/notifications.module';

/** The worker process: queue consumers and schedulers, no HTTP. */
@Module({
  imports: [CoreModule, LoggerModule, DatabaseModule, AuditModule, NotificationsModule],
})
export class WorkerModule {}
