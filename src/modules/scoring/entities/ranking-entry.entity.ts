import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The ranking as it stood when scoring closed: one row per application, in ranking order.
 * The ranking, the protocol and the public results are served from here, never recomputed
 * from live data; the database refuses to change or delete a row.
 */
@Entity('ranking_entries')
@Index(['competitionId', 'position'], { unique: true })
export class RankingEntry {
  @PrimaryColumn('uuid')
  competitionId: string;

  @PrimaryColumn('uuid')
  applicationId: string;

  @Column('int')
  position: number;

  /** The row as published: totals, rank, tie-break facts (see results.service RankingRow). */
  @Column('jsonb')
  entry: Record<string, unknown>;
}
