import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportSnapshot } from '../domain/report-content';

/**
 * A report as it was submitted: the content, the server's computed figures (the financial
 * table) and the attachments at that moment. Written once, never changed or deleted (a
 * trigger refuses it), so what the organizer reviewed can always be read back.
 */
@Entity('report_versions')
@Index('uq_report_version', ['reportId', 'number'], { unique: true })
export class ReportVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  reportId: string;

  /** 1 for the first submission, then +1 for each resubmission. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'jsonb' })
  snapshot: ReportSnapshot;

  /** The due date in force when it was submitted, and whether it came after it. */
  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @Column('uuid')
  submittedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
