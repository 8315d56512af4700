import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { ReportingStage } from '../../competitions/domain/rulebook.types';
import type { ReportContent } from '../domain/report-content';
import type { ReportKind, ReportStatus } from '../domain/report-status';

/**
 * A winner's programmatic or financial report (бағдарламалық / қаржылық есеп) of one stage of
 * its contract. Created when the contract comes into force, with the due date the contract
 * states (stored, never recomputed); the organizer may move it or allow a late submission.
 * `content` is the grantee's working copy; each submission is kept in report_versions.
 */
@Entity('reports')
@Index('uq_report_contract_kind_stage', ['contractId', 'kind', 'stage'], { unique: true })
@Index('ix_report_competition_status', ['competitionId', 'status'])
@Index('ix_report_due', ['dueOn', 'status'])
@Check('chk_report_kind', `"kind" IN ('programmatic', 'financial')`)
@Check('chk_report_stage', `"stage" IN ('interim', 'final')`)
@Check('chk_report_status', `"status" IN ('draft', 'submitted', 'returned', 'resubmitted', 'accepted')`)
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  contractId: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  applicationId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ReportKind;

  @Column({ type: 'varchar', length: 10 })
  stage: ReportingStage;

  /** When it is due (a calendar date in the competition's zone): the contract's, or as the organizer moved it. */
  @Column({ type: 'date' })
  dueOn: string;

  /** The contract's due date, as the schedule was created. */
  @Column({ type: 'date' })
  scheduledDueOn: string;

  /** A first submission after the due date is accepted until this day (the organizer's allowance). */
  @Column({ type: 'date', nullable: true })
  lateUntil: string | null;

  @Column({ type: 'varchar', length: 12, default: 'draft' })
  status: ReportStatus;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  content: ReportContent;

  /** How many times it was submitted: the number of its last version. */
  @Column({ type: 'int', default: 0 })
  submissions: number;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
