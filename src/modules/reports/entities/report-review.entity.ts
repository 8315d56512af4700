import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The organizer's decision on one submitted version: accepted, or returned with a comment and
 * comments per section. One per version; never changed or deleted (a trigger refuses it).
 */
@Entity('report_reviews')
@Index('uq_report_review_version', ['reportId', 'versionNumber'], { unique: true })
@Check('chk_report_review_decision', `"decision" IN ('accepted', 'returned')`)
export class ReportReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  reportId: string;

  @Column({ type: 'int' })
  versionNumber: number;

  @Column({ type: 'varchar', length: 10 })
  decision: 'accepted' | 'returned';

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  sections: { section: string; comment: string }[];

  @Column('uuid')
  reviewedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  reviewedAt: Date;
}
