import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type CompetitionStatus =
  | 'draft'
  | 'open'
  | 'closed'
  | 'screening'
  | 'scoring'
  | 'results'
  | 'contracting'
  | 'implementation'
  | 'completed';

/**
 * A competition (конкурс). This first shape carries what memberships and invitations need;
 * the rulebook, dates and counts arrive with the competitions feature.
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

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: CompetitionStatus;

  @Column({ type: 'varchar', length: 40, default: 'Asia/Almaty' })
  timeZone: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
