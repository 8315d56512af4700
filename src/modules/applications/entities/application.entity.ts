import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { SERIES_NUMBER_SQL } from '../domain/application-number';

export const APPLICANT_KINDS = ['initiative_group', 'ngo', 'host_organization', 'individual'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export interface BudgetLine {
  item: string;
  quantity: number;
  unitCost: number;
  total: number;
}

/**
 * An application (өтінім) to a competition. Its status follows domain/application-status;
 * limits that must hold under concurrency are database constraints, not checks before insert:
 * one initiative group one application (partial unique index below), one person one
 * application (application_members), at most N per host organization (host_org_quota).
 */
@Entity('applications')
@Index(['competitionId', 'status'])
@Index(['applicantUserId'])
@Index('uq_application_number', ['competitionId', 'number'], { unique: true, where: 'number IS NOT NULL' })
@Index('uq_application_public_number', ['number'], { unique: true, where: SERIES_NUMBER_SQL })
@Index('uq_application_per_group', ['competitionId', 'applicantUserId'], {
  unique: true,
  where: `applicant_kind = 'initiative_group' AND status NOT IN ('draft', 'withdrawn')`,
})
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  applicantUserId: string;

  @Column({ type: 'varchar', length: 20 })
  applicantKind: ApplicantKind;

  /** The NGO applying, or the host organization applying on a group's behalf. */
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: string;

  /** Public number, e.g. MG2-2026-0007 (domain/application-number); given as the last step of submission. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  number: string | null;

  @Column({ type: 'int', nullable: true })
  sequenceNo: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  territoryCode: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  direction: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  nomination: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  answers: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  budgetLines: BudgetLine[];

  /** Sum of the budget lines, computed by the server. */
  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  amountRequested: number;

  /** Arm of the random allocation (A, B, C): decides grant, training and mentor later on. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  arm: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
