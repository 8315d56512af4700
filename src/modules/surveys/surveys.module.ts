import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompetitionsModule } from '../competitions/competitions.module';
import { ContractsModule } from '../contracts/contracts.module';
import { SurveyAnswer } from './entities/survey-answer.entity';
import { SurveyBatch } from './entities/survey-batch.entity';
import { SurveyLink } from './entities/survey-link.entity';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

/** The participants' satisfaction survey: one link (or short code) per participant, one answer per link. */
@Module({
  imports: [TypeOrmModule.forFeature([SurveyBatch, SurveyLink, SurveyAnswer]), CompetitionsModule, ContractsModule],
  controllers: [SurveysController],
  providers: [SurveysService],
  exports: [SurveysService],
})
export class SurveysModule {}
