import type { AuthenticatedUser } from '../../common/http/actor';

/**
 * Who may see and act for an organization: its representatives and admins. Everyone
 * else gets 404, as if it did not exist.
 */
export function canActForOrganization(user: AuthenticatedUser, representativeIds: readonly string[]): boolean {
  return user.isAdmin || representativeIds.includes(user.id);
}
