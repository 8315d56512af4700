import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveLocale, translate } from '../i18n/i18n';
import { AppException, CommonErrorCode } from './app.exception';

interface FastifyError {
  statusCode?: number;
  code?: string;
}

/** Fastify's own errors (raised before our code runs) mapped onto our codes. */
function fromFastify(error: FastifyError): AppException | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppException(400, CommonErrorCode.MALFORMED_JSON);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppException(413, CommonErrorCode.BODY_TOO_LARGE);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppException(415, CommonErrorCode.UNSUPPORTED_MEDIA_TYPE);
  }
  if (error.statusCode === 400 && typeof error.code === 'string' && error.code.startsWith('FST_')) {
    return new AppException(400, CommonErrorCode.MALFORMED_JSON);
  }
  return undefined;
}

function toAppException(exception: unknown): AppException {
  if (exception instanceof AppException) return exception;
  if (exception instanceof ThrottlerException) return new AppException(429, CommonErrorCode.TOO_MANY_REQUESTS);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code =
      status === 404
        ? CommonErrorCode.ROUTE_NOT_FOUND
        : status === 401
          ? CommonErrorCode.UNAUTHENTICATED
          : status === 403
            ? CommonErrorCode.FORBIDDEN
            : status === 413
              ? CommonErrorCode.BODY_TOO_LARGE
              : status === 415
                ? CommonErrorCode.UNSUPPORTED_MEDIA_TYPE
                : status === 429
                  ? CommonErrorCode.TOO_MANY_REQUESTS
                  : status === 400
                    ? CommonErrorCode.MALFORMED_JSON
                    : CommonErrorCode.INTERNAL_ERROR;
    return new AppException(code === CommonErrorCode.INTERNAL_ERROR ? 500 : status, code);
  }
  const fastify = exception && typeof exception === 'object' ? fromFastify(exception as FastifyError) : undefined;
  return fastify ?? new AppException(500, CommonErrorCode.INTERNAL_ERROR);
}

/**
 * The client went away before the request was complete (an upload cut off, a closed tab).
 * Decided by the request's own state, never by an error code alone: ECONNRESET from the
 * database is our failure, not the client's.
 */
export function clientHungUp(request: Pick<FastifyRequest, 'raw'>): boolean {
  const raw = request.raw as { readableAborted?: boolean; aborted?: boolean; socket?: { destroyed?: boolean } | null };
  return !!(raw.readableAborted || raw.aborted || raw.socket?.destroyed);
}

/**
 * The one place errors become HTTP: `{statusCode, code, message, details}` with messages in
 * the caller's language. Stack traces go to the log, never to the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  /** `answerAsPage` answers errors outside the API as web pages, and says whether it did. */
  constructor(
    private readonly answerAsPage?: (exception: unknown, request: FastifyRequest, reply: FastifyReply) => boolean,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (clientHungUp(request)) {
      // Nobody is left to answer, and nothing went wrong on our side: a dropped village
      // connection (or anyone closing sockets on purpose) must not fill the error log.
      this.logger.log(
        { reqId: request.id, reason: (exception as { code?: string })?.code },
        'client closed the request',
      );
      return;
    }
    if (this.answerAsPage?.(exception, request, reply)) return;
    const error = toAppException(exception);
    if (error.status >= 500) {
      this.logger.error({ err: exception, reqId: request.id }, 'unhandled error');
    }
    const locale = resolveLocale(request.headers['accept-language']);
    const body: Record<string, unknown> = {
      statusCode: error.status,
      code: error.code,
      message: translate(locale, error.messageKey ?? `errors.${error.code}`, error.params),
      requestId: request.id,
    };
    if (error.details.length > 0) {
      body.details = error.details.map((d) => ({
        field: d.field,
        code: d.code,
        message: translate(locale, `errors.${d.code}`, { field: d.field, ...d.params }),
        ...(d.params && Object.keys(d.params).length ? { params: d.params } : {}),
      }));
    }
    if (error.status === 429) {
      // A service that knows the wait says so (sign-in delays); otherwise a minute.
      const wait = error.params.retryAfterSeconds;
      void reply.header('Retry-After', String(typeof wait === 'number' ? wait : 60));
    }
    void reply.status(error.status).header('content-language', locale).send(body);
  }
}
