import { spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { makeBin } from '../../libs/kz';
import { makeAdmin, personBody, signUp, TestAccount } from '../support/accounts';
import { behindTheAppsBack } from '../support/audit';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The audit log: one entry per state change, none for a refused request, append-only in
 * the database itself, and a hash chain that names the entry someone edited behind the
 * application's back — through the API and through the operator's CLI.
 */
const ROOT = join(__dirname, '../..');
// Queries below select `id::text AS id`; they order by `audit_log.id`, since the bare alias sorts as text.

interface AuditRow {
  id: string;
  actorId: string | null;
  actorIp: string;
  requestId: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: { before: unknown; after: Record<string, unknown> | null };
}

let t: TestApp;
let user: TestAccount;
let admin: TestAccount;

const freshPerson = () => {
  const birth = new Date(Date.UTC(1975 + randomInt(0, 30), randomInt(0, 12), 1 + randomInt(0, 28)))
    .toISOString()
    .slice(0, 10);
  return personBody({}, birth, randomInt(0, 2) ? 'male' : 'female');
};

const entriesOf = (requestId: string): Promise<AuditRow[]> =>
  t.db.query(
    `SELECT id::text AS id, actor_id AS "actorId", actor_ip AS "actorIp", request_id AS "requestId", action,
            entity_type AS "entityType", entity_id AS "entityId", summary
       FROM audit_log WHERE request_id = $1 ORDER BY audit_log.id`,
    [requestId],
  );
const totalEntries = async () => Number((await t.db.query('SELECT count(*) AS n FROM audit_log'))[0].n);
const verify = () => t.call('GET', '/admin/audit/verify', { token: admin.accessToken });

/** The operator command, as a separate process with this run's environment. */
function cliVerify(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'audit:verify'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  t = await createTestApp();
  [user, admin] = await Promise.all([signUp(t, 'audited'), signUp(t, 'auditor')]);
  admin = await makeAdmin(t, admin);
});

afterAll(async () => {
  await t?.close();
});

