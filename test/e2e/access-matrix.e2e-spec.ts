import { randomInt, randomUUID } from 'node:crypto';
import { makeBin } from '../../libs/kz';
import { makeAdmin, personBody, signUp, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Who may call what: every endpoint × every kind of caller, one test per cell.
 * Another's organization answers 404 (never 403), so a stranger cannot learn it exists.
 */
const ACTORS = [
  'anonymous',
  'tampered token',
  'applicant',
  'representative',
  'other user',
  'organizer',
  'commission member',
  'admin',
] as const;
type ActorName = (typeof ACTORS)[number];

interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  body?: (actor: ActorName) => Promise<unknown> | unknown;
  expect: Record<ActorName, number>;
}

const SIGNED_IN_ONLY = (ok: number): Record<ActorName, number> => ({
  anonymous: 401,
  'tampered token': 401,
  applicant: ok,
  representative: ok,
  'other user': ok,
  organizer: ok,
  'commission member': ok,
  admin: ok,
});
const EVERYONE = (ok: number): Record<ActorName, number> => ({
  anonymous: ok,
  'tampered token': ok,
  applicant: ok,
  representative: ok,
  'other user': ok,
  organizer: ok,
  'commission member': ok,
  admin: ok,
});
/** Who is not signed in gets 401; who is signed in but not allowed gets 403. */
const ONLY = (allowed: Partial<Record<ActorName, number>>): Record<ActorName, number> => ({
  anonymous: 401,
  'tampered token': 401,
  applicant: 403,
  representative: 403,
  'other user': 403,
  organizer: 403,
  'commission member': 403,
  admin: 403,
  ...allowed,
});
/** The representative's own organization: its representatives and admins see it; others get 404. */
const OWN_ORGANIZATION = (ok: number): Record<ActorName, number> => ({
  anonymous: 401,
  'tampered token': 401,
  applicant: 404,
  representative: ok,
  'other user': 404,
  organizer: 404,
  'commission member': 404,
  admin: ok,
});

let binSerial = randomInt(0, 90_000);
const freshBin = () => makeBin('2015-05', (binSerial += 7) % 100_000);
const freshPerson = () => {
  const birth = new Date(Date.UTC(1975 + randomInt(0, 30), randomInt(0, 12), 1 + randomInt(0, 28)))
    .toISOString()
    .slice(0, 10);
  return personBody({}, birth, randomInt(0, 2) ? 'male' : 'female');
};
const organizationBody = (label: string) => ({
  bin: freshBin(),
  name: `ҚБ «${label}»`,
  kind: 'ngo',
  regionCode: 'AKM',
  registeredOn: '2015-05-20',
});

let t: TestApp;
const tokens = {} as Record<ActorName, string | undefined>;
const accounts = {} as Record<Exclude<ActorName, 'anonymous' | 'tampered token'>, TestAccount>;
let bystander: TestAccount;
let organizationId: string;
let competitionId: string;

const currentVersion = async () =>
  ((await t.db.query('SELECT version FROM organizations WHERE id = $1', [organizationId])) as { version: number }[])[0]
    .version;

const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/me', expect: SIGNED_IN_ONLY(200) },
  { method: 'PUT', path: '/me/person', body: () => freshPerson(), expect: SIGNED_IN_ONLY(200) },
  {
    method: 'POST',
    path: '/organizations',
    body: (a) => organizationBody(`матрица ${a}`),
    expect: SIGNED_IN_ONLY(201),
  },
  { method: 'GET', path: '/organizations/:id', expect: OWN_ORGANIZATION(200) },
  {
    method: 'PATCH',
    path: '/organizations/:id',
    body: async (a) => ({ version: await currentVersion(), name: `ҚБ «өзгертті: ${a}»` }),
    expect: OWN_ORGANIZATION(200),
  },
  {
    method: 'POST',
    path: '/organizations/:id/representatives',
    body: () => ({ email: bystander.email }),
    expect: OWN_ORGANIZATION(201),
  },
  {
    method: 'POST',
    path: '/competitions/:cid/members',
    body: () => ({ email: `invitee-${randomUUID()}@test.kz`, role: 'mentor' }),
    expect: ONLY({ organizer: 201, admin: 201 }),
  },
  { method: 'GET', path: '/admin/audit/verify', expect: ONLY({ admin: 200 }) },
  { method: 'GET', path: '/territories', expect: EVERYONE(200) },
  { method: 'GET', path: '/health', expect: EVERYONE(200) },
  // Last: it ends the actors' refresh sessions (their access tokens stay valid until expiry).
  { method: 'POST', path: '/auth/logout', body: () => ({}), expect: SIGNED_IN_ONLY(204) },
];

const ERROR_CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

