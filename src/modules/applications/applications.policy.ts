import type { AuthenticatedUser } from '../../common/http/actor';

export interface ApplicationAccessFacts {
  applicantUserId: string;
  /** The user represents the organization named on the application. */
  representsOrganization: boolean;
  /** The user organizes the application's competition. */
  organizesCompetition: boolean;
}

/** Owners and their organization edit; organizers and admins read. Everyone else: 404. */
export function canReadApplication(user: AuthenticatedUser, facts: ApplicationAccessFacts): boolean {
  return user.isAdmin || facts.organizesCompetition || canEditApplication(user, facts);
}

export function canEditApplication(user: AuthenticatedUser, facts: ApplicationAccessFacts): boolean {
  return facts.applicantUserId === user.id || facts.representsOrganization;
}
