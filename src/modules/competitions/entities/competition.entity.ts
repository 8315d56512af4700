import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type CompetitionStatus =
  'draft' | 'open' | 'closed' | 'screening' | 'scoring' | 'results' | 'contracting' | 'implementation' | 'completed';

/**
 * A competition (конкурс), created from a template and carrying its rulebook (ереже): who
 * may apply, the form, documents, amounts, criteria, selection rule, arms and deadline.
 */
@Entity('competitions')
export class Competition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  templateCode: string;

  @Column({ type: 'varchar', length: 300 })
  titleKk: string;

  @Column({ type: 'varchar', length: 300 })
  titleRu: string;

  @Column({ type: 'text', nullable: true })
  descriptionKk: string | null;

  @Column({ type: 'text', nullable: true })
  descriptionRu: string | null;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: CompetitionStatus;

  /** Validated by domain/rulebook.validation whenever it is saved. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  rulebook: Record<string, unknown>;

  /** Stored in UTC; shown in `timeZone`. */
  @Column({ type: 'timestamptz', nullable: true })
  submissionDeadline: Date | null;

  /** Prefix of public application numbers, e.g. MG in MG-2026-0007. */
  @Column({ type: 'varchar', length: 4 })
  numberPrefix: string;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 40, default: 'Asia/Almaty' })
  timeZone: string;

  /** The organization that runs it (organizations module): named on every document and as the e-mail sender. */
  @Column({ type: 'uuid', nullable: true })
  organizerOrganizationId: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
