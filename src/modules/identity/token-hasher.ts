import { createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EnvironmentVariables } from '../../../config/env.validation';

/** Opaque tokens: 256 random bits for the user, an HMAC of them for the database. */
@Injectable()
export class TokenHasher {
  constructor(private readonly env: EnvironmentVariables) {}

  issue(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.hash(token) };
  }

  hash(token: string): string {
    return createHmac('sha256', this.env.JWT_REFRESH_SECRET).update(token).digest('hex');
  }
}
