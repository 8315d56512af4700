import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ContractsModule } from '../contracts/contracts.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ContractPayment } from './entities/contract-payment.entity';
import { ContractTrancheHold } from './entities/contract-tranche-hold.entity';
import { ContractTrancheRelease } from './entities/contract-tranche-release.entity';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

/** Payments of grant contracts: the schedule of tranches and the payments recorded against it. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ContractPayment, ContractTrancheHold, ContractTrancheRelease]),
    AuditModule,
    ContractsModule,
    NotificationsModule,
  ],
  controllers: [PaymentsController],
  providers: [PaymentsService],
  exports: [PaymentsService],
})
export class PaymentsModule {}
