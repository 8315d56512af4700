import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportBeneficiaries } from './entities/report-beneficiaries.entity';
import { ReportParticipant } from './entities/report-participant.entity';
import { ParticipantsService } from './participants.service';

/** The operator's final report (the 004 form) computed from the data, as JSON, DOCX and XLSX. */
@Module({
  imports: [TypeOrmModule.forFeature([ReportParticipant, ReportBeneficiaries])],
  controllers: [],
  providers: [ParticipantsService],
  exports: [ParticipantsService],
})
export class FinalReportModule {}
