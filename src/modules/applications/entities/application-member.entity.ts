import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EducationStatus } from '../../identity/entities/person.entity';

/**
 * A team member as entered on the application. `active` turns true on submission; the
 * partial unique index then makes "one person in one application per competition" a
 * database fact that two concurrent submissions cannot both pass.
 */
@Entity('application_members')
@Index(['applicationId'])
@Index('uq_member_one_application', ['competitionId', 'iin'], { unique: true, where: 'active' })
@Check(
  'chk_application_members_education_status',
  `"education_status" IN ('school_leaver', 'college_student', 'university_student', 'college_graduate', 'university_graduate', 'other')`,
)
export class ApplicationMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  applicationId: string;

  @Column('uuid')
  competitionId: string;

  @Column({ type: 'char', length: 12 })
  iin: string;

  @Column({ type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'varchar', length: 100 })
  firstName: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** Derived from the IIN. */
  @Column({ type: 'date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 6 })
  gender: 'male' | 'female';

  @Column({ type: 'boolean', default: false })
  isLeader: boolean;

  /** Decides the member's social stipend (EDUCATION_STATUSES); null until the team states it. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  educationStatus: EducationStatus | null;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'boolean', default: false })
  active: boolean;
}
