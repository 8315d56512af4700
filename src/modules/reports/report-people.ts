import type { EntityManager } from 'typeorm';
import type { Locale } from '../../common/i18n/i18n';

export type ReportParty = 'organizer' | 'grantee';

/** Who is told about a contract's reports, once each: the grantee side (applicant and the organization's representatives), the organizers. */
export async function reportPeople(
  tx: EntityManager,
  contract: { applicationId: string; competitionId: string },
  parties: ReportParty[],
): Promise<{ id: string; email: string; locale: Locale }[]> {
  const people: { id: string; email: string; locale: Locale }[] = [];
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
