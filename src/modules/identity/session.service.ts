import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
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

const FAILURE_WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;

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
  ) {}

  /** One answer for a wrong e-mail and a wrong password; repeated failures lock the address. */
  async login(email: string, password: string, actor: Actor): Promise<TokenPair> {
    const key = this.tokens.hash(`login:${email}`);
    const now = this.clock.now();
    const throttle = await this.db.getRepository(LoginThrottle).findOneBy({ key });
    if (throttle?.lockedUntil && throttle.lockedUntil > now) {
      throw new IdentityException(IdentityErrorCode.LOGIN_LOCKED, {
        minutes: Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 60000),
      });
    }
    const user = await this.db.getRepository(User).findOneBy({ email });
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!ok || !user) {
      await this.recordFailure(key, now);
      throw new IdentityException(IdentityErrorCode.INVALID_CREDENTIALS);
    }
    return this.db.transaction(async (tx) => {
      await tx.delete(LoginThrottle, { key });
      const pair = await this.issue(tx, user, randomUUID());
      await this.audit.record(
        tx,
        { ...actor, userId: user.id },
        { action: 'user.signed_in', entityType: 'user', entityId: user.id },
      );
      return pair;
    });
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

  private async recordFailure(key: string, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS);
    const lockUntil = new Date(now.getTime() + LOCK_MS);
    // One statement: a new window starts when the old one ran out; the lock falls at the limit.
    await this.db.query(
      `INSERT INTO login_throttle (key, failures, window_started_at, locked_until)
       VALUES ($1, 1, $2, CASE WHEN 1 >= $4 THEN $5::timestamptz END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_started_at < $3 THEN 1 ELSE login_throttle.failures + 1 END,
         window_started_at = CASE WHEN login_throttle.window_started_at < $3 THEN $2 ELSE login_throttle.window_started_at END,
         locked_until = CASE
           WHEN (CASE WHEN login_throttle.window_started_at < $3 THEN 1 ELSE login_throttle.failures + 1 END) >= $4 THEN $5::timestamptz
           ELSE login_throttle.locked_until END`,
      [key, now, windowStart, this.env.LOGIN_MAX_FAILURES_PER_ACCOUNT, lockUntil],
    );
  }
}
