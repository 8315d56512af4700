import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompetitionsModule } from '../competitions/competitions.module';
import { CommissionService } from './commission.service';
import { CommissionAssignment } from './entities/assignment.entity';
import { CommissionConflict } from './entities/conflict.entity';
import { CommissionScore } from './entities/score.entity';
import { SelectionResult } from './entities/selection-result.entity';
import { ProtocolService } from './protocol.service';
import { ResultsService } from './results.service';
import { ScoringController } from './scoring.controller';

@Module({
  imports: [TypeOrmModule.forFeature([CommissionConflict, CommissionAssignment, CommissionScore, SelectionResult]), CompetitionsModule],
  controllers: [ScoringController],
  providers: [CommissionService, ResultsService, ProtocolService],
  exports: [ResultsService],
})
export class ScoringModule {}
