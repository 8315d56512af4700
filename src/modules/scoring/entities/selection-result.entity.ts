import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Why each application was or was not selected, as the last selection run decided. */
@Entity('selection_results')
@Index(['competitionId'])
export class SelectionResult {
  @PrimaryColumn('uuid')
  applicationId: string;

  @Column('uuid')
  competitionId: string;

  @Column({ type: 'int', nullable: true })
  rank: number | null;

  @Column({ type: 'double precision', nullable: true })
  mean: number | null;

  @Column({ type: 'boolean' })
  selected: boolean;

  @Column({ type: 'varchar', length: 40 })
  reason: string;

  @Column({ type: 'jsonb', nullable: true })
  params: Record<string, string | number> | null;
}
