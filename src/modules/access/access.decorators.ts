import { SetMetadata } from '@nestjs/common';
import type { MembershipRole } from './domain/membership-roles';

export const ACCESS_RULE = 'access:rule';

/**
 * Every route states who may call it. A route without a rule is refused by the guard
 * (deny by default), and a unit test checks that every controller route carries one.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'admin' }
  | { kind: 'competition-member'; roles: MembershipRole[]; param: string };

export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
export const SignedIn = () => SetMetadata(ACCESS_RULE, { kind: 'signed-in' } satisfies AccessRule);
export const AdminOnly = () => SetMetadata(ACCESS_RULE, { kind: 'admin' } satisfies AccessRule);
/** Admins pass too; the competition id comes from the route parameter `param`. */
export const CompetitionMember = (roles: MembershipRole[], param = 'id') =>
  SetMetadata(ACCESS_RULE, { kind: 'competition-member', roles, param } satisfies AccessRule);

export const VERIFIED_EMAIL = 'access:verified-email';

/**
 * On top of the route's rule: the caller's e-mail address must be verified (403
 * EMAIL_NOT_VERIFIED otherwise). For actions that count: submitting an application, saving scores.
 */
export const VerifiedEmail = () => SetMetadata(VERIFIED_EMAIL, true);
