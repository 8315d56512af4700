import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A commission member's conflict of interest with one application. Declared ones, and
 * suggested ones until the member dismisses them with a reason, keep the member away from
 * that application everywhere: assignment, scoring, aggregation, protocol.
 */
@Entity('commission_conflicts')
@Index(['competitionId', 'memberId'])
export class CommissionConflict {
  @PrimaryColumn('uuid')
  applicationId: string;

  @PrimaryColumn('uuid')
  memberId: string;

  @Column('uuid')
  competitionId: string;

  @Column({ type: 'varchar', length: 10 })
  source: 'declared' | 'suggested';

  /** `dismissed` only for suggestions the member rejected with a reason. */
  @Column({ type: 'varchar', length: 10 })
  status: 'confirmed' | 'pending' | 'dismissed';

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
