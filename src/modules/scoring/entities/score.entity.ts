import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export interface CriterionScore {
  criterion: string;
  points: number;
  comment?: string;
}

/**
 * One member's scores of one application. `version` is checked on every save
 * (`UPDATE … WHERE version = $n`), so two browser tabs cannot overwrite each other.
 */
@Entity('commission_scores')
@Index(['competitionId'])
export class CommissionScore {
  @PrimaryColumn('uuid')
  applicationId: string;

  @PrimaryColumn('uuid')
  memberId: string;

  @Column('uuid')
  competitionId: string;

  @Column({ type: 'jsonb' })
  scores: CriterionScore[];

  /** Weighted total (domain/score-rules weightedTotal); aggregated in SQL. */
  @Column({ type: 'double precision' })
  total: number;

  /** Points per criterion in rulebook order, for tie-breaks without unpacking JSON. */
  @Column({ type: 'double precision', array: true })
  criterionPoints: number[];

  @Column({ type: 'int' })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
