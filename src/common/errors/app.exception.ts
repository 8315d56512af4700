/** One field-level problem, as the client sees it (message added by the filter). */
export interface ErrorDetail {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

/**
 * Base of every module's typed exception. It carries a stable code (translated by the
 * filter into kk/ru) instead of a sentence, so services never format user-facing text.
 */
export class AppException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly details: ErrorDetail[] = [],
    /** The message's catalogue key when one code is worded differently for different callers; else `errors.<code>`. */
    readonly messageKey?: string,
  ) {
    super(code);
  }
}

export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_JSON = 'MALFORMED_JSON',
  /** A multipart body that breaks off or is not multipart inside (busboy's errors carry no code). */
  MALFORMED_MULTIPART = 'MALFORMED_MULTIPART',
  BODY_TOO_LARGE = 'BODY_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  CONFLICT = 'CONFLICT',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_FLIGHT = 'IDEMPOTENCY_IN_FLIGHT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

/** 404 for anything the caller may not know exists: never reveal another's record. */
export class NotFoundAppException extends AppException {
  constructor(entity = 'record') {
    super(404, CommonErrorCode.NOT_FOUND, { entity });
  }
}

export class ForbiddenAppException extends AppException {
  constructor() {
    super(403, CommonErrorCode.FORBIDDEN);
  }
}

export class UnauthenticatedException extends AppException {
  constructor() {
    super(401, CommonErrorCode.UNAUTHENTICATED);
  }
}

export class ValidationFailedException extends AppException {
  constructor(details: ErrorDetail[]) {
    super(400, CommonErrorCode.VALIDATION_FAILED, {}, details);
  }
}
