import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** OWASP's argon2id minimum: m = 19 MiB, t = 2, p = 1. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/**
 * node-argon2 writes the parameters as `m=…,p=…,t=…`; the reference implementation (and
 * libargon2-based verifiers elsewhere: PHP, Python, Go) writes and expects `m=…,t=…,p=…`.
 * Stored hashes use the reference order so they stay portable; node-argon2 reads both.
 */
function toReferenceOrder(encoded: string): string {
  const parts = encoded.split('$'); // ['', 'argon2id', 'v=19', 'm=..,p=..,t=..', salt, hash]
  const params = new Map(parts[3].split(',').map((kv) => kv.split('=') as [string, string]));
  const ordered = ['m', 't', 'p'].filter((k) => params.has(k)).map((k) => `${k}=${params.get(k)}`);
  const rest = [...params].filter(([k]) => !['m', 't', 'p'].includes(k)).map(([k, v]) => `${k}=${v}`);
  parts[3] = [...ordered, ...rest].join(',');
  return parts.join('$');
}

@Injectable()
export class PasswordHasher {
  /** Verified against when no account exists, so a wrong e-mail costs as long as a wrong password. */
  private dummyHash: Promise<string> | undefined;

  async hash(password: string): Promise<string> {
    return toReferenceOrder(await argon2.hash(password, OPTIONS));
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    this.dummyHash ??= argon2.hash('dummy password for timing', OPTIONS);
    const target = hash ?? (await this.dummyHash);
    try {
      const ok = await argon2.verify(target, password);
      return hash !== null && ok;
    } catch {
      return false;
    }
  }
}
