import { AppException } from '../../common/errors/app.exception';

export enum AccessErrorCode {
  /** The account's e-mail address is not verified yet; the message says where the link is and how to get a new one. */
  EMAIL_NOT_VERIFIED = 'EMAIL_NOT_VERIFIED',
  /** Creating a competition without being an admin or an organizer anywhere; the message says how one becomes one. */
  ORGANIZER_ROLE_NEEDED = 'ORGANIZER_ROLE_NEEDED',
}

/** The caller is known but may not do this yet (403), in the caller's language. */
export class AccessException extends AppException {
  constructor(code: AccessErrorCode) {
    super(403, code);
  }
}
