import { AppException } from '../../common/errors/app.exception';

export enum MembersErrorCode {
  INVITATION_INVALID = 'INVITATION_INVALID',
  INVITATION_EXPIRED = 'INVITATION_EXPIRED',
  INVITATION_REVOKED = 'INVITATION_REVOKED',
  INVITATION_REPLACED = 'INVITATION_REPLACED',
  INVITATION_ALREADY_ACCEPTED = 'INVITATION_ALREADY_ACCEPTED',
  PASSWORD_NEEDED = 'PASSWORD_NEEDED',
}

/** The invitee's link refused (400, saying why), or an organizer's change to a settled invitation (409). */
export class MembersException extends AppException {
  constructor(code: MembersErrorCode, status: 400 | 409 = 400) {
    if (code === MembersErrorCode.PASSWORD_NEEDED) super(400, 'VALIDATION_FAILED', {}, [{ field: 'password', code }]);
    else super(status, code);
  }
}
