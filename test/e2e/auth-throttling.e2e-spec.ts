import { createTestApp, TestApp } from '../support/test-app';
import { registerOnly, TEST_PASSWORD, uniqueEmail, withoutRequestId } from '../support/accounts';

/**
 * Limits that need an app built with small values. The environment is process-wide, so
 * each block sets what it needs and the originals come back afterwards.
 */
const MINUTE = 60_000;
const saved = { ...process.env };
afterAll(() => {
  for (const key of ['LOGIN_MAX_FAILURES_PER_ACCOUNT', 'AUTH_RATE_LIMIT_PER_MINUTE']) process.env[key] = saved[key];
});

const loginWith = (t: TestApp, email: string, password: string, remoteAddress?: string) =>
  remoteAddress
    ? t.app
        .inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email, password } })
        .then((r) => ({ status: r.statusCode, body: r.json() }))
    : t.call('POST', '/auth/login', { body: { email, password } });

describe('lock-out after repeated failures (LOGIN_MAX_FAILURES_PER_ACCOUNT=3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', AUTH_RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => t.clock.reset());

  it('locks the address at the third failure, even for the right password, for 15 minutes', async () => {
    const email = await registerOnly(t);
    for (let i = 0; i < 2; i++) expect((await loginWith(t, email, 'wrong password')).status).toBe(401);
    const third = await loginWith(t, email, 'wrong password');
    expect(third.status).toBe(401); // the failure that reaches the limit is still answered as a failure
    const locked = await t.call('POST', '/auth/login', { body: { email, password: TEST_PASSWORD }, lang: 'ru' });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({
      statusCode: 429,
      code: 'LOGIN_LOCKED',
      message: expect.stringContaining('15'),
    });
    t.clock.advance(14 * MINUTE);
    expect((await loginWith(t, email, TEST_PASSWORD)).status).toBe(429);
    t.clock.advance(MINUTE + 1000);
    const after = await loginWith(t, email, TEST_PASSWORD);
    expect(after.status).toBe(200);
    expect(after.body.accessToken).toEqual(expect.any(String));
  });

  it('a success clears the count; failures spread over more than 15 minutes never lock', async () => {
    const email = await registerOnly(t);
    await loginWith(t, email, 'wrong password');
    await loginWith(t, email, 'wrong password');
    expect((await loginWith(t, email, TEST_PASSWORD)).status).toBe(200);
    await loginWith(t, email, 'wrong password');
    await loginWith(t, email, 'wrong password');
    t.clock.advance(15 * MINUTE + 1000);
    expect((await loginWith(t, email, 'wrong password')).status).toBe(401);
    expect((await loginWith(t, email, TEST_PASSWORD)).status).toBe(200);
  });

  it('locks an unregistered address the same way, so the lock reveals nothing', async () => {
    const known = await registerOnly(t);
    const unknown = uniqueEmail('ghost');
    for (let i = 0; i < 3; i++) {
      await loginWith(t, known, 'wrong password');
      await loginWith(t, unknown, 'wrong password');
    }
    const a = await loginWith(t, known, 'wrong password');
    const b = await loginWith(t, unknown, 'wrong password');
    expect(a.status).toBe(429);
    expect(b.status).toBe(429);
    expect(withoutRequestId(b.body)).toEqual(withoutRequestId(a.body));
  });

  it('locks per address: another account signs in meanwhile', async () => {
    const victim = await registerOnly(t);
    const other = await registerOnly(t);
    for (let i = 0; i < 3; i++) await loginWith(t, victim, 'wrong password');
    expect((await loginWith(t, victim, TEST_PASSWORD)).status).toBe(429);
    expect((await loginWith(t, other, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('lock-out with a limit of 1', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '1', AUTH_RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('locks after the first failure', async () => {
    const email = await registerOnly(t);
    expect((await loginWith(t, email, 'wrong password')).status).toBe(401);
    expect((await loginWith(t, email, TEST_PASSWORD)).status).toBe(429);
  });
});

describe('per-address rate limit on /auth (AUTH_RATE_LIMIT_PER_MINUTE=5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '5', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the 6th login within a minute from one IP with 429 TOO_MANY_REQUESTS', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await loginWith(t, uniqueEmail(), 'whatever-password')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const sixth = await t.call('POST', '/auth/login', {
      body: { email: uniqueEmail(), password: 'whatever-password' },
      lang: 'ru',
    });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: 'Слишком много запросов. Повторите через минуту.',
      requestId: expect.any(String),
    });
    expect(sixth.headers['retry-after']).toBeDefined();
    // Another address is counted on its own.
    expect((await loginWith(t, uniqueEmail(), 'whatever-password', '10.1.2.3')).status).toBe(401);
  });
});
