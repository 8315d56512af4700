/** The roles a person can hold in one competition: organizer, commission member (комиссия мүшесі), mentor. */
export const MEMBERSHIP_ROLES = ['organizer', 'commission', 'mentor'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
export type MembershipStatus = 'invited' | 'active' | 'revoked';
