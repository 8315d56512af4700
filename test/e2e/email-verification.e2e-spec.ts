import {
  makeAdmin,
  outboxTo,
  registerOnly,
  signUp,
  TEST_PASSWORD,
  TestAccount,
  tokenFromOutbox,
  uniqueEmail,
  withoutRequestId,
} from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * E-mail addresses are real before anything counts: submitting, accepting an invitation with an
 * existing account and saving scores need a verified address; "send the link again" exists,
 * answers the same for every address and is rate-limited per address and per IP in PostgreSQL.
 */
const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

let t: TestApp;
let admin: TestAccount;
let ipSerial = 10;

/** A fresh client address, so the per-IP limit of one test does not spill into another. */
const newIp = () => `10.20.${Math.floor(ipSerial / 250)}.${(ipSerial++ % 250) + 1}`;

async function resend(app: TestApp, email: string, ip: string, lang: 'kk' | 'ru' = 'kk') {
  const res = await app.app.inject({
    method: 'POST',
    url: '/api/v1/auth/verify-email/resend',
    remoteAddress: ip,
    headers: { 'content-type': 'application/json', 'accept-language': lang },
    payload: JSON.stringify({ email }),
  });
  return { status: res.statusCode, body: res.json() };
}

/** Registers and signs in without following the verification link. */
async function unverified(label: string): Promise<TestAccount> {
  const email = await registerOnly(t, label);
  const login = await t.call('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } });
  expect(login.status).toBe(200);
  const me = await t.call('GET', '/me', { token: login.body.accessToken });
  expect(me.body.emailVerified).toBe(false);
  return { email, userId: me.body.id, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken };
}

/** "Send the link again", then follow the newest link. */
async function verifyByResend(account: TestAccount) {
  expect((await resend(t, account.email, newIp())).status).toBe(202);
  const token = await tokenFromOutbox(t, account.email, 'email-verification');
  expect((await t.call('POST', '/auth/verify-email', { body: { token } })).status).toBe(200);
}

const expectNotVerified = (res: { status: number; body: any }) => {
  expect(res.status).toBe(403);
  expect(res.body).toMatchObject({ statusCode: 403, code: 'EMAIL_NOT_VERIFIED' });
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await makeAdmin(t, await signUp(t, 'admin'));
});
afterAll(async () => {
  await t.close();
});
afterEach(() => t.clock.reset());

