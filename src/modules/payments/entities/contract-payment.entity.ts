import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * A payment (төлем / платёж) made under a grant contract, against one of its tranches: how
 * much, on which day, and the payment order's reference. Never changed once written. A
 * trigger (migration 1796100000000) refuses a row that would take the contract's payments
 * above `contracts.amount`, locking the contract row so two writers cannot both pass.
 */
@Entity('contract_payments')
@Index('idx_contract_payments_contract', ['contractId', 'tranche'])
@Check('chk_contract_payment_amount', `"amount" > 0`)
@Check('chk_contract_payment_tranche', `"tranche" >= 1`)
export class ContractPayment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  contractId: string;

  /** By name, not by class: the contracts module owns that entity. */
  @ManyToOne('Contract', { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_contract_payments_contract' })
  contract?: unknown;

  @Column('uuid')
  competitionId: string;

  /** The tranche's 1-based index in the contract's schedule. */
  @Column('int')
  tranche: number;

  /** Integer tenge. */
  @Column({ type: 'bigint', transformer: bigintNumber })
  amount: number;

  @Column({ type: 'date' })
  paidOn: string;

  /** The payment order's number (төлем тапсырмасы / платёжное поручение). */
  @Column({ type: 'varchar', length: 100 })
  reference: string;

  @Column('uuid')
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
