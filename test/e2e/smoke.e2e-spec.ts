import { createTestApp, TestApp } from '../support/test-app';
import { signUp } from '../support/accounts';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs up and reads /me', async () => {
    const a = await signUp(t);
    const me = await t.call('GET', '/me', { token: a.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: a.email, emailVerified: true, person: null });
  });
});
