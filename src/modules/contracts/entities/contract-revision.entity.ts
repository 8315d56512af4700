import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ContractContent } from '../domain/contract-terms';

/**
 * A sent edition of a contract, exactly as it was sent: written when the contract is sent,
 * never changed after (a trigger refuses it), except to note when a newer revision replaced
 * it and what had been signed of it.
 */
@Entity('contract_revisions')
@Index('uq_contract_revision', ['contractId', 'revision'], { unique: true })
export class ContractRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  contractId: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'jsonb' })
  content: ContractContent;

  @Column({ type: 'timestamptz' })
  sentAt: Date;

  @Column('uuid')
  sentBy: string;

  /** The signed copy of this revision, if the grantee had uploaded one before it was replaced. */
  @Column({ type: 'jsonb', nullable: true })
  signedCopy: { key: string; kind: string; sha256: string; size: number; name: string; signedAt: string } | null;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Column({ type: 'text', nullable: true })
  supersedeReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
