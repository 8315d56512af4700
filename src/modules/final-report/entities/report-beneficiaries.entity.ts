import { Check, Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A programmatic report's direct and indirect beneficiaries (the 004 form's socio-economic table), one row per report. */
@Entity('report_beneficiaries')
@Index('idx_report_beneficiaries_competition', ['competitionId'])
@Check('chk_report_beneficiaries_counts', `"direct" >= 0 AND "indirect" >= 0`)
export class ReportBeneficiaries {
  @PrimaryColumn('uuid')
  reportId: string;

  @Column('uuid')
  contractId: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  applicationId: string;

  @Column({ type: 'int' })
  direct: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  indirect: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
