import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Key id of seeds sealed before DRAW_SEAL_KEY existed, under the refresh-token secret. */
export const LEGACY_SEAL_KEY_ID = 'legacy';

export interface SealedSeed {
  keyId: string;
  sealed: string;
}

/**
 * Keeps the draw's secret seed unreadable in the database (and in backups and logs) until
 * the draw: AES-256-GCM under a key derived from a secret of its own. Several keys may be
 * configured (`id:secret,id:secret`): the first seals, any of them opens what it sealed, so
 * a key can be rotated while a draw prepared under the old one waits for its ceremony.
 */
export class SeedSealer {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentId: string;

  /** `legacySecret` opens seeds sealed before key ids existed, unless a `legacy` key is configured. */
  constructor(keyring: string, legacySecret?: string) {
    const pairs = parseKeyring(keyring);
    if (pairs.length === 0) throw new Error('DRAW_SEAL_KEY holds no key');
    for (const [id, secret] of pairs) this.keys.set(id, derive(secret));
    if (legacySecret && !this.keys.has(LEGACY_SEAL_KEY_ID)) this.keys.set(LEGACY_SEAL_KEY_ID, derive(legacySecret));
    this.currentId = pairs[0][0];
  }

  seal(seedHex: string): SealedSeed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    const body = Buffer.concat([cipher.update(Buffer.from(seedHex, 'hex')), cipher.final()]);
    return { keyId: this.currentId, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  }

  canOpen(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /** Throws when the key is no longer configured or the sealed seed was altered. */
  open({ keyId, sealed }: SealedSeed): string {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`the draw seal key "${keyId}" is not in DRAW_SEAL_KEY`);
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('hex');
  }
}

function derive(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'grants-draw-seed', 'aes-256-gcm', 32));
}

function parseKeyring(keyring: string): [string, string][] {
  return keyring
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const colon = pair.indexOf(':');
      return [pair.slice(0, colon), pair.slice(colon + 1)] as [string, string];
    });
}
