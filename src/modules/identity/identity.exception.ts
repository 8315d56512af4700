import { AppException } from '../../common/errors/app.exception';

export enum IdentityErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  /** Too many failed sign-ins to this account (from this address or from all): wait, or ask for a sign-in link. */
  LOGIN_THROTTLED = 'LOGIN_THROTTLED',
  /** Too many sign-in link requests for this address or from this IP. */
  LOGIN_LINK_LIMITED = 'LOGIN_LINK_LIMITED',
  TOKEN_INVALID = 'TOKEN_INVALID',
  /** The e-mail verification link is unknown, used or expired; the message offers a new one. */
  VERIFICATION_LINK_INVALID = 'VERIFICATION_LINK_INVALID',
  VERIFICATION_RESEND_LIMITED = 'VERIFICATION_RESEND_LIMITED',
  REFRESH_INVALID = 'REFRESH_INVALID',
  IIN_BIRTH_DATE_MISMATCH = 'IIN_BIRTH_DATE_MISMATCH',
  IIN_GENDER_MISMATCH = 'IIN_GENDER_MISMATCH',
  IIN_TAKEN = 'IIN_TAKEN',
}

const STATUS: Record<IdentityErrorCode, number> = {
  INVALID_CREDENTIALS: 401,
  LOGIN_THROTTLED: 429,
  LOGIN_LINK_LIMITED: 429,
  TOKEN_INVALID: 400,
  VERIFICATION_LINK_INVALID: 400,
  VERIFICATION_RESEND_LIMITED: 429,
  REFRESH_INVALID: 401,
  IIN_BIRTH_DATE_MISMATCH: 400,
  IIN_GENDER_MISMATCH: 400,
  IIN_TAKEN: 409,
};

export class IdentityException extends AppException {
  /** With `field`, the problem is reported as a 400 on that field, like any validation error. */
  constructor(code: IdentityErrorCode | string, params: Record<string, string | number> = {}, field?: string) {
    if (field) super(400, 'VALIDATION_FAILED', {}, [{ field, code, params }]);
    else super(STATUS[code as IdentityErrorCode] ?? 400, code, params);
  }
}
