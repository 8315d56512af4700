import { createSecretKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EnvironmentVariables } from '../../../config/env.validation';
import type { AuthenticatedUser } from '../../common/http/actor';

const AUDIENCE = 'grants-api';
const ISSUER = 'grants';

interface AccessClaims {
  sub: string;
  adm?: boolean;
}

/** Short-lived JWT access tokens: one algorithm, audience and expiry always checked. */
@Injectable()
export class AccessTokenService {
  /**
   * Made once: given the secret as a string, jsonwebtoken first tries to parse it as a PEM
   * public key on every call, which cost the API about a sixth of its CPU under load.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly env: EnvironmentVariables,
  ) {
    this.key = createSecretKey(Buffer.from(env.JWT_ACCESS_SECRET, 'utf8'));
  }

  sign(user: AuthenticatedUser): { accessToken: string; expiresIn: number } {
    const claims: AccessClaims = { sub: user.id, ...(user.isAdmin ? { adm: true } : {}) };
    const accessToken = this.jwt.sign(claims, {
      secret: this.key as never,
      algorithm: 'HS256',
      audience: AUDIENCE,
      issuer: ISSUER,
      expiresIn: this.env.JWT_ACCESS_TTL_SECONDS,
    });
    return { accessToken, expiresIn: this.env.JWT_ACCESS_TTL_SECONDS };
  }

  /** Returns the user, or null for any token that is malformed, expired or not ours. */
  verify(token: string): AuthenticatedUser | null {
    try {
      const claims = this.jwt.verify<AccessClaims & { exp?: number }>(token, {
        secret: this.key as never,
        algorithms: ['HS256'],
        audience: AUDIENCE,
        issuer: ISSUER,
      });
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
      return { id: claims.sub, isAdmin: claims.adm === true };
    } catch {
      return null;
    }
  }
}
