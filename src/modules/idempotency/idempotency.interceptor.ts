import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { from, Observable, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { AppException, CommonErrorCode } from '../../common/errors/app.exception';
import type { RequestWithUser } from '../../common/http/actor';
import { IdempotencyService, requestHash } from './idempotency.service';

const KEY = /^[\w.:-]{8,200}$/;

/**
 * Honours `Idempotency-Key` on the writes it decorates (`@UseInterceptors(IdempotencyInterceptor)`).
 * Without the header the request runs as usual. Client errors (4xx) are answers and are
 * replayed; server errors free the key for another try.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    const userId = request.user?.id;
    if (key === undefined || !userId) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      return throwError(() => new AppException(400, CommonErrorCode.VALIDATION_FAILED, {}, [{ field: 'Idempotency-Key', code: 'INVALID_FORMAT' }]));
    }
    const route = `${request.routeOptions.url ?? request.url}`;
    const hash = requestHash(request.method, `${route}:${JSON.stringify(request.params ?? {})}`, request.body);
    return from(this.idempotency.claim(userId, key, hash)).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'replay') {
          void reply.status(claim.status).header('idempotent-replayed', 'true');
          if (claim.status >= 400) return throwError(() => replayedError(claim.status, claim.body));
          return of(claim.body);
        }
        return next.handle().pipe(
          mergeMap((body) => from(this.idempotency.complete(userId, key, reply.statusCode, body ?? null).then(() => body))),
          catchError((err: unknown) => {
            const settle =
              err instanceof AppException && err.status < 500
                ? this.idempotency.complete(userId, key, err.status, { code: err.code, params: err.params, details: err.details })
                : this.idempotency.release(userId, key);
            return from(settle.catch(() => undefined)).pipe(mergeMap(() => throwError(() => err)));
          }),
        );
      }),
    );
  }
}

/** Rebuilds the stored client error so the filter answers it in the caller's language again. */
function replayedError(status: number, body: unknown): AppException {
  const b = (body ?? {}) as { code?: string; params?: Record<string, string | number>; details?: AppException['details'] };
  return new AppException(status, b.code ?? CommonErrorCode.CONFLICT, b.params ?? {}, b.details ?? []);
}
