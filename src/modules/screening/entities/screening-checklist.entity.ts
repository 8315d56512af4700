import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export interface ChecklistLine {
  rule: string;
  passed: boolean;
  /** Why it failed, as a code with parameters (translated when shown). */
  reason: { code: string; params?: Record<string, string | number> } | null;
  /** The organizer's correction, audited. */
  override: { passed: boolean; comment: string; by: string; at: string } | null;
}

/**
 * Technical screening (техникалық іріктеу) of one application: the automatic checklist,
 * the organizer's overrides and decision, and when the applicant was told.
 */
@Entity('screening_checklists')
@Index(['competitionId'])
export class ScreeningChecklist {
  @PrimaryColumn('uuid')
  applicationId: string;

  @Column('uuid')
  competitionId: string;

  @Column({ type: 'jsonb' })
  lines: ChecklistLine[];

  @Column({ type: 'varchar', length: 16, nullable: true })
  decision: 'screened_in' | 'screened_out' | null;

  @Column({ type: 'text', nullable: true })
  decisionComment: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'timestamptz' })
  checkedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