describe('a verified e-mail before anything counts', () => {
  it('submitting: 403 EMAIL_NOT_VERIFIED telling where the link is and how to get a new one; after verifying, the submit goes through', async () => {
    const competition = await openCompetition(t, admin.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    const applicant = await unverified('applicant');
    const id = await readyDraft(t, applicant.accessToken, competition, { applicantKind: 'initiative_group' });

    const kk = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
    expectNotVerified(kk);
    expect(kk.body.message).toContain('растаңыз');
    expect(kk.body.message).toContain('«Сілтемені қайта жіберу»');
    const ru = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken, lang: 'ru' });
    expectNotVerified(ru);
    expect(ru.body.message).toContain('подтвердите адрес электронной почты');
    expect(ru.body.message).toContain('«Спам»');
    expect(ru.body.message).toContain('«Отправить ссылку ещё раз»');
    const [draft] = await t.db.query('SELECT status, number FROM applications WHERE id = $1', [id]);
    expect(draft).toEqual({ status: 'draft', number: null });

    // The same access token works as soon as the link is followed: nothing to sign in again for.
    await verifyByResend(applicant);
    const submitted = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
    expect(submitted.status).toBe(200);
    expect(submitted.body.number).toEqual(expect.any(String));
  });

  it('accepting an invitation with an existing unverified account: 403 and no role; verified, the same link works', async () => {
    const competition = await openCompetition(t, admin.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    const member = await unverified('member');
    const invited = await t.call('POST', `/competitions/${competition.id}/members`, {
      token: admin.accessToken,
      body: { email: member.email, role: 'commission' },
    });
    expect(invited.status).toBe(201);
    const token = await tokenFromOutbox(t, member.email, 'competition-invitation');

    expectNotVerified(await t.call('POST', '/invitations/accept', { body: { token } }));
    const roles = () =>
      t.db.query('SELECT role FROM competition_memberships WHERE competition_id = $1 AND user_id = $2', [
        competition.id,
        member.userId,
      ]);
    expect(await roles()).toEqual([]);

    await verifyByResend(member);
    const accepted = await t.call('POST', '/invitations/accept', { body: { token } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ competitionId: competition.id, role: 'commission', accountCreated: false });
    expect(await roles()).toEqual([{ role: 'commission' }]);
  });

  it('saving scores: a commission member whose address is not verified gets 403 and nothing is stored', async () => {
    const competition = await openCompetition(t, admin.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    const applicant = await signUp(t, 'scored-applicant');
    const id = await readyDraft(t, applicant.accessToken, competition, { applicantKind: 'initiative_group' });
    expect((await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken })).status).toBe(200);
    // A member whose role was given before addresses had to be verified (granted directly, as an operator would).
    const member = await unverified('expert');
    await t.db.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'active')`,
      [competition.id, member.userId],
    );
    t.clock.advance(2 * DAY);
    expect((await t.call('POST', `/competitions/${competition.id}/close`, { token: admin.accessToken })).status).toBe(
      200,
    );
    t.clock.reset();
    await t.call('POST', `/competitions/${competition.id}/screening/run`, { token: admin.accessToken });
    await t.call('PUT', `/applications/${id}/screening`, {
      token: admin.accessToken,
      body: { decision: 'screened_in' },
    });
    expect(
      (await t.call('POST', `/competitions/${competition.id}/screening/publish`, { token: admin.accessToken })).status,
    ).toBe(200);
    expect(
      (await t.call('POST', `/competitions/${competition.id}/assignments`, { token: admin.accessToken, body: {} }))
        .status,
    ).toBe(200);

    const criteria: { code: string; maxPoints: number; step: number; commentBelow?: number }[] =
      competition.rulebook.criteria;
    const scores = criteria.map((c) => ({ criterion: c.code, points: c.maxPoints }));
    const url = `/applications/${id}/scores/me`;
    expectNotVerified(await t.call('PUT', url, { token: member.accessToken, body: { version: 0, scores } }));
    const stored = () =>
      t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'commission.scored' AND actor_id = $1`, [
        member.userId,
      ]);
    expect(await stored()).toEqual([{ n: 0 }]);

    await verifyByResend(member);
    const saved = await t.call('PUT', url, { token: member.accessToken, body: { version: 0, scores } });
    expect(saved.status).toBe(200);
    expect(await stored()).toEqual([{ n: 1 }]);
  });
});

