import {
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, Observable, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { AppException, CommonErrorCode } from '../../common/errors/app.exception';
import type { RequestWithUser } from '../../common/http/actor';
import { IdempotencyService, IdempotencyTicket, requestHash } from './idempotency.service';

const KEY = /^[\w.:-]{8,200}$/;

type RequestWithTicket = RequestWithUser & { idempotencyTicket?: IdempotencyTicket };

/**
 * `@IdempotencyTicketOf() ticket?: IdempotencyTicket` in a handler: the claimed key, if the
 * client sent one, for a service that stores its answer in its own transaction.
 */
export const IdempotencyTicketOf = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): IdempotencyTicket | undefined =>
    ctx.switchToHttp().getRequest<RequestWithTicket>().idempotencyTicket,
);

/**
 * Honours `Idempotency-Key` on the writes it decorates (`@UseInterceptors(IdempotencyInterceptor)`).
 * Without the header the request runs as usual. Client errors (4xx) are answers and are
 * replayed; server errors free the key for another try.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithTicket>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    const userId = request.user?.id;
    if (key === undefined || !userId) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      return throwError(
        () =>
          new AppException(400, CommonErrorCode.VALIDATION_FAILED, {}, [
            { field: 'Idempotency-Key', code: 'INVALID_FORMAT' },
          ]),
      );
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
        const ticket: IdempotencyTicket = {
          userId,
          key,
          successStatus: this.successStatus(context),
          completedInTransaction: false,
        };
        request.idempotencyTicket = ticket;
        return next.handle().pipe(
          mergeMap((body) =>
            ticket.completedInTransaction
              ? of(body)
              : from(this.idempotency.complete(userId, key, reply.statusCode, body ?? null).then(() => body)),
          ),
          catchError((err: unknown) => {
            const settle =
              err instanceof AppException && err.status < 500
                ? this.idempotency.complete(userId, key, err.status, {
                    code: err.code,
                    params: err.params,
                    details: err.details,
                  })
                : this.idempotency.release(userId, key);
            return from(settle.catch(() => undefined)).pipe(mergeMap(() => throwError(() => err)));
          }),
        );
      }),
    );
  }

  /** What Nest will answer on success: the handler's `@HttpCode`, else 201 for POST and 200 otherwise. */
  private successStatus(context: ExecutionContext): number {
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    if (declared !== undefined) return declared;
    return context.switchToHttp().getRequest<RequestWithUser>().method === RequestMethod[RequestMethod.POST]
      ? HttpStatus.CREATED
      : HttpStatus.OK;
  }
}

/** Rebuilds the stored client error so the filter answers it in the caller's language again. */
function replayedError(status: number, body: unknown): AppException {
  const b = (body ?? {}) as {
    code?: string;
    params?: Record<string, string | number>;
    details?: AppException['details'];
  };
  return new AppException(status, b.code ?? CommonErrorCode.CONFLICT, b.params ?? {}, b.details ?? []);
}
