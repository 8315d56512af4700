import { Module } from '@nestjs/common';
import { AllocationModule } from '../modules/allocation/allocation.module';
import { ApplicationsModule } from '../modules/applications/applications.module';
import { CompetitionsModule } from '../modules/competitions/competitions.module';
import { IdentityModule } from '../modules/identity/identity.module';
import { OrganizationsModule } from '../modules/organizations/organizations.module';
import { MembersModule } from '../modules/members/members.module';
import { TerritoriesModule } from '../modules/territories/territories.module';
import { ScoringModule } from '../modules/scoring/scoring.module';
import { ScreeningModule } from '../modules/screening/screening.module';
import { PasswordResetController } from './account/password-reset.controller';
import { SignInController } from './account/sign-in.controller';
import { SignInLinkController } from './account/sign-in-link.controller';
import { SignUpController } from './account/sign-up.controller';
import { ApplicationBudgetController } from './applicant/application-budget';
import { ApplicationDocumentsController } from './applicant/application-documents';
import { ApplicationProjectController } from './applicant/application-project';
import { ApplicationStartController } from './applicant/application-start';
import { ApplicationSubmitController } from './applicant/application-submit';
import { ApplicationTeamController } from './applicant/application-team';
import { ApplicationViewController } from './applicant/application-view';
import { MePageController } from './applicant/me-page.controller';
import { MeProfileController } from './applicant/me-profile.controller';
import { OrganizationPagesController } from './applicant/organization-pages.controller';
import { OrganizerPagesController } from './organizer/organizer-pages.controller';
import { CommissionPagesController } from './commission/commission-pages.controller';
import { CompetitionSetupPagesController } from './organizer/setup/competition-setup.controller';
import { MembersPagesController } from './organizer/members/members-pages.controller';
import { InvitationPagesController } from './account/invitation.controller';
import { ConflictPagesController } from './commission/conflicts.controller';
import { CommissionResultsPagesController } from './organizer/results/commission-results.controller';
import { DrawCeremonyPagesController } from './organizer/draw/draw-ceremony.controller';
import { OperationsPagesController } from './operations/operations.controller';
import { RulesSectionsPagesController } from './organizer/setup/rules-sections.controller';
import { AwardsPagesController } from './awards/awards-pages.controller';
import { ContractsPagesController } from './contracts/contracts-pages.controller';
import { MentorsPagesController } from './mentors/mentors-pages.controller';
import { StipendsPagesController } from './stipends/stipends-pages.controller';
import { AwardsModule } from '../modules/awards/awards.module';
import { ContractsModule } from '../modules/contracts/contracts.module';
import { MentorsModule } from '../modules/mentors/mentors.module';
import { StipendsModule } from '../modules/stipends/stipends.module';
import { PaymentsModule } from '../modules/payments/payments.module';
import { TrainingModule } from '../modules/training/training.module';
import { ReportsModule } from '../modules/reports/reports.module';
import { SurveysModule } from '../modules/surveys/surveys.module';
import { FinalReportModule } from '../modules/final-report/final-report.module';
import { TrainingPagesController } from './training/training-pages.controller';
import { ReportsPagesController } from './reports/reports-pages.controller';
import { SurveysPagesController } from './surveys/surveys-pages.controller';
import { FinalReportPagesController } from './final-report/final-report-pages.controller';
import { PaymentsPagesController } from './payments/payments-pages.controller';
import { CsrfGuard } from './core/csrf.guard';
import { WebExceptionFilter } from './core/web-exception.filter';
import { WebPages } from './core/web-pages.service';
import { DrawPageController } from './public/draw-page.controller';
import { PublicPagesController } from './public/public.controller';

/**
 * The web pages: server-rendered HTML under `/` from the same process as the API. Page
 * controllers call the modules' services (the same rules, the same audit); no rule lives in a view.
 */
@Module({
  imports: [
    IdentityModule,
    ApplicationsModule,
    CompetitionsModule,
    OrganizationsModule,
    TerritoriesModule,
    ScreeningModule,
    ScoringModule,
    AllocationModule,
    MembersModule,
    AwardsModule,
    ContractsModule,
    StipendsModule,
    MentorsModule,
    PaymentsModule,
    TrainingModule,
    ReportsModule,
    SurveysModule,
    FinalReportModule,
  ],
  controllers: [
    SignInController,
    SignUpController,
    PasswordResetController,
    SignInLinkController,
    ApplicationStartController,
    ApplicationProjectController,
    ApplicationTeamController,
    ApplicationBudgetController,
    ApplicationDocumentsController,
    ApplicationSubmitController,
    ApplicationViewController,
    MePageController,
    MeProfileController,
    OrganizationPagesController,
    PublicPagesController,
    DrawPageController,
    OrganizerPagesController,
    CommissionPagesController,
    CompetitionSetupPagesController,
    RulesSectionsPagesController,
    AwardsPagesController,
    ContractsPagesController,
    StipendsPagesController,
    MentorsPagesController,
    TrainingPagesController,
    ReportsPagesController,
    SurveysPagesController,
    FinalReportPagesController,
    PaymentsPagesController,
    MembersPagesController,
    InvitationPagesController,
    ConflictPagesController,
    CommissionResultsPagesController,
    DrawCeremonyPagesController,
    OperationsPagesController,
  ],
  providers: [WebPages, CsrfGuard, WebExceptionFilter],
  exports: [WebPages, WebExceptionFilter],
})
export class WebModule {}
