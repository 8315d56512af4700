import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import type { Actor } from '../../common/http/actor';
import { ResolvedWebSession, WebSessionResolver } from '../access/web-sessions';
import { AuditService } from '../audit/audit.service';
import { WebSession } from './entities/web-session.entity';
import { TokenHasher } from './token-hasher';

/** A session ends after this long without a page, or this long after sign-in, whichever is first. */
export const WEB_SESSION_LIMITS = {
  idleMs: 14 * 24 * 3600 * 1000,
  absoluteMs: 30 * 24 * 3600 * 1000,
  /** last_seen_at is written at most this often, not on every page. */
  touchEveryMs: 5 * 60 * 1000,
} as const;

/**
 * Browser sessions: started by a sign-in on the pages, found by the access guard from the
 * cookie, ended on the server by signing out or a password reset. Applicants in villages
 * come back a week later to a half-done draft, so the idle limit is two weeks.
 */
@Injectable()
export class WebSessionService extends WebSessionResolver {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly tokens: TokenHasher,
    private readonly audit: AuditService,
  ) {
    super();
  }

  /** A new session for a person who has just proved who they are; returns the cookie's value. */
  async start(
    tx: EntityManager,
    userId: string,
    actor: Actor,
    method: 'password' | 'link',
  ): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = this.tokens.issue();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + WEB_SESSION_LIMITS.absoluteMs);
    await tx.insert(WebSession, { userId, tokenHash: hash, lastSeenAt: now, expiresAt, createdAt: now });
    await this.audit.record(
      tx,
      { ...actor, userId },
      { action: 'user.signed_in', entityType: 'user', entityId: userId, after: { method, channel: 'web' } },
    );
    return { token, expiresAt };
  }

  async resolve(cookieToken: string): Promise<ResolvedWebSession | null> {
    if (!cookieToken || cookieToken.length > 100) return null;
    const now = this.clock.now();
    const rows: Array<{
      id: string;
      user_id: string;
      is_admin: boolean;
      locale: 'kk' | 'ru';
      email_verified_at: Date | null;
      last_seen_at: Date;
      staff_roles: string[];
    }> = await this.db.query(
      `SELECT s.id, s.user_id, s.last_seen_at, u.is_admin, u.locale, u.email_verified_at,
              ARRAY(SELECT DISTINCT m.role FROM competition_memberships m
                     WHERE m.user_id = u.id AND m.status = 'active' ORDER BY m.role)::text[] AS staff_roles
         FROM web_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3`,
      [this.tokens.hash(cookieToken), now, new Date(now.getTime() - WEB_SESSION_LIMITS.idleMs)],
    );
    const row = rows[0];
    if (!row) return null;
    if (now.getTime() - new Date(row.last_seen_at).getTime() > WEB_SESSION_LIMITS.touchEveryMs) {
      await this.db.getRepository(WebSession).update({ id: row.id }, { lastSeenAt: now });
    }
    return {
      sessionId: row.id,
      userId: row.user_id,
      isAdmin: row.is_admin,
      locale: row.locale,
      emailVerified: row.email_verified_at !== null,
      staffRoles: row.staff_roles,
    };
  }

  /** Signing out: the cookie's session ends on the server, so a copied cookie is worthless. */
  async end(cookieToken: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      const session = await tx.findOneBy(WebSession, { tokenHash: this.tokens.hash(cookieToken), endedAt: IsNull() });
      if (!session) return;
      await tx.update(WebSession, { id: session.id }, { endedAt: this.clock.now() });
      await this.audit.record(
        tx,
        { ...actor, userId: session.userId },
        { action: 'user.signed_out', entityType: 'user', entityId: session.userId, after: { channel: 'web' } },
      );
    });
  }

  /** Every open session of an account ends (a password reset). */
  async endAllFor(tx: EntityManager, userId: string): Promise<void> {
    await tx.update(WebSession, { userId, endedAt: IsNull() }, { endedAt: this.clock.now() });
  }
}
