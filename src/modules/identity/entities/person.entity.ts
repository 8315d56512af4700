import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** Entered categories; children, youth, over-50s and disability are derived, never entered. */
export const SOCIAL_CATEGORIES = [
  'civil_servant',
  'public_sector_worker',
  'unemployed',
  'registered_unemployed',
  'neet',
  'low_income',
  'ngo_representative',
  'business',
  'other',
] as const;
export type SocialCategory = (typeof SOCIAL_CATEGORIES)[number];

/** Decides the social stipend: 26 000 ₸ for the first three, 61 000 ₸ for graduates. */
export const EDUCATION_STATUSES = [
  'school_leaver',
  'college_student',
  'university_student',
  'college_graduate',
  'university_graduate',
  'other',
] as const;
export type EducationStatus = (typeof EDUCATION_STATUSES)[number];

/**
 * A natural person identified by IIN (ЖСН/ИИН). Team members are persons too, possibly
 * without an account, so the account link is optional and the IIN is the identity.
 */
@Entity('persons')
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'char', length: 12 })
  iin: string;

  @Index({ unique: true, where: 'user_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'varchar', length: 100 })
  firstName: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  middleName: string | null;

  @Column({ type: 'date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 6 })
  gender: Gender;

  /** E.164, e.g. +77012345678. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  socialCategories: SocialCategory[];

  @Column({ type: 'varchar', length: 24, nullable: true })
  educationStatus: EducationStatus | null;

  @Column({ type: 'boolean', default: false })
  hasDisability: boolean;

  /** Job title of staff and commission members (лауазымы / должность), printed next to their name on documents. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  position: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
