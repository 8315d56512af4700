import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Application given to a commission member to score. */
@Entity('commission_assignments')
@Index(['competitionId', 'memberId'])
export class CommissionAssignment {
  @PrimaryColumn('uuid')
  applicationId: string;

  @PrimaryColumn('uuid')
  memberId: string;

  @Column('uuid')
  competitionId: string;
}
