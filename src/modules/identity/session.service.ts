import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { Clock } from '../../common/clock/clock';
import type { Actor } from '../../common/http/actor';
import { AccessTokenService } from '../access/access-token.service';
import { AuditService } from '../audit/audit.service';
import { LoginThrottle } from './entities/login-throttle.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { IdentityErrorCode, IdentityException } from './identity.exception';
import { PasswordHasher } from './password-hasher';
import { TokenHasher } from './token-hasher';
import { WebSessionService } from './web-session.service';

/** Failures are counted in windows of this length from the first one; then the counter starts again. */
const FAILURE_WINDOW_MS = 60 * 60 * 1000;

/** Thrown inside the counting transaction to roll it back: nothing is counted for a refused attempt. */
class ThrottledAttempt extends Error {
  constructor(readonly until: Date) {
    super('throttled');
  }
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Sign-in, token refresh with rotation and reuse detection, sign-out. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly audit: AuditService,
    private readonly webSessions: WebSessionService,
  ) {}

  /**
   * One answer for a wrong e-mail and a wrong password. The attempt is counted BEFORE the
   * password is checked, against the account (from all addresses) and the (account, address)
   * pair; past each threshold the next attempt must wait a delay that doubles with every
   * failure. A throttled attempt is refused without verifying anything, so concurrent guesses
   * cannot slip past the count. A correct password clears the counters it was counted on.
   */
  async login(email: string, password: string, actor: Actor): Promise<TokenPair> {
    return this.withCheckedPassword(email, password, actor, (tx, user) => this.signIn(tx, user, actor, 'password'));
  }

  /** The same counting, delays and answers as `login`; a browser session (its cookie value) instead of tokens. */
  async loginWeb(email: string, password: string, actor: Actor): Promise<{ token: string; expiresAt: Date }> {
    return this.withCheckedPassword(email, password, actor, (tx, user) =>
      this.webSessions.start(tx, user.id, actor, 'password'),
    );
  }

  private async withCheckedPassword<T>(
    email: string,
    password: string,
    actor: Actor,
    signIn: (tx: EntityManager, user: User) => Promise<T>,
  ): Promise<T> {
    const keys = this.throttleKeys(email, actor.ip);
    await this.countAttempt(keys);
    const user = await this.db.getRepository(User).findOneBy({ email });
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!ok || !user) throw new IdentityException(IdentityErrorCode.INVALID_CREDENTIALS);
    return this.db.transaction(async (tx) => {
      await tx.delete(LoginThrottle, { key: In([keys.account, keys.pair]) });
      return signIn(tx, user);
    });
  }

  /** Clears the account's sign-in counters for an owner who proved it by the e-mailed link. */
  async clearAccountThrottle(tx: EntityManager, userId: string, ip: string): Promise<void> {
    const user = await tx.findOneByOrFail(User, { id: userId });
    await tx.delete(LoginThrottle, { key: this.throttleKeys(user.email, ip).account });
  }

  /** Tokens for an account whose owner proved it another way (the e-mailed sign-in link); its counters are cleared. */
  async signInAfterLink(tx: EntityManager, userId: string, actor: Actor): Promise<TokenPair> {
    await this.clearAccountThrottle(tx, userId, actor.ip);
    return this.signIn(tx, await tx.findOneByOrFail(User, { id: userId }), actor, 'link');
  }

  private async signIn(tx: EntityManager, user: User, actor: Actor, method: 'password' | 'link'): Promise<TokenPair> {
    const pair = await this.issue(tx, user, randomUUID());
    await this.audit.record(
      tx,
      { ...actor, userId: user.id },
      { action: 'user.signed_in', entityType: 'user', entityId: user.id, after: { method } },
    );
    return pair;
  }

  private throttleKeys(email: string, ip: string): { account: string; pair: string } {
    return { account: this.tokens.hash(`login:${email}`), pair: this.tokens.hash(`login-pair:${email}:${ip}`) };
  }

  /**
   * Counts one attempt on the account's counter, then on the pair's, in one transaction: each
   * counter is one `INSERT … ON CONFLICT DO UPDATE … RETURNING` that only counts while the key
   * is not waiting out a delay, and the row stays locked until commit. If either key is
   * waiting, nothing is counted (the transaction rolls back) and the attempt is refused with
   * the time left, so an attacker's throttled address cannot push the owner's account further.
   */
  private async countAttempt(keys: { account: string; pair: string }): Promise<void> {
    const now = this.clock.now();
    const waitUntil = await this.db
      .transaction(async (tx) => {
        const account = await this.countOn(tx, keys.account, this.env.LOGIN_MAX_FAILURES_PER_ACCOUNT, now);
        const pair = account ?? (await this.countOn(tx, keys.pair, this.env.LOGIN_MAX_FAILURES_PER_PAIR, now));
        const blockedUntil = account ?? pair;
        if (blockedUntil) throw new ThrottledAttempt(blockedUntil);
        return null;
      })
      .catch((e: unknown) => {
        if (e instanceof ThrottledAttempt) return e.until;
        throw e;
      });
    if (waitUntil) {
      const seconds = Math.max(1, Math.ceil((waitUntil.getTime() - now.getTime()) / 1000));
      throw new IdentityException(IdentityErrorCode.LOGIN_THROTTLED, {
        seconds,
        minutes: Math.ceil(seconds / 60),
        retryAfterSeconds: seconds,
      });
    }
  }

  /**
   * One statement: counts an attempt on `key` unless it must still wait; the n-th attempt at
   * or past `threshold` makes the next one wait 2^(n - threshold) s (capped). A counter whose
   * window (first failure) is older than FAILURE_WINDOW_MS starts again. Returns the time the
   * key must wait until when the attempt was not counted, else null.
   */
  private async countOn(tx: EntityManager, key: string, threshold: number, now: Date): Promise<Date | null> {
    const rows: unknown[] = await tx.query(
      `WITH params AS (SELECT $2::timestamptz AS now, $3::timestamptz AS window_start, $4::int AS threshold, $5::int AS cap)
       INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
       SELECT $1, 1, p.now, CASE WHEN 1 >= p.threshold THEN p.now + make_interval(secs => 1) END FROM params p
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < $3 THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < $3 THEN $2 ELSE t.window_started_at END,
         locked_until = CASE WHEN (CASE WHEN t.window_started_at < $3 THEN 1 ELSE t.failures + 1 END) >= $4
           THEN $2::timestamptz + make_interval(secs => LEAST($5::double precision,
             power(2, (CASE WHEN t.window_started_at < $3 THEN 1 ELSE t.failures + 1 END) - $4)))
           END
       WHERE t.locked_until IS NULL OR t.locked_until <= $2
       RETURNING t.failures`,
      [key, now, new Date(now.getTime() - FAILURE_WINDOW_MS), threshold, this.env.LOGIN_MAX_DELAY_SECONDS],
    );
    if (rows.length > 0) return null;
    const row = await tx.findOneByOrFail(LoginThrottle, { key });
    return row.lockedUntil;
  }

  async refresh(refreshToken: string, actor: Actor): Promise<TokenPair> {
    const tokenHash = this.tokens.hash(refreshToken);
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx) => {
      const current = await tx.findOneBy(RefreshToken, { tokenHash });
      if (!current || current.revokedAt || current.expiresAt <= now) return { kind: 'invalid' as const };
      // The conditional update decides between two concurrent uses of the same token.
      const retired = await tx.update(
        RefreshToken,
        { id: current.id, usedAt: IsNull(), revokedAt: IsNull() },
        { usedAt: now },
      );
      if (!retired.affected) {
        await tx.update(RefreshToken, { familyId: current.familyId, revokedAt: IsNull() }, { revokedAt: now });
        await this.audit.record(
          tx,
          { ...actor, userId: current.userId },
          {
            action: 'user.refresh_token_reused',
            entityType: 'user',
            entityId: current.userId,
            after: { familyRevoked: current.familyId },
          },
        );
        return { kind: 'reused' as const };
      }
      const user = await tx.findOneByOrFail(User, { id: current.userId });
      return { kind: 'ok' as const, pair: await this.issue(tx, user, current.familyId) };
    });
    if (outcome.kind !== 'ok') throw new IdentityException(IdentityErrorCode.REFRESH_INVALID);
    return outcome.pair;
  }

  /** With a refresh token: that session ends; without: every session of the account. */
  async logout(userId: string, refreshToken: string | undefined, actor: Actor): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      if (refreshToken) {
        const current = await tx.findOneBy(RefreshToken, { tokenHash: this.tokens.hash(refreshToken), userId });
        if (current)
          await tx.update(RefreshToken, { familyId: current.familyId, revokedAt: IsNull() }, { revokedAt: now });
      } else {
        await tx.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: now });
      }
      await this.audit.record(tx, actor, {
        action: 'user.signed_out',
        entityType: 'user',
        entityId: userId,
        after: { allSessions: !refreshToken },
      });
    });
  }

  private async issue(tx: EntityManager, user: User, familyId: string): Promise<TokenPair> {
    const { token, hash } = this.tokens.issue();
    const now = this.clock.now();
    await tx.insert(RefreshToken, {
      userId: user.id,
      familyId,
      tokenHash: hash,
      expiresAt: new Date(now.getTime() + this.env.REFRESH_TTL_SECONDS * 1000),
    });
    const access = this.accessTokens.sign({ id: user.id, isAdmin: user.isAdmin });
    return { ...access, refreshToken: token };
  }
}
