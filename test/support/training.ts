import { signUp, TestAccount, tokenFromOutbox } from './accounts';
import type { TestApp } from './test-app';

const DAY = 24 * 3600 * 1000;

/** A calendar date in Almaty (UTC+5), `offsetDays` from today. */
export function almatyDay(offsetDays = 0, now = new Date()): string {
  return new Date(now.getTime() + 5 * 3600 * 1000 + offsetDays * DAY).toISOString().slice(0, 10);
}

/** `YYYY-MM` of last month in Almaty, and a day of it (`YYYY-MM-DD`). */
export function lastMonthDay(day: number, now = new Date()): string {
  const local = new Date(now.getTime() + 5 * 3600 * 1000);
  const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, day));
  return first.toISOString().slice(0, 10);
}

/** An account invited as an organizer of the competition, the invitation accepted from the e-mail. */
export async function invitedOrganizer(
  t: TestApp,
  organizerToken: string,
  competitionId: string,
  locale: 'kk' | 'ru' = 'kk',
): Promise<TestAccount> {
  const account = await signUp(t, 'training-organizer', locale);
  const invited = await t.call('POST', `/competitions/${competitionId}/members`, {
    token: organizerToken,
    body: { email: account.email, role: 'organizer' },
  });
  if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
  const accepted = await t.call('POST', '/invitations/accept', {
    body: { token: await tokenFromOutbox(t, account.email, 'competition-invitation') },
  });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return account;
}

/**
 * A grant contract of a drawn team, as the contracts module leaves it in `status` (its own
 * suites walk draft → sent → signed → active), with payments recorded as the payments module
 * writes them (the database's trigger still refuses more than the contract sum).
 */
export async function contractWithPayments(
  t: TestApp,
  input: {
    competitionId: string;
    applicationId: string;
    createdBy: string;
    status: 'draft' | 'sent' | 'signed_by_grantee' | 'active' | 'completed';
    amount: number;
    payments: number[];
  },
): Promise<string> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM contracts WHERE competition_id = $1`, [
    input.competitionId,
  ]);
  const [contract] = await t.db.query(
    `INSERT INTO contracts (competition_id, application_id, number, sequence_no, status, content, amount, created_by, version)
     VALUES ($1, $2, $3, $4, $5, '{}'::jsonb, $6, $7, 1) RETURNING id`,
    [
      input.competitionId,
      input.applicationId,
      `YC-T/${String(n + 1).padStart(3, '0')}`,
      n + 1,
      input.status,
      input.amount,
      input.createdBy,
    ],
  );
  for (const [i, amount] of input.payments.entries()) {
    await t.db.query(
      `INSERT INTO contract_payments (contract_id, competition_id, tranche, amount, paid_on, reference, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [contract.id, input.competitionId, i + 1, amount, almatyDay(-1), `ПП-${i + 1}`, input.createdBy],
    );
  }
  return contract.id;
}
