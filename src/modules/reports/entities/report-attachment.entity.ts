import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportAttachmentKind } from '../domain/report-content';

/**
 * A file of a report: a photo, a receipt (of one budget line), a list of participants, or
 * another document. Removing one from a draft only marks it removed: a submitted version
 * that listed it still opens it.
 */
@Entity('report_attachments')
@Index('ix_report_attachment_report', ['reportId'])
@Check('chk_report_attachment_kind', `"kind" IN ('photo', 'receipt', 'participants_list', 'document')`)
@Check('chk_report_attachment_receipt_line', `"kind" <> 'receipt' OR "budget_line" IS NOT NULL`)
export class ReportAttachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  reportId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ReportAttachmentKind;

  /** The approved budget's line (0-based) a receipt belongs to. */
  @Column({ type: 'int', nullable: true })
  budgetLine: number | null;

  @Column({ type: 'varchar', length: 60 })
  storageKey: string;

  @Column({ type: 'varchar', length: 8 })
  fileKind: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column('uuid')
  uploadedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
