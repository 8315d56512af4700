import type { AuthenticatedUser } from '../../common/http/actor';

export interface ApplicationAccessFacts {
  applicantUserId: string;
  /** The user represents the organization named on the application. */
  representsOrganization: boolean;
  /** The user organizes the application's competition. */
  organizesCompetition: boolean;
}

export interface ApplicationReviewFacts extends ApplicationAccessFacts {
  /** The user is an active commission member assigned this application, with no live conflict on it. */
  scoresApplication: boolean;
}

/** Owners and their organization edit; organizers and admins read. Everyone else: 404. */
export function canReadApplication(user: AuthenticatedUser, facts: ApplicationAccessFacts): boolean {
  return user.isAdmin || facts.organizesCompetition || canEditApplication(user, facts);
}

/**
 * Reading the application itself, its documents and their files: whoever may read it, and
 * the commission members who score it (only while assigned and not conflicted). Other
 * reads (the screening checklist, lists) stay with canReadApplication.
 */
export function canReviewApplication(user: AuthenticatedUser, facts: ApplicationReviewFacts): boolean {
  return canReadApplication(user, facts) || facts.scoresApplication;
}

export function canEditApplication(user: AuthenticatedUser, facts: ApplicationAccessFacts): boolean {
  return facts.applicantUserId === user.id || facts.representsOrganization;
}
