import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { CompetitionsModule } from '../competitions/competitions.module';
import { CommissionOverview } from './commission-overview.service';
import { CommissionService } from './commission.service';
import { CommissionAssignment } from './entities/assignment.entity';
import { CommissionConflict } from './entities/conflict.entity';
import { CommissionScore } from './entities/score.entity';
import { RankingEntry } from './entities/ranking-entry.entity';
import { ScoringRound } from './entities/scoring-round.entity';
import { SelectionResult } from './entities/selection-result.entity';
import { ScoringRounds } from './scoring-rounds.service';
import { ProtocolController } from './protocol.controller';
import { ProtocolMeetings } from './protocol-meeting.service';
import { ProtocolService } from './protocol.service';
import { ResultsPublication } from './results-publication';
import { ResultsService } from './results.service';
import { ScoringController } from './scoring.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      CommissionConflict,
      CommissionAssignment,
      CommissionScore,
      SelectionResult,
      ScoringRound,
      RankingEntry,
    ]),
    CompetitionsModule,
    ApplicationsModule,
  ],
  controllers: [ScoringController, ProtocolController],
  providers: [
    CommissionService,
    CommissionOverview,
    ResultsService,
    ResultsPublication,
    ProtocolService,
    ProtocolMeetings,
    ScoringRounds,
  ],
  exports: [ResultsService, CommissionService, CommissionOverview, ProtocolMeetings, ProtocolService, ScoringRounds],
})
export class ScoringModule {}
