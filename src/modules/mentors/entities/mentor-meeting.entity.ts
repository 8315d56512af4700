import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A meeting of a mentor with a team: the day, how long, about what, who of the team came.
 * The same team, day and topic is one meeting: a form sent twice logs it once.
 */
@Entity('mentor_meetings')
@Index('uq_mentor_meeting_once', ['applicationId', 'heldOn', 'topic'], { unique: true })
@Index('ix_mentor_meetings_mentor', ['mentorUserId'])
@Check('chk_mentor_meeting_minutes', `"minutes" >= 5 AND "minutes" <= 600`)
@Check('chk_mentor_meeting_attendees', `cardinality("attendee_iins") > 0`)
export class MentorMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  applicationId: string;

  @Column('uuid')
  mentorUserId: string;

  @Column({ type: 'date' })
  heldOn: string;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'varchar', length: 300 })
  topic: string;

  @Column({ type: 'text', array: true })
  attendeeIins: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
