import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../audit/audit.module';
import { CompetitionsModule } from '../competitions/competitions.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ContractActivations } from './contract-activations';
import { ContractParties } from './contract-parties';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';
import { ContractRevision } from './entities/contract-revision.entity';
import { Contract } from './entities/contract.entity';

/** Grant contracts: generated per winner from a template, sent, signed by the grantee, countersigned, versions, termination. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Contract, ContractRevision]),
    AccessModule,
    ApplicationsModule,
    AuditModule,
    CompetitionsModule,
    FilesModule,
    NotificationsModule,
    OrganizationsModule,
  ],
  controllers: [ContractsController],
  providers: [ContractsService, ContractActivations, ContractParties],
  exports: [ContractsService, ContractActivations, ContractParties],
})
export class ContractsModule {}
