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
import type { ContractContent } from '../domain/contract-terms';
import type { ContractStatus } from '../domain/contract-status';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * A grant contract (шарт / договор) with one winner. Its status follows
 * domain/contract-status (ContractsService is the only writer). `content` is what the
 * document says; once the contract is sent it is frozen (a trigger refuses a change of it
 * within the same revision) and kept in `contract_revisions`; a change is a new revision.
 * One contract per application (unique), numbered per competition.
 */
@Entity('contracts')
@Index('uq_contract_application', ['applicationId'], { unique: true })
@Index('uq_contract_sequence', ['competitionId', 'sequenceNo'], { unique: true })
@Index(['competitionId', 'status'])
@Check('chk_contract_status', `"status" IN ('draft', 'sent', 'signed_by_grantee', 'active', 'completed', 'terminated')`)
@Check('chk_contract_amount', `"amount" >= 0`)
@Check('chk_contract_terminated_reason', `"status" <> 'terminated' OR length(btrim("termination_reason")) > 0`)
export class Contract {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  applicationId: string;

  /** `MG-2026/001`: domain/contract-terms contractNumber. */
  @Column({ type: 'varchar', length: 32 })
  number: string;

  @Column({ type: 'int' })
  sequenceNo: number;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: ContractStatus;

  /** The content's edition: 1, then +1 for each change after sending. */
  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ type: 'jsonb' })
  content: ContractContent;

  /** The contract sum (content.amounts.total), for payments to check against. */
  @Column({ type: 'bigint', transformer: bigintNumber })
  amount: number;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  signedCopyKey: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  signedCopyKind: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  signedCopySha256: string | null;

  @Column({ type: 'int', nullable: true })
  signedCopySize: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  signedCopyName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  signedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  countersignedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  countersignedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  terminatedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  terminationReason: string | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
