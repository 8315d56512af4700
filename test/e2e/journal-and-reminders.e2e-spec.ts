import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DraftRemindersSweep } from '../../src/modules/applications/draft-reminders.sweep';
import { requestHash } from '../../src/modules/idempotency/idempotency.service';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestWorker, TestWorker } from '../support/worker-app';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const KAZAKH_LETTERS = /[әғқңөұүһі]/i;

/** dd.MM.yyyy HH:mm at UTC+5 (Asia/Almaty), computed independently of the app. */
function almaty(iso: string): string {
  const d = new Date(Date.parse(iso) + 5 * HOUR);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** The sheet's rows as plain arrays (column A first). */
async function journalRows(raw: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw as never);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('registration journal, draft reminders, withdrawal, idempotent submit', () => {
  let t: TestApp;
  let admin: TestAccount;
  let competition: any;
  const deadline = new Date(Date.now() + 10 * DAY);
  const submitted: { account: TestAccount; id: string; number: string; submittedAt: string }[] = [];
  let drafter: TestAccount;
  let draftId: string;
  let burnt: number;

  const submit = async (account: TestAccount, territoryCode?: string) => {
    const id = await readyDraft(t, account.accessToken, competition, territoryCode ? { territoryCode } : {});
    const res = await t.call('POST', `/applications/${id}/submit`, { token: account.accessToken });
    expect(res.status).toBe(200);
    submitted.push({ account, id, ...res.body });
  };
  const journal = (lang: string, token = admin.accessToken) =>
    t.call('GET', `/competitions/${competition.id}/journal.xlsx?lang=${lang}`, { token });
  const list = (query: string, token = admin.accessToken) =>
    t.call('GET', `/competitions/${competition.id}/applications${query}`, { token });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'organizer'));
    competition = await openCompetition(t, admin.accessToken, 'youth-micro-projects', deadline);
    await submit(await signUp(t, 'first'));
    // A submit that drew a number and then failed: the number is gone for good.
    const [{ n }] = await t.db.query(`SELECT nextval('application_no_${competition.id.replace(/-/g, '')}')::int AS n`);
    burnt = n;
    await submit(await signUp(t, 'district'), 'ZHT-AKS');
    await submit(await signUp(t, 'third'));
    drafter = await signUp(t, 'drafter');
    draftId = (
      await t.call('POST', `/competitions/${competition.id}/applications`, {
        token: drafter.accessToken,
        body: { applicantKind: 'initiative_group' },
      })
    ).body.id;
    const draft = await t.call('GET', `/applications/${draftId}`, { token: drafter.accessToken });
    expect(
      (
        await t.call('PATCH', `/applications/${draftId}`, {
          token: drafter.accessToken,
          body: { version: draft.body.version, territoryCode: 'ZHT-ESK' },
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => t.clock.reset());

  it('lists drafts and submitted applications to the organizer, with filters', async () => {
    const all = await list('');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    expect(all.body.items.map((i: any) => i.id).sort()).toEqual([...submitted.map((s) => s.id), draftId].sort());
    expect(all.body.items.find((i: any) => i.id === draftId)).toMatchObject({ status: 'draft', number: null });

    const sent = await list('?status=submitted');
    expect(sent.body.items.map((i: any) => i.number)).toEqual(submitted.map((s) => s.number));
    // A region finds the applications in its districts (ZHT-AKS submitted, ZHT-ESK draft).
    const region = await list('?territoryCode=ZHT');
    expect(region.body.items.map((i: any) => i.id).sort()).toEqual([submitted[1].id, draftId].sort());
    expect((await list('?territoryCode=ZHT-AKS')).body.items.map((i: any) => i.id)).toEqual([submitted[1].id]);
    const byNumber = await list(`?q=${submitted[2].number}`);
    expect(byNumber.body).toMatchObject({ total: 1, items: [{ id: submitted[2].id, number: submitted[2].number }] });
    const page = await list('?pageSize=1&page=2');
    expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 1 });
    expect(page.body.items).toHaveLength(1);

    expect((await list('', submitted[0].account.accessToken)).status).toBe(403);
    expect((await journal('ru', submitted[0].account.accessToken)).status).toBe(403);
    expect((await list('?pageSize=101')).status).toBe(400);
  });

  it('exports the journal in Russian: number order, local time, amount as a number, the lost number as a void line', async () => {
    const res = await journal('ru');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await journalRows(res.raw);
    const header = rows.find((r) => r.includes('Номер заявки'))!;
    expect(header).toEqual(expect.arrayContaining(['Номер заявки', 'Запрошено, ₸', 'Статус']));
    expect(header.join(' ')).not.toMatch(KAZAKH_LETTERS);
    // Numbered lines only: the totals row and the signature line follow them.
    const lines = rows.slice(rows.indexOf(header) + 1).filter((l) => typeof l[0] === 'number');
    const prefix = submitted[0].number.slice(0, -4);
    expect(burnt).toBe(2);
    expect(lines.map((l) => l[1])).toEqual([
      submitted[0].number,
      `${prefix}0002`,
      submitted[1].number,
      submitted[2].number,
    ]);
    expect(lines.map((l) => l[0])).toEqual([1, 2, 3, 4]);
    expect(String(lines[1][2])).toContain('аннулирован');
    expect(lines[1]).toHaveLength(3);
    for (const [i, line] of [lines[0], lines[2], lines[3]].entries()) {
      const s = submitted[i];
      const view = (await t.call('GET', `/applications/${s.id}`, { token: s.account.accessToken })).body;
      // A real Excel date holding Almaty's wall-clock time (Excel dates carry no zone).
      expect(line[2]).toBeInstanceOf(Date);
      expect(almaty(new Date((line[2] as Date).getTime() - 5 * HOUR).toISOString())).toBe(almaty(s.submittedAt));
      expect(typeof line[7]).toBe('number');
      expect(line[7]).toBe(Number(view.amountRequested));
      expect(line[7]).toBeGreaterThan(0);
    }
    // The draft is not in the journal.
    expect(lines).toHaveLength(4);
  });

  it('exports the journal in Kazakh with lang=kk', async () => {
    const rows = await journalRows((await journal('kk')).raw);
    const header = rows.find((r) => r.includes('Өтінім нөмірі'));
    expect(header).toBeDefined();
    expect(rows.flat()).not.toContain('Номер заявки');
    expect(rows.flat().some((v) => typeof v === 'string' && v.includes('аннулирован'))).toBe(false);
  });

  it('withdraws before the deadline (kept in the journal as withdrawn, not void), refuses after it with 409 CANNOT_WITHDRAW', async () => {
    const last = submitted[2];
    const res = await t.call('POST', `/applications/${last.id}/withdraw`, { token: last.account.accessToken });
    expect(res.status).toBe(200);
    expect((await t.call('GET', `/applications/${last.id}`, { token: last.account.accessToken })).body.status).toBe(
      'withdrawn',
    );
    const rows = await journalRows((await journal('ru')).raw);
    const line = rows.find((r) => r[1] === last.number)!;
    expect(line[line.length - 1]).toBe('отозвана');
    expect(line.some((v) => typeof v === 'string' && v.includes('аннулирован'))).toBe(false);
    const kept = rows.find((r) => r[1] === submitted[1].number)!;
    expect(kept[kept.length - 1]).toBe('принята');

    const other = submitted[1];
    t.clock.set(new Date(deadline.getTime() + 1000));
    const late = await t.call('POST', `/applications/${other.id}/withdraw`, { token: other.account.accessToken });
    expect([late.status, late.body.code]).toEqual([409, 'CANNOT_WITHDRAW']);
    expect((await t.call('GET', `/applications/${other.id}`, { token: other.account.accessToken })).body.status).toBe(
      'submitted',
    );
  });

  describe('draft reminders (worker sweep)', () => {
    let worker: TestWorker;
    let sweep: DraftRemindersSweep;
    let remind: any;
    const accounts: TestAccount[] = [];

    beforeAll(async () => {
      worker = await createTestWorker({ RELAY_INTERVAL_MS: '60000' });
      sweep = worker.app.get(DraftRemindersSweep);
      remind = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + 10 * DAY));
      for (const label of ['remind-a', 'remind-b', 'remind-done']) accounts.push(await signUp(t, label));
      // remind-done started a draft, abandoned it, and submitted another: the group has applied.
      for (const a of accounts) {
        expect(
          (
            await t.call('POST', `/competitions/${remind.id}/applications`, {
              token: a.accessToken,
              body: { applicantKind: 'initiative_group' },
            })
          ).status,
        ).toBe(201);
      }
      const done = await readyDraft(t, accounts[2].accessToken, remind);
      expect((await t.call('POST', `/applications/${done}/submit`, { token: accounts[2].accessToken })).status).toBe(
        200,
      );
    });
    afterAll(async () => {
      await worker.close();
    });

    const reminders = async () =>
      (await t.db.query(
        `SELECT recipient_email AS email, payload FROM notification_outbox WHERE competition_id = $1 AND template = 'draft-reminder' ORDER BY created_at, id`,
        [remind.id],
      )) as { email: string; payload: { daysLeft: number; deadline: string } }[];

    it('reminds each applicant with a draft 3 days and 1 day before, once each, and again for an extended deadline', async () => {
      const due = new Date(remind.submissionDeadline);
      await sweep.run(new Date(due.getTime() - 3 * DAY - HOUR));
      expect(await reminders()).toEqual([]);

      const threeDays = new Date(due.getTime() - 2 * DAY - 23 * HOUR);
      await sweep.run(threeDays);
      let rows = await reminders();
      expect(rows.map((r) => r.email).sort()).toEqual([accounts[0].email, accounts[1].email].sort());
      expect(rows.map((r) => r.email)).not.toContain(accounts[2].email);
      expect(rows.every((r) => r.payload.daysLeft === 3)).toBe(true);
      expect(rows[0].payload.deadline).toBe(almaty(remind.submissionDeadline));

      await sweep.run(threeDays);
      await sweep.run(new Date(threeDays.getTime() + HOUR));
      expect(await reminders()).toHaveLength(2);

      await sweep.run(new Date(due.getTime() - 20 * HOUR));
      rows = await reminders();
      expect(rows).toHaveLength(4);
      expect(
        rows
          .slice(2)
          .map((r) => [r.email, r.payload.daysLeft])
          .sort(),
      ).toEqual(
        [
          [accounts[0].email, 1],
          [accounts[1].email, 1],
        ].sort(),
      );
      expect(rows.map((r) => r.email)).not.toContain(accounts[2].email);

      const later = new Date(due.getTime() + 2 * DAY);
      const extended = await t.call('PATCH', `/competitions/${remind.id}`, {
        token: admin.accessToken,
        body: { version: remind.version, submissionDeadline: later.toISOString() },
      });
      expect(extended.status).toBe(200);
      await sweep.run(new Date(later.getTime() - 2 * DAY - 23 * HOUR));
      rows = await reminders();
      expect(rows).toHaveLength(6);
      expect(
        rows
          .slice(4)
          .map((r) => [r.email, r.payload.daysLeft, r.payload.deadline])
          .sort(),
      ).toEqual(
        [
          [accounts[0].email, 3, almaty(later.toISOString())],
          [accounts[1].email, 3, almaty(later.toISOString())],
        ].sort(),
      );
    });
  });

  describe('Idempotency-Key on submit', () => {
    let other: any;
    beforeAll(async () => {
      other = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + 10 * DAY));
    });
    const numbered = async (userId: string) =>
      (await t.db.query(
        `SELECT number FROM applications WHERE competition_id = $1 AND applicant_user_id = $2 AND number IS NOT NULL`,
        [other.id, userId],
      )) as { number: string }[];
    const receipts = async (email: string) =>
      (await t.db.query(
        `SELECT payload FROM notification_outbox WHERE recipient_email = $1 AND template = 'application-receipt'`,
        [email],
      )) as unknown[];

    it('answers 409 IDEMPOTENCY_IN_FLIGHT while the same request is running, and takes over an abandoned claim', async () => {
      const applicant = await signUp(t, 'inflight');
      const id = await readyDraft(t, applicant.accessToken, other);
      const key = `submit-${randomUUID()}`;
      const hash = requestHash('POST', `/api/v1/applications/:id/submit:${JSON.stringify({ id })}`, undefined);
      await t.db.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash, state, created_at) VALUES ($1, $2, $3, 'in_flight', now())`,
        [applicant.userId, key, hash],
      );
      const busy = await t.call('POST', `/applications/${id}/submit`, {
        token: applicant.accessToken,
        headers: { 'idempotency-key': key },
      });
      expect([busy.status, busy.body.code]).toEqual([409, 'IDEMPOTENCY_IN_FLIGHT']);
      expect(await numbered(applicant.userId)).toEqual([]);

      await t.db.query(
        `UPDATE idempotency_keys SET created_at = now() - interval '2 minutes' WHERE user_id = $1 AND key = $2`,
        [applicant.userId, key],
      );
      const taken = await t.call('POST', `/applications/${id}/submit`, {
        token: applicant.accessToken,
        headers: { 'idempotency-key': key },
      });
      expect(taken.status).toBe(200);
      const replay = await t.call('POST', `/applications/${id}/submit`, {
        token: applicant.accessToken,
        headers: { 'idempotency-key': key },
      });
      expect([replay.status, replay.body]).toEqual([200, taken.body]);
      expect(await numbered(applicant.userId)).toEqual([{ number: taken.body.number }]);
    });

    it('fires the same submit twice at once: one number, one submission, one receipt', async () => {
      for (const withKey of [true, false]) {
        const applicant = await signUp(t, withKey ? 'twice-key' : 'twice-nokey');
        const id = await readyDraft(t, applicant.accessToken, other);
        const headers: Record<string, string> = withKey ? { 'idempotency-key': `submit-${randomUUID()}` } : {};
        const pair = await Promise.all(
          [0, 1].map(() => t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken, headers })),
        );
        const ok = pair.filter((r) => r.status === 200);
        const refused = pair.filter((r) => r.status !== 200);
        expect(ok.length).toBeGreaterThanOrEqual(1);
        if (ok.length === 2) expect(ok[1].body).toEqual(ok[0].body);
        for (const r of refused)
          expect([r.status, r.body.code]).toEqual([409, withKey ? 'IDEMPOTENCY_IN_FLIGHT' : 'NOT_A_DRAFT']);
        if (!withKey) expect(ok).toHaveLength(1);
        expect(await numbered(applicant.userId)).toEqual([{ number: ok[0].body.number }]);
        expect(await receipts(applicant.email)).toHaveLength(1);
      }
    });
  });
});