beforeAll(async () => {
  t = await createTestApp();
  const [applicant, representative, other, organizer, commission, admin, extra] = await Promise.all(
    ['applicant', 'rep', 'other', 'organizer', 'commission', 'admin', 'bystander'].map((label) => signUp(t, label)),
  );
  bystander = extra;
  accounts.applicant = applicant;
  accounts.representative = representative;
  accounts['other user'] = other;
  accounts.organizer = organizer;
  accounts['commission member'] = commission;
  accounts.admin = await makeAdmin(t, admin);

  const person = await t.call('PUT', '/me/person', { token: applicant.accessToken, body: freshPerson() });
  expect(person.status).toBe(200);
  const org = await t.call('POST', '/organizations', {
    token: representative.accessToken,
    body: organizationBody('матрица'),
  });
  expect(org.status).toBe(201);
  organizationId = org.body.id;
  // Competitions have no create endpoint yet: the row and the roles go straight into the database.
  competitionId = randomUUID();
  await t.db.query(
    `INSERT INTO competitions (id, template_code, title_kk, title_ru, created_by, version, number_prefix) VALUES ($1, 'test', 'Матрица', 'Матрица', $2, 1, 'TS')`,
    [competitionId, organizer.userId],
  );
  await t.db.query(
    `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'organizer', 'active'), ($1, $3, 'commission', 'active')`,
    [competitionId, organizer.userId, commission.userId],
  );

  tokens.anonymous = undefined;
  // A real token with its signature altered: well-formed, but not ours.
  const sig = representative.accessToken.slice(-8);
  tokens['tampered token'] = representative.accessToken.slice(0, -8) + (sig === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA');
  for (const [name, account] of Object.entries(accounts)) tokens[name as ActorName] = account.accessToken;
});

afterAll(async () => {
  await t?.close();
});

describe.each(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))('%s', (_name, endpoint) => {
  it.each(ACTORS.map((actor) => [actor, endpoint.expect[actor]] as const))('%s → %i', async (actor, expected) => {
    const body = endpoint.body ? await endpoint.body(actor) : undefined;
    const res = await t.call(
      endpoint.method,
      endpoint.path.replace(':id', organizationId).replace(':cid', competitionId),
      { token: tokens[actor], body },
    );
    if (res.status !== expected) {
      throw new Error(
        `${endpoint.method} ${endpoint.path} as ${actor}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
    if (ERROR_CODES[expected]) expect(res.body).toMatchObject({ statusCode: expected, code: ERROR_CODES[expected] });
  });
});

describe('what the refusals left behind', () => {
  it('the organization was renamed only by its representative and the admin', async () => {
    const renames: { actorId: string }[] = await t.db.query(
      `SELECT actor_id AS "actorId" FROM audit_log WHERE action = 'organization.updated' AND entity_id = $1`,
      [organizationId],
    );
    expect(renames.map((r) => r.actorId).sort()).toEqual(
      [accounts.representative.userId, accounts.admin.userId].sort(),
    );
    const [{ name }] = await t.db.query('SELECT name FROM organizations WHERE id = $1', [organizationId]);
    expect(name).toBe('ҚБ «өзгертті: admin»');
  });

  it('the representatives are the creator and the one added, no one else', async () => {
    const res = await t.call('GET', `/organizations/${organizationId}`, { token: accounts.admin.accessToken });
    expect(res.body.representatives.map((r: { userId: string }) => r.userId).sort()).toEqual(
      [accounts.representative.userId, bystander.userId].sort(),
    );
  });

  it('the added representative now sees the organization', async () => {
    const res = await t.call('GET', `/organizations/${organizationId}`, { token: bystander.accessToken });
    expect(res.status).toBe(200);
  });
});

describe('404 reveals nothing', () => {
  it("another's organization answers exactly like one that does not exist", async () => {
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    const theirs = await t.call('GET', `/organizations/${organizationId}`, {
      token: accounts['other user'].accessToken,
    });
    const missing = await t.call('GET', `/organizations/${randomUUID()}`, {
      token: accounts['other user'].accessToken,
    });
    const malformed = await t.call('GET', '/organizations/not-a-uuid', { token: accounts['other user'].accessToken });
    expect(theirs.status).toBe(404);
    expect(strip(theirs.body)).toEqual(strip(missing.body));
    expect(strip(malformed.body)).toEqual(strip(missing.body));
  });

  it('an admin gets 404 for an organization that does not exist', async () => {
    const res = await t.call('GET', `/organizations/${randomUUID()}`, { token: accounts.admin.accessToken });
    expect(res.status).toBe(404);
  });
});

describe('competition roles reach only their own competition', () => {
  const invite = (token: string, id: string) =>
    t.call('POST', `/competitions/${id}/members`, {
      token,
      body: { email: `invitee-${randomUUID()}@test.kz`, role: 'commission' },
    });

  it("an organizer of one competition gets 403 on another's", async () => {
    const [{ id }] = await t.db.query(
      `INSERT INTO competitions (template_code, title_kk, title_ru, created_by, version, number_prefix) VALUES ('test', 'Басқа', 'Другой', $1, 1, 'TS') RETURNING id`,
      [accounts.admin.userId],
    );
    expect((await invite(accounts.organizer.accessToken, id)).status).toBe(403);
    expect((await invite(accounts.admin.accessToken, id)).status).toBe(201);
  });

  it('a malformed competition id is refused, not a crash', async () => {
    expect((await invite(accounts.organizer.accessToken, 'not-a-uuid')).status).toBe(403);
  });

  it('an admin gets 404 for a competition that does not exist', async () => {
    expect((await invite(accounts.admin.accessToken, randomUUID())).status).toBe(404);
  });

  it('a revoked organizer is refused', async () => {
    await t.db.query(`UPDATE competition_memberships SET status = 'revoked' WHERE user_id = $1`, [
      accounts.organizer.userId,
    ]);
    try {
      expect((await invite(accounts.organizer.accessToken, competitionId)).status).toBe(403);
    } finally {
      await t.db.query(`UPDATE competition_memberships SET status = 'active' WHERE user_id = $1`, [
        accounts.organizer.userId,
      ]);
    }
  });
});
