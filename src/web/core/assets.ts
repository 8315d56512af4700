import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The stylesheet and scripts, served by our own process under /assets (no CDN, no web font). */
export const ASSETS_DIR = join(__dirname, '..', 'assets');
export const ASSETS_PREFIX = '/assets/';

const versions = new Map<string, string>();

/**
 * An asset's URL with its content's hash: browsers keep it for a year (immutable) and fetch
 * the new file as soon as it changes, because the URL changes with it.
 */
export function assetUrl(name: string): string {
  let version = versions.get(name);
  if (version === undefined) {
    const path = join(ASSETS_DIR, name);
    version = existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12) : '0';
    versions.set(name, version);
  }
  return `${ASSETS_PREFIX}${name}?v=${version}`;
}
