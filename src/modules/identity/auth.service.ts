import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { Clock } from '../../common/clock/clock';
import type { Actor } from '../../common/http/actor';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { RegisterDto } from './dto/auth.dto';
import { OneTimeToken, OneTimeTokenPurpose } from './entities/one-time-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { IdentityErrorCode, IdentityException } from './identity.exception';
import { PasswordHasher } from './password-hasher';
import { SessionService, TokenPair } from './session.service';
import { TokenHasher } from './token-hasher';
import { WebSessionService } from './web-session.service';

const VERIFY_TTL_MS = 24 * 3600 * 1000;
const RESET_TTL_MS = 30 * 60 * 1000;
const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

/**
 * "E-mail me a sign-in link" (the way in while password sign-in is throttled): at most this
 * many requests per address and per IP in a window, counted in PostgreSQL like the resend.
 * Per IP it is generous, since a school's or an akimat's Wi-Fi puts many people behind one address.
 */
export const SIGN_IN_LINK_LIMITS = { perEmail: 3, perIp: 30, windowMs: 3600 * 1000 } as const;

/**
 * "Send the link again": at most this many requests per address and per IP in a window. Each
 * sends an e-mail to an address the caller need not own, so the limits keep it from becoming a
 * way to flood someone's mailbox. Counted in PostgreSQL, so every API process shares them.
 */
export const VERIFICATION_RESEND_LIMITS = { perEmail: 3, perIp: 20, windowMs: 3600 * 1000 } as const;