describe('one entry per state change', () => {
  it('PUT /me/person writes exactly one entry: who, what, before/after, from where', async () => {
    const requestId = `audit-person-${randomUUID()}`;
    const body = freshPerson();
    const before = await totalEntries();
    const res = await t.call('PUT', '/me/person', {
      token: user.accessToken,
      body,
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    expect(await totalEntries()).toBe(before + 1);
    const entries = await entriesOf(requestId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: user.userId,
      actorIp: '127.0.0.1',
      action: 'person.created',
      entityType: 'person',
      entityId: res.body.person.id,
      summary: { before: null, after: expect.objectContaining({ iin: body.iin, lastName: body.lastName }) },
    });
  });

  it('an update records the previous values as "before"', async () => {
    const requestId = `audit-person-update-${randomUUID()}`;
    const res = await t.call('PUT', '/me/person', {
      token: user.accessToken,
      body: { ...freshPerson(), lastName: 'Жаңаева' },
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    const [entry] = await entriesOf(requestId);
    expect(entry).toMatchObject({
      action: 'person.updated',
      summary: { before: { lastName: 'Тестова' }, after: { lastName: 'Жаңаева' } },
    });
  });

  it('POST /organizations writes exactly one entry naming the new organization', async () => {
    const requestId = `audit-org-${randomUUID()}`;
    const body = {
      bin: makeBin('2016-03', randomInt(0, 100_000)),
      name: 'ҚБ «Аудит»',
      kind: 'ngo',
      regionCode: 'AKT',
      registeredOn: '2016-03-01',
    };
    const before = await totalEntries();
    const res = await t.call('POST', '/organizations', {
      token: user.accessToken,
      body,
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(201);
    expect(await totalEntries()).toBe(before + 1);
    expect(await entriesOf(requestId)).toEqual([
      expect.objectContaining({
        actorId: user.userId,
        action: 'organization.created',
        entityType: 'organization',
        entityId: res.body.id,
        summary: { before: null, after: expect.objectContaining({ bin: body.bin, name: body.name }) },
      }),
    ]);
  });

  it('a request refused by validation writes nothing', async () => {
    const requestId = `audit-invalid-${randomUUID()}`;
    const before = await totalEntries();
    const res = await t.call('PUT', '/me/person', {
      token: user.accessToken,
      body: { ...freshPerson(), iin: '123' },
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(await entriesOf(requestId)).toEqual([]);
    expect(await totalEntries()).toBe(before);
  });

  it('a request refused by a business rule (IIN disagrees with the birth date) writes nothing', async () => {
    const requestId = `audit-refused-${randomUUID()}`;
    const before = await totalEntries();
    const res = await t.call('PUT', '/me/person', {
      token: user.accessToken,
      body: { ...freshPerson(), birthDate: '1960-01-01' },
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(400);
    expect(await totalEntries()).toBe(before);
  });
});

describe('append-only in the database', () => {
  afterEach(() => jest.restoreAllMocks());
  it.each([
    ['UPDATE', `UPDATE audit_log SET action = 'edited' WHERE id = (SELECT max(id) FROM audit_log)`],
    ['DELETE', 'DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('%s is refused', async (_op, sql) => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined); // TypeORM logs the failed query
    const before = await totalEntries();
    await expect(t.db.query(sql)).rejects.toThrow(/append-only/);
    expect(await totalEntries()).toBe(before);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'edited'`))[0].n).toBe(0);
  });
});

describe('the hash chain', () => {
  it('verifies as intact, counting every entry', async () => {
    // Past ten entries, so ids that sort differently as text and as numbers ("10" < "2") are covered.
    while ((await totalEntries()) < 12) {
      expect((await t.call('PATCH', '/me', { token: user.accessToken, body: { locale: 'ru' } })).status).toBe(200);
    }
    const res = await verify();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checked: await totalEntries() });
  });

  it('the CLI agrees: exit 0 and "audit chain OK"', async () => {
    const run = await cliVerify();
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`audit chain OK: ${await totalEntries()} entries`);
  }, 60_000);

  it('names an entry whose content was edited, and is whole again once it is restored', async () => {
    const [victim] = await t.db.query(
      `SELECT id::text AS id, summary::text AS summary FROM audit_log WHERE id < (SELECT max(id) FROM audit_log) ORDER BY audit_log.id DESC LIMIT 1`,
    );
    await behindTheAppsBack(
      t.db,
      `UPDATE audit_log SET summary = jsonb_set(summary, '{after}', '"nothing happened"') WHERE id = $1`,
      [victim.id],
    );
    try {
      const res = await verify();
      expect(res.body).toMatchObject({ ok: false, brokenAt: victim.id, reason: 'hash_mismatch' });
      const run = await cliVerify();
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`BROKEN at entry ${victim.id}`);
    } finally {
      await behindTheAppsBack(t.db, 'UPDATE audit_log SET summary = $2::jsonb WHERE id = $1', [
        victim.id,
        victim.summary,
      ]);
    }
    expect((await verify()).body).toEqual({ ok: true, checked: await totalEntries() });
  }, 90_000);

  it('names the entry after one that was deleted, and is whole again once it is put back', async () => {
    const [victim] = await t.db.query(
      `SELECT id::text AS id FROM audit_log ORDER BY audit_log.id DESC OFFSET 2 LIMIT 1`,
    );
    const [next] = await t.db.query(
      'SELECT id::text AS id FROM audit_log WHERE id > $1 ORDER BY audit_log.id LIMIT 1',
      [victim.id],
    );
    const [saved] = await t.db.query('SELECT row_to_json(a)::text AS row FROM audit_log a WHERE id = $1', [victim.id]);
    await behindTheAppsBack(t.db, 'DELETE FROM audit_log WHERE id = $1', [victim.id]);
    try {
      const res = await verify();
      expect(res.body).toMatchObject({ ok: false, brokenAt: next.id, reason: 'prev_hash_mismatch' });
      const run = await cliVerify();
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`BROKEN at entry ${next.id}`);
    } finally {
      // The exact row, with its own id (the identity column needs OVERRIDING SYSTEM VALUE).
      await t.db.query(
        `INSERT INTO audit_log OVERRIDING SYSTEM VALUE
         SELECT * FROM json_populate_record(NULL::audit_log, $1::json) WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE id = $2)`,
        [saved.row, victim.id],
      );
    }
    expect((await verify()).body).toEqual({ ok: true, checked: await totalEntries() });
  }, 90_000);

  it('does not fork when 30 people change something at the same moment', async () => {
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => signUp(t, `concurrent${i}`)));
    const before = await totalEntries();
    const results = await Promise.all(
      people.map((p, i) => t.call('PATCH', '/me', { token: p.accessToken, body: { locale: i % 2 ? 'ru' : 'kk' } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(await totalEntries()).toBe(before + 30);
    // A fork would show as two entries pointing at the same predecessor.
    const [{ shared }] = await t.db.query('SELECT count(*) - count(DISTINCT prev_hash) AS shared FROM audit_log');
    expect(Number(shared)).toBe(0);
    expect((await verify()).body).toEqual({ ok: true, checked: before + 30 });
  }, 60_000);
});
