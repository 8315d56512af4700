import { Module } from '@nestjs/common';
import { CoreModule } from '../common/core/core.module';
import { DatabaseModule } from '../common/core/database.module';
import { AccessModule } from '../modules/access/access.module';
import { AuditModule } from '../modules/audit/audit.module';
import { IdentityModule } from '../modules/identity/identity.module';
import { NotificationsModule } from '../modules/notifications/notifications.module';
import { OrganizationsModule } from '../modules/organizations/organizations.module';
import { TerritoriesModule } from '../modules/territories/territories.module';
import { DemoDataService } from './demo-data.service';
import { DemoCompetitionsService } from './demo-competitions.service';
import { ApplicationsModule } from '../modules/applications/applications.module';
import { CompetitionsModule } from '../modules/competitions/competitions.module';
import { IdempotencyModule } from '../modules/idempotency/idempotency.module';
import { AllocationModule } from '../modules/allocation/allocation.module';
import { ScoringModule } from '../modules/scoring/scoring.module';
import { ScreeningModule } from '../modules/screening/screening.module';
import { DemoStoryService } from './demo-story.service';
import { AwardsModule } from '../modules/awards/awards.module';
import { ContractsModule } from '../modules/contracts/contracts.module';
import { MembersModule } from '../modules/members/members.module';
import { MentorsModule } from '../modules/mentors/mentors.module';
import { PaymentsModule } from '../modules/payments/payments.module';
import { TrainingModule } from '../modules/training/training.module';
import { DemoAfterDecisionService } from './demo-after-decision.service';
import { ReportsModule } from '../modules/reports/reports.module';
import { SurveysModule } from '../modules/surveys/surveys.module';
import { DemoReportsService } from './demo-reports.service';

/** What operator commands need: the services, no HTTP and no queue consumers. */
@Module({
  imports: [
    CoreModule,
    DatabaseModule,
    AccessModule,
    AuditModule,
    NotificationsModule,
    IdentityModule,
    TerritoriesModule,
    OrganizationsModule,
    CompetitionsModule,
    ApplicationsModule,
    IdempotencyModule,
    ScreeningModule,
    ScoringModule,
    AllocationModule,
    AwardsModule,
    ContractsModule,
    MembersModule,
    MentorsModule,
    PaymentsModule,
    TrainingModule,
    // Its activation step makes a contract's reports when the demo countersigns it.
    ReportsModule,
    SurveysModule,
  ],
  providers: [DemoDataService, DemoCompetitionsService, DemoStoryService, DemoAfterDecisionService, DemoReportsService],
})
export class CliModule {}
