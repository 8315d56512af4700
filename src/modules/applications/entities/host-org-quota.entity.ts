import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Submitted applications per host organization in a competition. Submission increments it
 * in the same transaction; the CHECK turns the 8th of 7 into an error even when both arrive
 * at the same moment (the row lock serializes them).
 */
@Entity('host_org_quota')
@Check('chk_host_org_quota', '"used" <= "max_allowed"')
export class HostOrgQuota {
  @PrimaryColumn('uuid')
  competitionId: string;

  @PrimaryColumn('uuid')
  organizationId: string;

  @Column({ type: 'int', default: 0 })
  used: number;

  @Column({ type: 'int' })
  maxAllowed: number;
}
