import { createTestApp, TestApp } from '../support/test-app';
import { registerOnly, uniqueEmail } from '../support/accounts';

/**
 * Issue 13 item 6 (password-reset half): POST /auth/password-reset tells nothing about
 * whether an address has an account: the same status, body and headers, and the same time
 * (the unknown address goes through the same statements). Timing is compared on medians of
 * interleaved calls, with a tolerance, so a loaded machine does not make it flaky.
 */
describe('password reset is no oracle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const reset = async (email: string, remoteAddress = '127.0.0.1') => {
    const started = process.hrtime.bigint();
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      remoteAddress,
      headers: { 'accept-language': 'ru' },
      payload: { email },
    });
    return {
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      status: r.statusCode,
      body: r.body,
      headers: r.headers,
    };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const comparable = (headers: Record<string, unknown>) => {
    const { 'x-request-id': _id, date: _date, ...rest } = headers;
    return rest;
  };

  it('answers an unknown address exactly as a known one', async () => {
    // From two fresh addresses, so the per-address rate-limit headers count alike.
    const known = await reset(await registerOnly(t), '192.0.2.1');
    const unknown = await reset(uniqueEmail('nobody'), '192.0.2.2');
    expect(unknown.status).toBe(202);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toBe(known.body);
    expect(comparable(unknown.headers)).toEqual(comparable(known.headers));
  });

  it('answers in the same time: medians of 20 calls each differ by less than 3 ms', async () => {
    const known = await registerOnly(t);
    for (let i = 0; i < 5; i++) {
      await reset(known);
      await reset(uniqueEmail('warm'));
    }
    const k: number[] = [];
    const u: number[] = [];
    for (let i = 0; i < 20; i++) {
      k.push((await reset(known)).ms);
      u.push((await reset(uniqueEmail('nobody'))).ms);
    }
    expect(Math.abs(median(k) - median(u))).toBeLessThan(3);
  });
});
