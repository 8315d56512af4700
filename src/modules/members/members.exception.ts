import { AppException } from '../../common/errors/app.exception';

export enum MembersErrorCode {
  INVITATION_INVALID = 'INVITATION_INVALID',
  PASSWORD_NEEDED = 'PASSWORD_NEEDED',
}

export class MembersException extends AppException {
  constructor(code: MembersErrorCode) {
    if (code === MembersErrorCode.PASSWORD_NEEDED) super(400, 'VALIDATION_FAILED', {}, [{ field: 'password', code }]);
    else super(400, code);
  }
}
