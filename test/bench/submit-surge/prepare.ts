/**
 * Preparation of the submit-surge benchmark (not timed). One draft is filled through the
 * real API by readyDraft, exactly as the e2e tests do; the thousands of others are copied
 * from it in SQL — same title, territory, direction, answers, budget and attachment rows —
 * each with its own account and a team of fresh, valid IINs, so the real submit passes
 * every rule for every one of them.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { makeIin, parseIin } from '../../../libs/kz';
import { requestOf, type CallOptions, type CallResult, type TestApp } from '../../support/test-app';

/**
 * The benchmark's own connection, apart from the API's pool: what it asks the database
 * must not wait behind the load it measures.
 */
export type Sql = (text: string, params?: unknown[]) => Promise<any[]>;

export function sqlOf(pool: Pool): Sql {
  return async (text, params) => (await pool.query(text, params)).rows;
}

/** Enough of TestApp for the support helpers (openCompetition, readyDraft), over a real socket. */
export function httpTestApp(baseUrl: string): TestApp {
  async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
    const { headers, payload } = requestOf(options);
    const body = Buffer.isBuffer(payload) ? new Uint8Array(payload) : payload;
    const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body });
    const raw = Buffer.from(await res.arrayBuffer());
    let parsed: unknown = raw.toString('utf8');
    if ((res.headers.get('content-type') ?? '').includes('json') && raw.length)
      parsed = JSON.parse(raw.toString('utf8'));
    return { status: res.status, body: parsed as T, headers: Object.fromEntries(res.headers), raw };
  }
  return {
    call,
    get db(): never {
      throw new Error('not available over HTTP');
    },
    get app(): never {
      throw new Error('not available over HTTP');
    },
    get clock(): never {
      throw new Error('the benchmark runs on the system clock');
    },
    close: async () => undefined,
  } as TestApp;
}

/**
 * IINs of people aged 23–24 today (18–29 is the youth template's range), unique within
 * the run and distinct from memberOfAge's (which are all born on 15 January).
 */
export function iinSource(): () => { iin: string; birthDate: string; gender: 'male' | 'female' } {
  const issued = new Set<string>();
  const year = new Date().getUTCFullYear() - 24;
  let k = 0;
  return () => {
    for (;;) {
      const slot = k % 308; // 11 months × 28 days, February to December
      const date = `${year}-${String(2 + Math.floor(slot / 28)).padStart(2, '0')}-${String(1 + (slot % 28)).padStart(2, '0')}`;
      const sex = Math.floor(k / 308) % 2 === 0 ? 'female' : 'male';
      const serial = (Math.floor(k / 616) * 7) % 10_000;
      k += 1;
      const iin = makeIin(date, sex, serial);
      if (issued.has(iin)) continue;
      issued.add(iin);
      const parsed = parseIin(iin);
      if (!parsed.ok) throw new Error(`makeIin gave an invalid IIN ${iin}`);
      return { iin, birthDate: parsed.birthDate, gender: parsed.sex };
    }
  };
}

export interface PreparedDraft {
  applicationId: string;
  userId: string;
}

/** Accounts sharing one real argon2 hash, verified, half kk and half ru. */
export async function insertUsers(sql: Sql, count: number, passwordHash: string, label: string): Promise<string[]> {
  const ids: string[] = [];
  const emails: string[] = [];
  const locales: string[] = [];
  for (let i = 0; i < count; i += 1) {
    ids.push(randomUUID());
    emails.push(`${label}-${i}@bench.kz`);
    locales.push(i % 2 === 0 ? 'kk' : 'ru');
  }
  for (let from = 0; from < count; from += 2000) {
    await sql(
      `INSERT INTO users (id, email, password_hash, locale, email_verified_at, version)
       SELECT u.id, u.email, $4, u.locale, now(), 1 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, email, locale)`,
      [ids.slice(from, from + 2000), emails.slice(from, from + 2000), locales.slice(from, from + 2000), passwordHash],
    );
  }
  return ids;
}

/** Copies the template draft once per user: the application, its team (fresh IINs) and its attachment rows. */
export async function cloneDrafts(sql: Sql, templateId: string, userIds: string[]): Promise<PreparedDraft[]> {
  const teamSize: number = (
    await sql('SELECT count(*)::int AS n FROM application_members WHERE application_id = $1', [templateId])
  )[0].n;
  const nextIin = iinSource();
  const drafts: PreparedDraft[] = [];
  const BATCH = 1000;
  for (let from = 0; from < userIds.length; from += BATCH) {
    const users = userIds.slice(from, from + BATCH);
    const apps = users.map(() => randomUUID());
    await sql(
      `INSERT INTO applications (id, competition_id, applicant_user_id, applicant_kind, organization_id, status, title, territory_code,
                                 direction, nomination, answers, budget_lines, amount_requested, version)
       SELECT n.app, t.competition_id, n.usr, t.applicant_kind, t.organization_id, 'draft', t.title, t.territory_code,
              t.direction, t.nomination, t.answers, t.budget_lines, t.amount_requested, 1
         FROM applications t CROSS JOIN unnest($2::uuid[], $3::uuid[]) AS n(app, usr)
        WHERE t.id = $1 AND t.status = 'draft'`,
      [templateId, apps, users],
    );
    const m = {
      app: [] as string[],
      iin: [] as string[],
      birth: [] as string[],
      gender: [] as string[],
      pos: [] as number[],
    };
    for (const app of apps) {
      for (let pos = 0; pos < teamSize; pos += 1) {
        const person = nextIin();
        m.app.push(app);
        m.iin.push(person.iin);
        m.birth.push(person.birthDate);
        m.gender.push(person.gender);
        m.pos.push(pos);
      }
    }
    await sql(
      `INSERT INTO application_members (application_id, competition_id, iin, last_name, first_name, phone, email, birth_date, gender, is_leader, position, active)
       SELECT x.app, tm.competition_id, x.iin, tm.last_name, tm.first_name, tm.phone, tm.email, x.birth::date, x.gender, tm.is_leader, tm.position, false
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[]) AS x(app, iin, birth, gender, pos)
         JOIN application_members tm ON tm.application_id = $1 AND tm.position = x.pos`,
      [templateId, m.app, m.iin, m.birth, m.gender, m.pos],
    );
    await sql(
      `INSERT INTO attachments (application_id, document_code, file_kind, storage_key, sha256, size, original_name, uploaded_by)
       SELECT n.app, a.document_code, a.file_kind, a.storage_key, a.sha256, a.size, a.original_name, n.usr
         FROM attachments a CROSS JOIN unnest($2::uuid[], $3::uuid[]) AS n(app, usr)
        WHERE a.application_id = $1`,
      [templateId, apps, users],
    );
    apps.forEach((applicationId, i) => drafts.push({ applicationId, userId: users[i] }));
  }
  return drafts;
}
