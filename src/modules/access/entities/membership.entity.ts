import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { MembershipRole, MembershipStatus } from '../domain/membership-roles';

export type { MembershipRole, MembershipStatus } from '../domain/membership-roles';

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
