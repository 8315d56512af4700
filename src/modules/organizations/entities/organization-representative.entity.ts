import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Accounts that act for an organization: apply, sign, report on its behalf. */
@Entity('organization_representatives')
@Index(['userId'])
export class OrganizationRepresentative {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'uuid', nullable: true })
  addedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
