import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A competition's series among the competitions of one number prefix: the 2 in MG2-2026-0007.
 * Given at its first submission under a lock per prefix; (prefix, series) is unique, so two
 * competitions of one template never share a code.
 */
@Entity('application_number_series')
@Index('uq_application_number_series', ['prefix', 'series'], { unique: true })
export class NumberSeries {
  @PrimaryColumn('uuid')
  competitionId: string;

  @Column({ type: 'varchar', length: 4 })
  prefix: string;

  @Column({ type: 'int' })
  series: number;
}
