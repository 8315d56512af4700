import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The organizer withholds a tranche (with a reason) until lifted (with a reason too). The
 * rows stay as history; at most one hold per tranche is in force (lifted_at null).
 */
@Entity('contract_tranche_holds')
@Index('uq_contract_tranche_hold_active', ['contractId', 'tranche'], { unique: true, where: '"lifted_at" IS NULL' })
export class ContractTrancheHold {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne('Contract', { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_contract_tranche_holds_contract' })
  contract?: unknown;

  @Column('int')
  tranche: number;

  @Column('text')
  reason: string;

  @Column('uuid')
  heldBy: string;

  @Column({ type: 'timestamptz' })
  heldAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  liftedBy: string | null;

  @Column({ type: 'text', nullable: true })
  liftReason: string | null;
}
