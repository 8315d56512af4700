import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { ForbiddenAppException, UnauthenticatedException } from '../../common/errors/app.exception';
import type { RequestWithUser } from '../../common/http/actor';
import { ACCESS_RULE, AccessRule, VERIFIED_EMAIL } from './access.decorators';
import { AccessErrorCode, AccessException } from './access.exception';
import { AccessTokenService } from './access-token.service';
import { EmailVerification } from './email-verification';
import { MembershipsService } from './memberships.service';
import { ResolvedWebSession, WEB_PAGE, WEB_SESSION_COOKIE, WebSessionResolver } from './web-sessions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Global guard: authenticates the bearer token (if any) and applies the route's rule.
 * Record-level ownership (404 for another's record) is decided by each module's policy
 * functions, because only the module knows who owns its records.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly memberships: MembershipsService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Provided by the identity module, which this global module cannot import (it imports this one). */
  private emailVerification?: EmailVerification;
  private webSessions?: WebSessionResolver;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed = await this.applyRule(context);
    const user = context.switchToHttp().getRequest<RequestWithUser>().user;
    if (allowed && user && this.needsVerifiedEmail(context)) {
      this.emailVerification ??= this.moduleRef.get(EmailVerification, { strict: false });
      if (!(await this.emailVerification.isEmailVerified(user.id))) {
        throw new AccessException(AccessErrorCode.EMAIL_NOT_VERIFIED);
      }
    }
    return allowed;
  }

  private needsVerifiedEmail(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(VERIFIED_EMAIL, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }

  private isWebPage(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(WEB_PAGE, [context.getHandler(), context.getClass()]) ===
      true
    );
  }

  /** Pages only: the JSON API never accepts a cookie, so a forged cross-site request cannot reach it. */
  private async readSessionCookie(request: RequestWithUser & { webSession?: ResolvedWebSession }): Promise<void> {
    const token = (request as { cookies?: Record<string, string | undefined> }).cookies?.[WEB_SESSION_COOKIE];
    if (!token) return;
    this.webSessions ??= this.moduleRef.get(WebSessionResolver, { strict: false });
    const session = await this.webSessions.resolve(token);
    if (!session) return;
    request.user = { id: session.userId, isAdmin: session.isAdmin };
    request.webSession = session;
  }

  private async applyRule(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const header = request.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      const user = this.tokens.verify(header.slice(7).trim());
      if (user) request.user = user;
      else if (rule?.kind !== 'public') throw new UnauthenticatedException();
    }
    if (!request.user && this.isWebPage(context)) await this.readSessionCookie(request);
    if (!rule) {
      this.logger.error(`route without an access rule refused: ${request.method} ${request.url}`);
      throw new ForbiddenAppException();
    }
    if (rule.kind === 'public') return true;
    const user = request.user;
    if (!user) throw new UnauthenticatedException();
    switch (rule.kind) {
      case 'signed-in':
        return true;
      case 'admin':
        if (user.isAdmin) return true;
        throw new ForbiddenAppException();
      case 'competition-member': {
        if (user.isAdmin) return true;
        const competitionId = (request.params as Record<string, string>)[rule.param];
        if (UUID.test(competitionId ?? '') && (await this.memberships.hasRole(user.id, competitionId, rule.roles))) {
          return true;
        }
        throw new ForbiddenAppException();
      }
    }
  }
}
