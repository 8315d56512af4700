import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One person present at one training session: a member (by IIN) of a team whose arm
 * includes training. Present once per session (the key), whatever the checklist is sent again.
 */
@Entity('training_attendance')
@Index('ix_training_attendance_application', ['applicationId'])
export class TrainingAttendance {
  @PrimaryColumn('uuid')
  sessionId: string;

  @PrimaryColumn({ type: 'char', length: 12 })
  iin: string;

  @Column('uuid')
  applicationId: string;

  @Column('uuid')
  markedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  markedAt: Date;
}
