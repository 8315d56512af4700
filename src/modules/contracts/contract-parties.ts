import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/http/actor';
import type { Locale } from '../../common/i18n/i18n';
import { MembershipsService } from '../access/memberships.service';
import { OrganizationsService } from '../organizations/organizations.service';

/** The two sides of a grant contract. */
export type ContractParty = 'organizer' | 'grantee';

export interface ContractRef {
  applicationId: string;
  competitionId: string;
}

export interface PartyPerson {
  id: string;
  email: string;
  locale: Locale;
}

/**
 * Who speaks for each side of a contract, for everything about it (the contract, its payments,
 * its reports): the competition's organizers (and administrators) on one side; the applicant
 * and the applying organization's representatives on the other. Anyone else is no party: the
 * callers answer "not found".
 */
@Injectable()
export class ContractParties {
  constructor(
    private readonly memberships: MembershipsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async roleOf(tx: EntityManager, contract: ContractRef, actor: Actor): Promise<ContractParty | null> {
    if (!actor.userId) return null;
    if (actor.isAdmin || (await this.memberships.hasRole(actor.userId, contract.competitionId, ['organizer'], tx)))
      return 'organizer';
    const [application]: { applicant_user_id: string; organization_id: string | null }[] = await tx.query(
      `SELECT applicant_user_id, organization_id FROM applications WHERE id = $1`,
      [contract.applicationId],
    );
    if (!application) return null;
    if (application.applicant_user_id === actor.userId) return 'grantee';
    if (
      application.organization_id &&
      (await this.organizations.isRepresentative(application.organization_id, actor.userId, tx))
    )
      return 'grantee';
    return null;
  }
}

/**
 * The people of the sides named, once each (someone on both sides is told once), to be told
 * something about a contract: the grantee side (applicant and the organization's
 * representatives), the competition's active organizers.
 */
export async function contractPeople(
  tx: EntityManager,
  contract: ContractRef,
  parties: readonly ContractParty[],
): Promise<PartyPerson[]> {
  const people: PartyPerson[] = [];
  if (parties.includes('grantee'))
    people.push(
      ...(await tx.query(
        `SELECT DISTINCT u.id, u.email, u.locale FROM applications a
           JOIN users u ON u.id = a.applicant_user_id OR u.id IN (
             SELECT r.user_id FROM organization_representatives r WHERE r.organization_id = a.organization_id)
          WHERE a.id = $1`,
        [contract.applicationId],
      )),
    );
  if (parties.includes('organizer'))
    people.push(
      ...(await tx.query(
        `SELECT u.id, u.email, u.locale FROM competition_memberships m JOIN users u ON u.id = m.user_id
          WHERE m.competition_id = $1 AND m.role = 'organizer' AND m.status = 'active'`,
        [contract.competitionId],
      )),
    );
  return [...new Map(people.map((p) => [p.id, p])).values()];
}
