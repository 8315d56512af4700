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

/**
 * A training session (оқыту / обучение: the life-skills and project-management programme of
 * the draw's training arms) of a competition: when, how long, about what, where or online.
 * The same day and topic is one session: a form sent twice creates it once.
 */
@Entity('training_sessions')
@Index('uq_training_session_once', ['competitionId', 'heldOn', 'topic'], { unique: true })
@Check('chk_training_session_minutes', `"minutes" >= 15 AND "minutes" <= 600`)
@Check('chk_training_session_place', `"online" OR length(btrim("place")) > 0`)
export class TrainingSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  competitionId: string;

  @Column({ type: 'date' })
  heldOn: string;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'varchar', length: 300 })
  topic: string;

  @Column({ type: 'boolean', default: false })
  online: boolean;

  /** The address (or the platform, when online). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  place: string | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Bumped by every change of the attendance: a checklist sent from a stale page is refused (409). */
  @VersionColumn()
  version: number;
}
