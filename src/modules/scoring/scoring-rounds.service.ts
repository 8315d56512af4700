import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Rulebook } from '../competitions/domain/rulebook.types';
import { ScoringRound } from './entities/scoring-round.entity';

/** The commission's round on a competition: its quorum, its close, its publication. */
@Injectable()
export class ScoringRounds {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(competitionId: string, manager: EntityManager = this.db.manager): Promise<ScoringRound> {
    const round = await manager.findOneBy(ScoringRound, { competitionId });
    return (
      round ??
      Object.assign(new ScoringRound(), {
        competitionId,
        assignedQuorum: null,
        closedAt: null,
        closedBy: null,
        forcedReason: null,
        belowQuorum: [],
        resultsPublishedAt: null,
      })
    );
  }

  /** Scores each application needs: the quorum set at assignment, else the rulebook's, else one. */
  quorum(round: Pick<ScoringRound, 'assignedQuorum'>, rulebook: Rulebook): number {
    return round.assignedQuorum ?? rulebook.selection.quorum ?? 1;
  }

  async save(
    tx: EntityManager,
    competitionId: string,
    changes: Partial<Omit<ScoringRound, 'competitionId'>>,
  ): Promise<void> {
    await tx.upsert(ScoringRound, { competitionId, ...changes }, ['competitionId']);
  }
}
