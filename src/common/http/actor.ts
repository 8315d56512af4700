import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Locale, resolveLocale } from '../i18n/i18n';

/** The signed-in caller as the access guard established it (from the JWT). */
export interface AuthenticatedUser {
  id: string;
  isAdmin: boolean;
}

/** Who did it, from where: what the audit log records for every change. */
export interface Actor {
  userId: string | null;
  isAdmin: boolean;
  ip: string;
  requestId: string;
  locale: Locale;
}

export type RequestWithUser = FastifyRequest & { user?: AuthenticatedUser };

export function actorOf(request: RequestWithUser): Actor {
  return {
    userId: request.user?.id ?? null,
    isAdmin: request.user?.isAdmin ?? false,
    ip: request.ip,
    requestId: String(request.id),
    locale: resolveLocale(request.headers['accept-language']),
  };
}

/** `@CurrentActor() actor: Actor` in a controller handler. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor =>
  actorOf(ctx.switchToHttp().getRequest<RequestWithUser>()),
);

/** A system actor for CLI and worker-initiated changes. */
export function systemActor(label = 'system'): Actor {
  return { userId: null, isAdmin: true, ip: label, requestId: label, locale: 'kk' };
}
