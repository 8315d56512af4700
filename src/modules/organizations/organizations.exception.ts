import { AppException } from '../../common/errors/app.exception';

export enum OrganizationsErrorCode {
  BIN_TAKEN = 'BIN_TAKEN',
  REGION_UNKNOWN = 'REGION_UNKNOWN',
  REGISTERED_IN_FUTURE = 'REGISTERED_IN_FUTURE',
  REPRESENTATIVE_NOT_REGISTERED = 'REPRESENTATIVE_NOT_REGISTERED',
}

export class OrganizationsException extends AppException {
  constructor(code: OrganizationsErrorCode, field?: string) {
    if (code === OrganizationsErrorCode.BIN_TAKEN) super(409, code);
    else super(400, 'VALIDATION_FAILED', {}, [{ field: field ?? 'body', code }]);
  }
}
