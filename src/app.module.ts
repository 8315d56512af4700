import { Module } from '@nestjs/common';
import { CoreModule } from './common/core/core.module';
import { DatabaseModule } from './common/core/database.module';
import { LoggerModule } from './common/core/logger.module';
import { AccessModule } from './modules/access/access.module';
import { AuditModule } from './modules/audit/audit.module';
import { HealthModule } from './modules/health/health.module';
import { CompetitionsModule } from './modules/competitions/competitions.module';
import { MembersModule } from './modules/members/members.module';
import { ApplicationsModule } from './modules/applications/applications.module';
import { AllocationModule } from './modules/allocation/allocation.module';
import { ScoringModule } from './modules/scoring/scoring.module';
import { ScreeningModule } from './modules/screening/screening.module';
import { IdempotencyModule } from './modules/idempotency/idempotency.module';
import { IdentityModule } from './modules/identity/identity.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { TerritoriesModule } from './modules/territories/territories.module';
import { WebModule } from './web/web.module';
import { AwardsModule } from './modules/awards/awards.module';
import { ContractsModule } from './modules/contracts/contracts.module';
import { MentorsModule } from './modules/mentors/mentors.module';
import { StipendsModule } from './modules/stipends/stipends.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { TrainingModule } from './modules/training/training.module';
import { ReportsModule } from './modules/reports/reports.module';
import { SurveysModule } from './modules/surveys/surveys.module';
import { FinalReportModule } from './modules/final-report/final-report.module';

/** The API process: HTTP controllers of every feature, and the web pages. */
@Module({
  imports: [
    CoreModule,
    LoggerModule,
    DatabaseModule,
    AccessModule,
    AuditModule,
    NotificationsModule,
    IdentityModule,
    TerritoriesModule,
    OrganizationsModule,
    CompetitionsModule,
    MembersModule,
    IdempotencyModule,
    ApplicationsModule,
    ScreeningModule,
    ScoringModule,
    AllocationModule,
    AwardsModule,
    ContractsModule,
    StipendsModule,
    MentorsModule,
    PaymentsModule,
    TrainingModule,
    ReportsModule,
    SurveysModule,
    FinalReportModule,
    HealthModule,
    WebModule,
  ],
})
export class AppModule {}
