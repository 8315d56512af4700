/**
 * Whether an account's e-mail address is verified. The access guard asks it for routes marked
 * `@VerifiedEmail()`; the identity module, which owns accounts, provides it. It is read on each
 * such request rather than carried in the access token, so a link followed a minute ago counts
 * at once.
 */
export abstract class EmailVerification {
  abstract isEmailVerified(userId: string): Promise<boolean>;
}
