import * as jwt from 'jsonwebtoken';
import { isCommonPassword } from '../../src/modules/identity/domain/password-policy';
import { createTestApp, TestApp } from '../support/test-app';
import {
  outboxTo,
  registerOnly,
  signUp,
  TEST_PASSWORD,
  tokenFromOutbox,
  uniqueEmail,
  withoutRequestId,
} from '../support/accounts';

const HOUR = 3600_000;
const MINUTE = 60_000;

describe('accounts (/auth)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => t.clock.reset());

  const login = (email: string, password = TEST_PASSWORD) =>
    t.call('POST', '/auth/login', { body: { email, password } });
  const register = (email: string, password = TEST_PASSWORD, locale = 'kk', lang?: string) =>
    t.call('POST', '/auth/register', { body: { email, password, locale }, lang });
  const usersWith = async (email: string) =>
    (await t.db.query('SELECT * FROM users WHERE email = $1', [email])) as { password_hash: string }[];

  describe('register', () => {
    it('answers 202 in Kazakh by default and in Russian on request', async () => {
      const kk = await register(uniqueEmail());
      expect(kk.status).toBe(202);
      expect(kk.body).toEqual({ status: 'accepted', message: expect.stringContaining('Тіркеу қабылданды') });
      const ru = await register(uniqueEmail(), TEST_PASSWORD, 'kk', 'ru');
      expect(ru.status).toBe(202);
      expect(ru.body.message).toContain('Регистрация принята');
    });

    it('queues a verification e-mail in the account locale, with a token that no response contains', async () => {
      const email = uniqueEmail('Mixed');
      const res = await register(`  ${email.toUpperCase()} `, TEST_PASSWORD, 'ru', 'kk');
      const rows = await outboxTo(t, email.toLowerCase());
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ template: 'email-verification', locale: 'ru', payload: { hours: 24 } });
      const link = new URL(String(rows[0].payload.link));
      expect(`${link.origin}${link.pathname}`).toBe('http://grants.test/verify-email');
      const token = link.searchParams.get('token')!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const verified = await t.call('POST', '/auth/verify-email', { body: { token } });
      const signedIn = await login(email.toLowerCase());
      for (const r of [res, verified, signedIn]) expect(r.raw.toString('utf8')).not.toContain(token);
      // Only a hash is stored.
      const stored = await t.db.query('SELECT token_hash FROM one_time_tokens WHERE token_hash = $1', [token]);
      expect(stored).toHaveLength(0);
    });

    it('answers a taken address exactly like a new one, creates no user and tells the owner', async () => {
      const email = await registerOnly(t, 'taken', 'ru');
      const again = await register(email, 'another-long-passphrase', 'kk');
      const fresh = await register(uniqueEmail(), 'another-long-passphrase', 'kk');
      expect(again.status).toBe(fresh.status);
      expect(again.body).toEqual(fresh.body);
      expect(await usersWith(email)).toHaveLength(1);
      const rows = await outboxTo(t, email);
      expect(rows.map((r) => r.template)).toEqual(['email-verification', 'account-exists']);
      expect(rows[1].locale).toBe('ru'); // the owner's locale, not the caller's
      expect(JSON.stringify(rows[1].payload)).not.toMatch(/token=/);
      // The original password still works: the second attempt changed nothing.
      expect((await login(email)).status).toBe(200);
    });

    it('stores an argon2id hash with the OWASP parameters', async () => {
      const email = await registerOnly(t);
      const [user] = await usersWith(email);
      expect(user.password_hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
      expect(user.password_hash).not.toContain(TEST_PASSWORD);
    });
  });

  describe('password policy', () => {
    const refused = async (password: string, code: string) => {
      const email = uniqueEmail('pw');
      const res = await register(email, password);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details[0]).toMatchObject({ field: 'password', code, message: expect.any(String) });
      expect(await usersWith(email)).toHaveLength(0);
      return res;
    };

    it('refuses fewer than 8 characters, counting characters rather than UTF-16 units', async () => {
      const res = await refused('kokpar7', 'PASSWORD_TOO_SHORT');
      expect(res.body.details[0].message).toContain('8');
      await refused('🔑🔑🔑🔑🔑🔑🔑', 'PASSWORD_TOO_SHORT'); // 7 characters, 14 UTF-16 units
    });

    it('refuses more than 128 characters and accepts exactly 128', async () => {
      await refused('a'.repeat(120) + 'b'.repeat(9), 'PASSWORD_TOO_LONG');
      expect((await register(uniqueEmail(), 'сөз'.repeat(42) + 'ab')).status).toBe(202);
    });

    it('refuses common passwords, whatever their case', async () => {
      for (const p of ['password1', 'qwerty123']) {
        expect(isCommonPassword(p)).toBe(true);
        await refused(p, 'PASSWORD_TOO_COMMON');
      }
      await refused('QWERTY123', 'PASSWORD_TOO_COMMON');
    });

    it('has no composition rules: a 20-character lower-case passphrase is fine', async () => {
      const passphrase = 'tulpar saiga dombyra';
      expect(passphrase).toHaveLength(20);
      const email = uniqueEmail();
      expect((await register(email, passphrase)).status).toBe(202);
      expect((await login(email, passphrase)).status).toBe(200);
    });
  });

  describe('verify-email', () => {
    it('verifies once; the same token again is VERIFICATION_LINK_INVALID', async () => {
      const email = await registerOnly(t);
      const token = await tokenFromOutbox(t, email, 'email-verification');
      const session = (await login(email)).body;
      expect((await t.call('GET', '/me', { token: session.accessToken })).body.emailVerified).toBe(false);
      const ok = await t.call('POST', '/auth/verify-email', { body: { token }, lang: 'ru' });
      expect(ok.status).toBe(200);
      expect(ok.body.message).toBe('Адрес электронной почты подтверждён.');
      expect((await t.call('GET', '/me', { token: session.accessToken })).body.emailVerified).toBe(true);
      const again = await t.call('POST', '/auth/verify-email', { body: { token } });
      expect(again.status).toBe(400);
      expect(again.body).toMatchObject({
        statusCode: 400,
        code: 'VERIFICATION_LINK_INVALID',
        message: expect.any(String),
      });
    });

    it('expires after 24 hours', async () => {
      const early = await registerOnly(t);
      const late = await registerOnly(t);
      const earlyToken = await tokenFromOutbox(t, early, 'email-verification');
      const lateToken = await tokenFromOutbox(t, late, 'email-verification');
      t.clock.advance(24 * HOUR - MINUTE);
      expect((await t.call('POST', '/auth/verify-email', { body: { token: earlyToken } })).status).toBe(200);
      t.clock.advance(MINUTE + 1000);
      const expired = await t.call('POST', '/auth/verify-email', { body: { token: lateToken } });
      expect(expired.status).toBe(400);
      expect(expired.body.code).toBe('VERIFICATION_LINK_INVALID');
    });

    it('refuses an unknown token', async () => {
      const res = await t.call('POST', '/auth/verify-email', { body: { token: 'A'.repeat(43) } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VERIFICATION_LINK_INVALID');
    });
  });

  describe('login', () => {
    it('returns a token pair that opens /me', async () => {
      const email = await registerOnly(t);
      const res = await login(` ${email.toUpperCase()}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
      const me = await t.call('GET', '/me', { token: res.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(email);
    });

    it('gives one answer for a wrong password and an unknown e-mail', async () => {
      const email = await registerOnly(t);
      const wrong = await login(email, 'not-the-password');
      const unknown = await login(uniqueEmail('nobody'), 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));
      expect(unknown.status).toBe(wrong.status);
    });
  });

  describe('refresh', () => {
    it('rotates; reusing the old token revokes the whole family', async () => {
      const a = await signUp(t);
      const next = await t.call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } });
      expect(next.status).toBe(200);
      expect(next.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
      expect(next.body.refreshToken).not.toBe(a.refreshToken);
      expect((await t.call('GET', '/me', { token: next.body.accessToken })).status).toBe(200);
      const reused = await t.call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } });
      expect(reused.status).toBe(401);
      expect(reused.body.code).toBe('REFRESH_INVALID');
      expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: next.body.refreshToken } })).status).toBe(
        401,
      );
    });

    it('refuses a random string and an expired token', async () => {
      const random = await t.call('POST', '/auth/refresh', { body: { refreshToken: 'x'.repeat(43) } });
      expect(random.status).toBe(401);
      expect(random.body.code).toBe('REFRESH_INVALID');
      const a = await signUp(t);
      t.clock.advance(30 * 24 * HOUR + 1000);
      expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } })).status).toBe(401);
    });
  });

  describe('logout', () => {
    it('with a refresh token ends that session only', async () => {
      const a = await signUp(t);
      const other = (await login(a.email)).body;
      const out = await t.call('POST', '/auth/logout', {
        token: a.accessToken,
        body: { refreshToken: a.refreshToken },
      });
      expect(out.status).toBe(204);
      expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } })).status).toBe(401);
      expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(200);
    });

    it('without a body ends every session', async () => {
      const a = await signUp(t);
      const other = (await login(a.email)).body;
      expect((await t.call('POST', '/auth/logout', { token: a.accessToken })).status).toBe(204);
      for (const refreshToken of [a.refreshToken, other.refreshToken]) {
        expect((await t.call('POST', '/auth/refresh', { body: { refreshToken } })).status).toBe(401);
      }
    });

    it('needs a signed-in caller', async () => {
      const res = await t.call('POST', '/auth/logout', {});
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('password reset', () => {
    const requestReset = (email: string) => t.call('POST', '/auth/password-reset', { body: { email } });
    const confirm = (token: string, password: string) =>
      t.call('POST', '/auth/password-reset/confirm', { body: { token, password } });

    it('answers the same for a known and an unknown address; only the known one gets mail', async () => {
      const known = await registerOnly(t, 'known', 'ru');
      const unknown = uniqueEmail('unknown');
      const a = await requestReset(known);
      const b = await requestReset(unknown);
      expect(a.status).toBe(202);
      expect(b.status).toBe(202);
      expect(b.body).toEqual(a.body);
      const rows = await outboxTo(t, known, 'password-reset');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ locale: 'ru', payload: { minutes: 30 } });
      expect(await outboxTo(t, unknown)).toEqual([]);
    });

    it('sets the new password, ends every session, and works once', async () => {
      const a = await signUp(t);
      await requestReset(a.email);
      const token = await tokenFromOutbox(t, a.email, 'password-reset');
      const weak = await confirm(token, 'password1');
      expect(weak.status).toBe(400);
      expect(weak.body.details[0]).toMatchObject({ field: 'password', code: 'PASSWORD_TOO_COMMON' });
      const ok = await confirm(token, 'a brand new passphrase');
      expect(ok.status).toBe(200);
      expect((await login(a.email, TEST_PASSWORD)).status).toBe(401);
      expect((await login(a.email, 'a brand new passphrase')).status).toBe(200);
      expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } })).status).toBe(401);
      const again = await confirm(token, 'yet another passphrase');
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('TOKEN_INVALID');
      expect((await login(a.email, 'a brand new passphrase')).status).toBe(200);
    });

    it('expires after 30 minutes, and a newer link replaces an older one', async () => {
      const email = await registerOnly(t);
      await requestReset(email);
      const first = await tokenFromOutbox(t, email, 'password-reset');
      await requestReset(email);
      const second = (await outboxTo(t, email, 'password-reset')).map((r) =>
        new URL(String(r.payload.link)).searchParams.get('token')!,
      )[1];
      expect(second).not.toBe(first);
      expect((await confirm(first, 'first new passphrase')).status).toBe(400);
      t.clock.advance(30 * MINUTE + 1000);
      const expired = await confirm(second, 'second new passphrase');
      expect(expired.status).toBe(400);
      expect(expired.body.code).toBe('TOKEN_INVALID');
      expect((await login(email, TEST_PASSWORD)).status).toBe(200);
    });
  });

  describe('access tokens', () => {
    let userId: string;
    beforeAll(async () => {
      userId = (await signUp(t)).userId;
    });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const secret = () => process.env.JWT_ACCESS_SECRET!;
    const good = { audience: 'grants-api', issuer: 'grants', expiresIn: 900 } as const;

    it('accepts a well-formed token (the forgeries below differ in one thing)', async () => {
      const token = jwt.sign({ sub: userId }, secret(), { ...good, algorithm: 'HS256' });
      expect((await t.call('GET', '/me', { token })).status).toBe(200);
    });

    it.each([
      ['another secret', () => jwt.sign({ sub: userId }, 'x'.repeat(64), { ...good, algorithm: 'HS256' })],
      [
        'a wrong audience',
        () => jwt.sign({ sub: userId }, secret(), { ...good, audience: 'other-api', algorithm: 'HS256' }),
      ],
      ['a wrong issuer', () => jwt.sign({ sub: userId }, secret(), { ...good, issuer: 'someone', algorithm: 'HS256' })],
      [
        'alg none',
        () =>
          `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: userId, aud: 'grants-api', iss: 'grants', exp: Math.floor(Date.now() / 1000) + 900 })}.`,
      ],
      ['HS512 with the right secret', () => jwt.sign({ sub: userId }, secret(), { ...good, algorithm: 'HS512' })],
      [
        'no expiry',
        () => jwt.sign({ sub: userId }, secret(), { audience: 'grants-api', issuer: 'grants', algorithm: 'HS256' }),
      ],
      [
        'an expired token',
        () =>
          jwt.sign({ sub: userId, exp: Math.floor(Date.now() / 1000) - 10 }, secret(), {
            audience: 'grants-api',
            issuer: 'grants',
            algorithm: 'HS256',
          }),
      ],
      ['garbage', () => 'not.a.jwt'],
    ])('refuses %s with 401 UNAUTHENTICATED', async (_label, make) => {
      const res = await t.call('GET', '/me', { token: make() });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
    });

    it('refuses a missing token', async () => {
      const res = await t.call('GET', '/me', { lang: 'ru' });
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('Войдите в систему: токен отсутствует или недействителен.');
    });
  });
});
