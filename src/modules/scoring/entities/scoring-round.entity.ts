import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The commission's round on one competition: the quorum the organizer set when assigning
 * (its own audited decision; the rulebook is never rewritten), the close that froze the
 * scores, and the publication of the results.
 */
@Entity('scoring_rounds')
export class ScoringRound {
  @PrimaryColumn('uuid')
  competitionId: string;

  /** Scores needed per application, when the organizer set it at assignment; else the rulebook's. */
  @Column({ type: 'int', nullable: true })
  assignedQuorum: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedBy: string | null;

  /** Why scoring was closed with applications below the quorum (listed in `belowQuorum`). */
  @Column({ type: 'text', nullable: true })
  forcedReason: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  belowQuorum: string[];

  @Column({ type: 'timestamptz', nullable: true })
  resultsPublishedAt: Date | null;
}
