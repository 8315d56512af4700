import { randomBytes, randomInt } from 'node:crypto';
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
export function personBody(
  overrides: Record<string, unknown> = {},
  birthDate = '2001-04-15',
  sex: 'male' | 'female' = 'female',
) {
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

export interface OutboxRow {
  template: string;
  locale: string;
  recipient_email: string;
  payload: Record<string, unknown>;
}

/** Every message queued to that address (oldest first), optionally of one template. */
export async function outboxTo(t: TestApp, email: string, template?: string): Promise<OutboxRow[]> {
  return t.db.query(
    `SELECT template, locale, recipient_email, payload FROM notification_outbox
      WHERE recipient_email = $1 AND ($2::text IS NULL OR template = $2) ORDER BY created_at, id`,
    [email, template ?? null],
  );
}

/** Registers through the API without verifying or signing in. */
export async function registerOnly(
  t: TestApp,
  label = 'user',
  locale: 'kk' | 'ru' = 'kk',
  password = TEST_PASSWORD,
): Promise<string> {
  const email = uniqueEmail(label);
  const reg = await t.call('POST', '/auth/register', { body: { email, password, locale } });
  if (reg.status !== 202) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  return email;
}

/** An error body without its per-request id, to compare two answers. */
export function withoutRequestId<T extends Record<string, unknown>>(body: T): Omit<T, 'requestId'> {
  const { requestId: _r, ...rest } = body;
  return rest;
}

/**
 * A valid person profile whose IIN no other test file is likely to hold: the database is
 * shared by every file of a run, and personBody's serials start over in each file.
 */
export function uniquePersonBody(
  overrides: Record<string, unknown> = {},
  birthDate?: string,
  sex: 'male' | 'female' = 'female',
) {
  const date =
    birthDate ??
    `${1970 + randomInt(35)}-${String(1 + randomInt(12)).padStart(2, '0')}-${String(1 + randomInt(28)).padStart(2, '0')}`;
  return { ...personBody({}, date, sex), iin: makeIin(date, sex, randomInt(10000)), ...overrides };
}
