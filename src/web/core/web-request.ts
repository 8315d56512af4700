import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { RequestWithUser } from '../../common/http/actor';
import type { ResolvedWebSession } from '../../modules/access/web-sessions';

/** A page request as the access guard leaves it: the session behind the cookie, if any. */
export type WebRequest = RequestWithUser & {
  webSession?: ResolvedWebSession;
  cookies: Record<string, string | undefined>;
  body?: unknown;
};

export type WebReply = FastifyReply;

/** A form post as @fastify/formbody parses it: a field appears once (string) or repeated (array). */
export type FormBody = Record<string, string | string[] | undefined>;

/** One field's value as a trimmed-free string ('' when absent); the last one when repeated. */
export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  if (Array.isArray(value)) return value[value.length - 1] ?? '';
  return value ?? '';
}

/** Every value of a repeated field (checkboxes, a multi-select). */
export function fields(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A list posted as `team[0].iin`, `team[0].role`, `team[1].iin`…: the rows in index order,
 * each with its fields. Indexes are the form's own (rows may be removed in between).
 */
export function rows(body: FormBody | undefined, prefix: string): Record<string, string>[] {
  const byIndex = new Map<number, Record<string, string>>();
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\[(\\d{1,3})\\]\\.(\\w+)$`);
  for (const key of Object.keys(body ?? {})) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const row = byIndex.get(index) ?? {};
    row[match[2]] = field(body, key);
    byIndex.set(index, row);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
}
