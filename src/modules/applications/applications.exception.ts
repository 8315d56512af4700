import { AppException } from '../../common/errors/app.exception';

export enum ApplicationsErrorCode {
  COMPETITION_NOT_OPEN = 'COMPETITION_NOT_OPEN',
  DEADLINE_PASSED = 'DEADLINE_PASSED',
  NOT_A_DRAFT = 'NOT_A_DRAFT',
  CANNOT_WITHDRAW = 'CANNOT_WITHDRAW',
  APPLICANT_KIND_NOT_ALLOWED = 'APPLICANT_KIND_NOT_ALLOWED',
  ORGANIZATION_REQUIRED = 'ORGANIZATION_REQUIRED',
  NOT_REPRESENTATIVE = 'NOT_REPRESENTATIVE',
  PERSON_IN_ANOTHER_APPLICATION = 'PERSON_IN_ANOTHER_APPLICATION',
  GROUP_ALREADY_APPLIED = 'GROUP_ALREADY_APPLIED',
  HOST_ORGANIZATION_LIMIT = 'HOST_ORGANIZATION_LIMIT',
  LEADER_NOT_IN_TEAM = 'LEADER_NOT_IN_TEAM',
  DUPLICATE_MEMBER = 'DUPLICATE_MEMBER',
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
}

const STATUS: Partial<Record<ApplicationsErrorCode, number>> = {
  COMPETITION_NOT_OPEN: 409,
  DEADLINE_PASSED: 409,
  NOT_A_DRAFT: 409,
  CANNOT_WITHDRAW: 409,
  TRANSITION_NOT_ALLOWED: 409,
  PERSON_IN_ANOTHER_APPLICATION: 409,
  GROUP_ALREADY_APPLIED: 409,
  HOST_ORGANIZATION_LIMIT: 409,
};

export class ApplicationsException extends AppException {
  /**
   * With `field`, a validation problem is reported as a 400 on that field; a conflict keeps
   * its status and code and names the field in `details`, so a form can mark it either way.
   */
  constructor(code: ApplicationsErrorCode, params: Record<string, string | number> = {}, field?: string) {
    const conflict = STATUS[code];
    if (field && !conflict) super(400, 'VALIDATION_FAILED', {}, [{ field, code, params }]);
    else super(conflict ?? 400, code, params, field ? [{ field, code, params }] : []);
  }
}
