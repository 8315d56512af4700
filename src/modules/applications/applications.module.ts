import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompetitionsModule } from '../competitions/competitions.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { TerritoriesModule } from '../territories/territories.module';
import { ApplicationLifecycle } from './application-lifecycle.service';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { OutcomePublications } from './outcome-publications';
import { Application } from './entities/application.entity';
import { ApplicationMember } from './entities/application-member.entity';
import { Attachment } from './entities/attachment.entity';
import { HostOrgQuota } from './entities/host-org-quota.entity';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './use-cases/attachments/attachments.service';
import { FilesModule } from '../files/files.module';
import { RegistrationJournalController } from './registration-journal.controller';
import { RegistrationJournalService } from './use-cases/registration-journal/registration-journal.service';
import { SubmitApplicationService } from './use-cases/submit-application/submit-application.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Application, ApplicationMember, Attachment, HostOrgQuota]),
    CompetitionsModule,
    OrganizationsModule,
    TerritoriesModule,
    FilesModule,
  ],
  controllers: [ApplicationsController, RegistrationJournalController, AttachmentsController],
  providers: [
    ApplicationsService,
    ApplicationLifecycle,
    SubmitApplicationService,
    RegistrationJournalService,
    AttachmentsService,
    OutcomePublications,
  ],
  exports: [
    ApplicationsService,
    ApplicationLifecycle,
    SubmitApplicationService,
    AttachmentsService,
    OutcomePublications,
    RegistrationJournalService,
  ],
})
export class ApplicationsModule {}