describe('POST /auth/verify-email/resend', () => {
  it('answers the same for an unknown, an unverified and a verified address; only the unverified one gets a new link', async () => {
    const unknown = uniqueEmail('nobody');
    const pending = await registerOnly(t, 'pending', 'ru');
    const done = (await signUp(t, 'done')).email;
    const answers = [];
    for (const email of [unknown, pending, done]) answers.push(await resend(t, email, newIp()));
    for (const a of answers) {
      expect(a.status).toBe(202);
      expect(withoutRequestId(a.body)).toEqual(withoutRequestId(answers[0].body));
    }
    expect(answers[0].body.message).toContain('жаңа растау сілтемесі');
    expect((await resend(t, unknown, newIp(), 'ru')).body.message).toContain('новую ссылку');

    expect(await outboxTo(t, unknown)).toEqual([]);
    expect((await outboxTo(t, done, 'email-verification')).length).toBe(1); // the one from registering
    const mails = await outboxTo(t, pending, 'email-verification');
    expect(mails).toHaveLength(2);
    // A real e-mail in the account's language, with a working link valid for 24 hours.
    expect(mails[1]).toMatchObject({ locale: 'ru', recipient_email: pending, payload: { hours: 24 } });
    const link = new URL(String(mails[1].payload.link));
    expect(`${link.origin}${link.pathname}`).toBe('http://grants.test/verify-email');
    const newToken = link.searchParams.get('token')!;
    const oldToken = new URL(String(mails[0].payload.link)).searchParams.get('token')!;
    expect(newToken).not.toBe(oldToken);

    // The new link replaces the old one: the old one stops working, and its error offers a new link.
    const old = await t.call('POST', '/auth/verify-email', { body: { token: oldToken }, lang: 'ru' });
    expect(old.status).toBe(400);
    expect(old.body.code).toBe('VERIFICATION_LINK_INVALID');
    expect(old.body.message).toContain('«Отправить ссылку ещё раз»');
    expect((await t.call('POST', '/auth/verify-email', { body: { token: newToken } })).status).toBe(200);
    const [audit] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log a JOIN users u ON u.id::text = a.entity_id
        WHERE a.action = 'user.verification_resent' AND u.email = $1`,
      [pending],
    );
    expect(audit.n).toBe(1);
  });

  it('an expired link answers VERIFICATION_LINK_INVALID offering a new one, in Kazakh by default', async () => {
    const email = await registerOnly(t, 'late');
    const token = await tokenFromOutbox(t, email, 'email-verification');
    t.clock.advance(DAY + 1000);
    const expired = await t.call('POST', '/auth/verify-email', { body: { token } });
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ code: 'VERIFICATION_LINK_INVALID' });
    expect(expired.body.message).toContain('«Сілтемені қайта жіберу»');
  });

  it('limits one address to 3 links an hour, whichever IP asks, and counts again after the hour', async () => {
    const email = await registerOnly(t, 'flooded');
    for (let i = 0; i < 3; i += 1) expect((await resend(t, email, newIp())).status).toBe(202);
    const refused = await resend(t, email, newIp(), 'ru');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'VERIFICATION_RESEND_LIMITED' });
    expect(refused.body.message).toContain('через час');
    // An unknown address is limited exactly like a registered one: the limit reveals nothing.
    const unknown = uniqueEmail('ghost');
    for (let i = 0; i < 3; i += 1) expect((await resend(t, unknown, newIp())).status).toBe(202);
    expect((await resend(t, unknown, newIp())).status).toBe(429);
    // Registration's link plus three: the refused request sent nothing.
    expect(await outboxTo(t, email, 'email-verification')).toHaveLength(4);
    t.clock.advance(HOUR + 1000);
    expect((await resend(t, email, newIp())).status).toBe(202);
    expect(await outboxTo(t, email, 'email-verification')).toHaveLength(5);
  });

  it('limits one IP to 20 requests an hour, over any addresses', async () => {
    const ip = newIp();
    for (let i = 0; i < 20; i += 1) expect((await resend(t, uniqueEmail(`ip${i}`), ip)).status).toBe(202);
    const email = await registerOnly(t, 'same-ip');
    expect((await resend(t, email, ip)).status).toBe(429);
    expect(await outboxTo(t, email, 'email-verification')).toHaveLength(1);
    expect((await resend(t, email, newIp())).status).toBe(202);
  });

  it('keeps its counters in PostgreSQL: two API processes share them, and no address or IP is stored in clear', async () => {
    const other = await createTestApp();
    try {
      const email = await registerOnly(t, 'two-apps');
      expect((await resend(t, email, newIp())).status).toBe(202);
      expect((await resend(other, email, newIp())).status).toBe(202);
      expect((await resend(t, email, newIp())).status).toBe(202);
      expect((await resend(other, email, newIp())).status).toBe(429);
    } finally {
      await other.close();
    }
    const clear = await t.db.query(
      `SELECT count(*)::int AS n FROM rate_limit_counters WHERE key LIKE '%@%' OR key LIKE '10.%'`,
    );
    expect(clear).toEqual([{ n: 0 }]);
  });
});

describe('how one becomes an organizer', () => {
  it('a new account creating a competition gets 403 ORGANIZER_ROLE_NEEDED saying an administrator grants it', async () => {
    const newcomer = await signUp(t, 'newcomer');
    const body = {
      templateCode: 'mini-grants-district',
      title: { kk: 'Жаңа конкурс', ru: 'Новый конкурс' },
      submissionDeadline: new Date(Date.now() + DAY).toISOString(),
    };
    const kk = await t.call('POST', '/competitions', { token: newcomer.accessToken, body });
    expect(kk.status).toBe(403);
    expect(kk.body).toMatchObject({ statusCode: 403, code: 'ORGANIZER_ROLE_NEEDED' });
    expect(kk.body.message).toContain('әкімші');
    expect(kk.body.message).toContain('шақырады');
    const ru = await t.call('POST', '/competitions', { token: newcomer.accessToken, body, lang: 'ru' });
    expect(ru.body.message).toContain('администратор');
    expect(ru.body.message).toContain('приглашение');

    // What the message says works: an organizer's invitation as organizer, then the newcomer creates one.
    const competition = await openCompetition(t, admin.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    await t.call('POST', `/competitions/${competition.id}/members`, {
      token: admin.accessToken,
      body: { email: newcomer.email, role: 'organizer' },
    });
    const token = await tokenFromOutbox(t, newcomer.email, 'competition-invitation');
    expect((await t.call('POST', '/invitations/accept', { body: { token } })).status).toBe(200);
    expect((await t.call('POST', '/competitions', { token: newcomer.accessToken, body })).status).toBe(201);
  });
});
