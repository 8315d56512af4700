import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportBeneficiaries } from './entities/report-beneficiaries.entity';
import { ReportParticipant } from './entities/report-participant.entity';
import { ParticipantsService } from './participants.service';
import { FinalReportController } from './final-report.controller';
import { FinalReportService } from './final-report.service';
import { AccessModule } from '../access/access.module';
import { CompetitionsModule } from '../competitions/competitions.module';
import { SurveysModule } from '../surveys/surveys.module';

/** The operator's final report (the 004 form) computed from the data, as JSON, DOCX and XLSX. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ReportParticipant, ReportBeneficiaries]),
    AccessModule,
    CompetitionsModule,
    SurveysModule,
  ],
  controllers: [FinalReportController],
  providers: [ParticipantsService, FinalReportService],
  exports: [ParticipantsService, FinalReportService],
})
export class FinalReportModule {}
