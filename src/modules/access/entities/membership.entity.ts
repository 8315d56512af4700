import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MEMBERSHIP_ROLES = ['organizer', 'commission', 'mentor'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
export type MembershipStatus = 'invited' | 'active' | 'revoked';

/** A person's role in one competition: organizer, commission member (комиссия мүшесі) or mentor. */
@Entity('competition_memberships')
@Index(['competitionId', 'userId', 'role'], { unique: true })
@Index(['userId'])
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  role: MembershipRole;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: MembershipStatus;

  @Column({ type: 'uuid', nullable: true })
  invitedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
