import { AppException } from '../../common/errors/app.exception';

export enum WebErrorCode {
  /** A form without its token, or with one from another browser or an ended session. */
  FORM_EXPIRED = 'FORM_EXPIRED',
}

export class WebException extends AppException {
  constructor(code: WebErrorCode, status = 403) {
    super(status, code);
  }
}
