import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A team (an application drawn into arm A or C) and its mentor (тәлімгер). One mentor per
 * team. A trigger keeps each mentor's load in `mentor_loads`, whose CHECK constraints
 * refuse a third project or an eleventh person even when two organizers assign at once.
 */
@Entity('mentor_assignments')
@Index('uq_mentor_assignment_application', ['applicationId'], { unique: true })
@Index('ix_mentor_assignments_mentor', ['mentorUserId'])
@Index('ix_mentor_assignments_competition', ['competitionId'])
@Check('chk_mentor_assignment_people', `"people" > 0`)
export class MentorAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  applicationId: string;

  @Column('uuid')
  mentorUserId: string;

  /** The team's size when assigned: what counts against the mentor's 10 people. */
  @Column({ type: 'int' })
  people: number;

  @Column({ type: 'uuid', nullable: true })
  assignedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt: Date;
}
