import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../audit/audit.module';
import { ContractsModule } from '../contracts/contracts.module';
import { FilesModule } from '../files/files.module';
import { FinalReportModule } from '../final-report/final-report.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { ReportAttachment } from './entities/report-attachment.entity';
import { ReportReview } from './entities/report-review.entity';
import { ReportVersion } from './entities/report-version.entity';
import { Report } from './entities/report.entity';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Winners' programmatic and financial reports: fixed due dates, versions, review, reminders. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Report, ReportVersion, ReportReview, ReportAttachment]),
    AccessModule,
    ApplicationsModule,
    AuditModule,
    ContractsModule,
    FilesModule,
    FinalReportModule,
    NotificationsModule,
    PaymentsModule,
  ],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
