import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A report stage of a contract whose programmatic and financial reports were both accepted:
 * the tranches waiting for that stage are due from now on. One row per contract and stage.
 */
@Entity('contract_tranche_releases')
@Index('uq_contract_tranche_release', ['contractId', 'stage'], { unique: true })
@Check('chk_contract_tranche_release_stage', `"stage" IN ('interim', 'final')`)
export class ContractTrancheRelease {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne('Contract', { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_contract_tranche_releases_contract' })
  contract?: unknown;

  @Column({ type: 'varchar', length: 10 })
  stage: 'interim' | 'final';

  /** The accepted reports that released it. */
  @Column({ type: 'uuid', array: true })
  reportIds: string[];

  @Column({ type: 'uuid', nullable: true })
  releasedBy: string | null;

  @Column({ type: 'timestamptz' })
  releasedAt: Date;
}
