import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { AllocationModule } from '../allocation/allocation.module';
import { AuditModule } from '../audit/audit.module';
import { CompetitionsModule } from '../competitions/competitions.module';
import { ArmsComplianceService } from './arms-compliance.service';
import { TrainingAttendance } from './entities/training-attendance.entity';
import { TrainingSession } from './entities/training-session.entity';
import { TrainingController } from './training.controller';
import { TrainingService } from './training.service';

/** Training sessions of the draw's training arms, attendance per person, and the assigned-versus-received table per arm. */
@Module({
  imports: [
    TypeOrmModule.forFeature([TrainingSession, TrainingAttendance]),
    AccessModule,
    AllocationModule,
    AuditModule,
    CompetitionsModule,
  ],
  controllers: [TrainingController],
  providers: [TrainingService, ArmsComplianceService],
  exports: [TrainingService, ArmsComplianceService],
})
export class TrainingModule {}
