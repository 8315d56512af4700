import { randomBytes } from 'node:crypto';
import { makeIin } from '../../libs/kz';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'taza-su-kokte-2026';

export interface TestAccount {
  email: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(4).toString('hex')}@test.kz`;
}

/** The token inside the newest e-mail of that template to that address, read from the outbox. */
export async function tokenFromOutbox(t: TestApp, email: string, template: string): Promise<string> {
  const rows: { payload: { link: string } }[] = await t.db.query(
    `SELECT payload FROM notification_outbox WHERE recipient_email = $1 AND template = $2 ORDER BY created_at DESC LIMIT 1`,
    [email, template],
  );
  if (!rows[0]) throw new Error(`no ${template} message to ${email}`);
  return new URL(rows[0].payload.link).searchParams.get('token')!;
}

/** Registers through the API, verifies the e-mail from the outbox and signs in. */
export async function signUp(t: TestApp, label = 'user', locale: 'kk' | 'ru' = 'kk'): Promise<TestAccount> {
  const email = uniqueEmail(label);
  const reg = await t.call('POST', '/auth/register', { body: { email, password: TEST_PASSWORD, locale } });
  if (reg.status !== 202) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const token = await tokenFromOutbox(t, email, 'email-verification');
  await t.call('POST', '/auth/verify-email', { body: { token } });
  const login = await t.call('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const me = await t.call('GET', '/me', { token: login.body.accessToken });
  return { email, userId: me.body.id, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken };
}

/** Promotes an account to admin in the database and signs in again for a token that says so. */
export async function makeAdmin(t: TestApp, account: TestAccount): Promise<TestAccount> {
  await t.db.query('UPDATE users SET is_admin = true WHERE id = $1', [account.userId]);
  const login = await t.call('POST', '/auth/login', { body: { email: account.email, password: TEST_PASSWORD } });
  return { ...account, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken };
}

let serial = 1000;
/** A valid person profile with a fresh IIN. */
export function personBody(overrides: Record<string, unknown> = {}, birthDate = '2001-04-15', sex: 'male' | 'female' = 'female') {
  serial += 1;
  return {
    iin: makeIin(birthDate, sex, serial),
    lastName: 'Тестова',
    firstName: 'Әсел',
    birthDate,
    gender: sex,
    phone: '8 (701) 555-12-34',
    socialCategories: ['unemployed'],
    educationStatus: 'college_graduate',
    hasDisability: false,
    ...overrides,
  };
}