/**
 * Account life: registration, e-mail verification and password reset. Tokens reach the
 * person only by e-mail (through the outbox, in the same transaction), never in a response.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenHasher,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly sessions: SessionService,
    private readonly webSessions: WebSessionService,
  ) {}

  /** The same answer whether or not the address is taken; its owner is told by e-mail. */
  async register(dto: RegisterDto, actor: Actor): Promise<void> {
    const passwordHash = await this.passwords.hash(dto.password);
    await this.db.transaction(async (tx) => {
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({ email: dto.email, passwordHash, locale: dto.locale })
        .orIgnore()
        .returning(['id'])
        .execute();
      const userId = (inserted.raw as { id: string }[])[0]?.id;
      if (!userId) {
        const existing = await tx.findOneByOrFail(User, { email: dto.email });
        await this.notifications.enqueue(tx, {
          template: 'account-exists',
          recipients: [{ userId: existing.id, email: existing.email, locale: existing.locale }],
          payload: { resetLink: `${this.env.PUBLIC_URL}/forgot-password` },
        });
        return;
      }
      const link = await this.issueLink(tx, userId, 'verify_email', VERIFY_TTL_MS, '/verify-email');
      await this.notifications.enqueue(tx, {
        template: 'email-verification',
        recipients: [{ userId, email: dto.email, locale: dto.locale }],
        payload: { link, hours: 24 },
      });
      await this.audit.record(
        tx,
        { ...actor, userId },
        {
          action: 'user.registered',
          entityType: 'user',
          entityId: userId,
          after: { email: dto.email, locale: dto.locale },
        },
      );
    });
  }

  async verifyEmail(token: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      const used = await this.consume(tx, token, 'verify_email', IdentityErrorCode.VERIFICATION_LINK_INVALID);
      const now = this.clock.now();
      await tx.update(User, { id: used.userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: now });
      await this.audit.record(
        tx,
        { ...actor, userId: used.userId },
        {
          action: 'user.email_verified',
          entityType: 'user',
          entityId: used.userId,
        },
      );
    });
  }

  /**
   * A new verification link for an account whose address is not verified yet. The same
   * answer whether or not such an account exists (and for a verified one); the new link
   * replaces the older ones, which stop working.
   */
  async resendVerification(email: string, actor: Actor): Promise<void> {
    const { perEmail, perIp, windowMs } = VERIFICATION_RESEND_LIMITS;
    const byEmail = await this.countHit(`verify-resend:email:${email}`, windowMs);
    const byIp = await this.countHit(`verify-resend:ip:${actor.ip}`, windowMs);
    if (byEmail > perEmail || byIp > perIp) {
      throw new IdentityException(IdentityErrorCode.VERIFICATION_RESEND_LIMITED);
    }
    await this.db.transaction(async (tx) => {
      const user = await tx.findOneBy(User, { email });
      if (!user || user.emailVerifiedAt) return;
      const link = await this.issueLink(tx, user.id, 'verify_email', VERIFY_TTL_MS, '/verify-email');
      await this.notifications.enqueue(tx, {
        template: 'email-verification',
        recipients: [{ userId: user.id, email: user.email, locale: user.locale }],
        payload: { link, hours: VERIFY_TTL_MS / 3600_000 },
      });
      await this.audit.record(tx, actor, {
        action: 'user.verification_resent',
        entityType: 'user',
        entityId: user.id,
      });
    });
  }

  /**
   * The same answer, in the same time, whether or not the e-mail exists: an unknown address
   * goes through the same statements (a lookup, a token and its HMAC stored for an account id
   * that does not exist, so it is never sent and never used, a round trip where the outbox row
   * would be written, an audit entry) so the response time tells nothing.
   */
  async requestPasswordReset(email: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      const user = await tx.findOneBy(User, { email });
      const userId = user?.id ?? randomUUID();
      const link = await this.issueLink(tx, userId, 'password_reset', RESET_TTL_MS, '/reset-password');
      if (user) {
        await this.notifications.enqueue(tx, {
          template: 'password-reset',
          recipients: [{ userId: user.id, email: user.email, locale: user.locale }],
          payload: { link, minutes: 30 },
        });
      } else {
        // Nobody to write to: the same round trip as the outbox insert, nothing stored.
        await tx.query(`SELECT $1::text AS link`, [link]);
      }
      await this.audit.record(tx, actor, {
        action: user ? 'user.password_reset_requested' : 'user.password_reset_requested_unknown',
        entityType: 'user',
        entityId: userId,
      });
    });
  }

  /**
   * E-mails a one-time sign-in link (15 minutes, single use) to an account's address: the
   * owner's way in while password sign-in is throttled by someone guessing. The same answer
   * whether or not the address exists; limited per address and per IP.
   */
  async requestSignInLink(email: string, actor: Actor): Promise<void> {
    const { perEmail, perIp, windowMs } = SIGN_IN_LINK_LIMITS;
    const byEmail = await this.countHit(`sign-in-link:email:${email}`, windowMs);
    const byIp = await this.countHit(`sign-in-link:ip:${actor.ip}`, windowMs);
    if (byEmail > perEmail || byIp > perIp) throw new IdentityException(IdentityErrorCode.LOGIN_LINK_LIMITED);
    await this.db.transaction(async (tx) => {
      const user = await tx.findOneBy(User, { email });
      if (!user) return;
      const link = await this.issueLink(tx, user.id, 'sign_in_link', SIGN_IN_LINK_TTL_MS, '/sign-in-link');
      await this.notifications.enqueue(tx, {
        template: 'sign-in-link',
        recipients: [{ userId: user.id, email: user.email, locale: user.locale }],
        payload: { link, minutes: SIGN_IN_LINK_TTL_MS / 60_000 },
      });
      await this.audit.record(tx, actor, {
        action: 'user.sign_in_link_requested',
        entityType: 'user',
        entityId: user.id,
      });
    });
  }

  /** Signs in with an e-mailed link: once, within 15 minutes; clears the account's sign-in counters. */
  async consumeSignInLink(token: string, actor: Actor): Promise<TokenPair> {
    return this.db.transaction(async (tx) => {
      const userId = await this.useSignInLink(tx, token);
      return this.sessions.signInAfterLink(tx, userId, actor);
    });
  }

  /** The e-mailed link opened in a browser: a web session (its cookie value) instead of tokens. */
  async consumeSignInLinkForWeb(token: string, actor: Actor): Promise<{ token: string; expiresAt: Date }> {
    return this.db.transaction(async (tx) => {
      const userId = await this.useSignInLink(tx, token);
      await this.sessions.clearAccountThrottle(tx, userId, actor.ip);
      return this.webSessions.start(tx, userId, actor, 'link');
    });
  }

  private async useSignInLink(tx: EntityManager, token: string): Promise<string> {
    const used = await this.consume(tx, token, 'sign_in_link');
    // Following the link proves control of the mailbox, as verification would.
    await tx.update(User, { id: used.userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: this.clock.now() });
    return used.userId;
  }

  /** A new password ends every session: whoever knew the old one is signed out. */
  async confirmPasswordReset(token: string, password: string, actor: Actor): Promise<void> {
    const passwordHash = await this.passwords.hash(password);
    await this.db.transaction(async (tx) => {
      const used = await this.consume(tx, token, 'password_reset');
      const now = this.clock.now();
      await tx.update(User, { id: used.userId }, { passwordHash });
      // Following the link proves control of the mailbox, as verification would.
      await tx.update(User, { id: used.userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: now });
      await tx.update(RefreshToken, { userId: used.userId, revokedAt: IsNull() }, { revokedAt: now });
      await this.webSessions.endAllFor(tx, used.userId);
      await this.audit.record(
        tx,
        { ...actor, userId: used.userId },
        {
          action: 'user.password_reset',
          entityType: 'user',
          entityId: used.userId,
        },
      );
    });
  }

  private async issueLink(
    tx: EntityManager,
    userId: string,
    purpose: OneTimeTokenPurpose,
    ttlMs: number,
    path: string,
  ): Promise<string> {
    const { token, hash } = this.tokens.issue();
    const now = this.clock.now();
    // A new link replaces older unused ones of the same purpose.
    await tx.update(OneTimeToken, { userId, purpose, usedAt: IsNull() }, { usedAt: now });
    await tx.insert(OneTimeToken, { userId, purpose, tokenHash: hash, expiresAt: new Date(now.getTime() + ttlMs) });
    return `${this.env.PUBLIC_URL}${path}?token=${token}`;
  }

  /** Marks the token used in one conditional UPDATE, so two concurrent uses cannot both pass. */
  private async consume(
    tx: EntityManager,
    token: string,
    purpose: OneTimeTokenPurpose,
    invalid = IdentityErrorCode.TOKEN_INVALID,
  ): Promise<OneTimeToken> {
    const now = this.clock.now();
    const result = await tx
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: now })
      .where({ tokenHash: this.tokens.hash(token), purpose, usedAt: IsNull(), expiresAt: MoreThan(now) })
      .returning(['id', 'userId'])
      .execute();
    const row = (result.raw as { id: string; user_id: string }[])[0];
    if (!row) throw new IdentityException(invalid);
    return { id: row.id, userId: row.user_id } as OneTimeToken;
  }

  /**
   * Counts one request under `scope` in a fixed window and returns the count so far, in one
   * statement (two processes counting at once both see their hit). The key is an HMAC, so the
   * table holds no address or IP in clear.
   */
  private async countHit(scope: string, windowMs: number): Promise<number> {
    const now = this.clock.now();
    const rows: { hits: number }[] = await this.db.query(
      `INSERT INTO rate_limit_counters (key, hits, window_started_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_counters.window_started_at <= $3 THEN 1 ELSE rate_limit_counters.hits + 1 END,
         window_started_at = CASE WHEN rate_limit_counters.window_started_at <= $3 THEN $2
                                  ELSE rate_limit_counters.window_started_at END
       RETURNING hits`,
      [this.tokens.hash(scope), now, new Date(now.getTime() - windowMs)],
    );
    return rows[0].hits;
  }
}
