import { formatDateTime } from '../../src/web/core/format';
import { makeAdmin, signUp, TestAccount, tokenFromOutbox, uniqueEmail } from '../support/accounts';
import { behindTheAppsBack } from '../support/audit';
import { openCompetition } from '../support/competitions';
import { PageClient, signedInPages, textOf } from '../support/page-client';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestWorker, TestWorker } from '../support/worker-app';

/** A count as the page writes it for people: `2 470`, the groups parted by a (no-break) space. */
function readNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '[\\s\u00a0\u202f]');
}

const DAY = 24 * 3600 * 1000;
let nextIp = 10;

interface OutboxState {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

/**
 * The operations pages (issue 15): failed e-mails with the real SMTP refusal and their retry,
 * the audit chain check that names the entry edited behind the application's back. The same
 * access rules as the API: failed e-mails for admins and for organizers of the competition the
 * message is about, the chain check for admins only.
 */
describe('web pages: operations (failed e-mails, the audit chain check)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let sink: SmtpSink;
  /** Addresses the SMTP server refuses with 550 while they are in here. */
  const refusing = new Set<string>();
  let admin: TestAccount;
  let organizer: TestAccount;
  let otherOrganizer: TestAccount;
  let stranger: TestAccount;
  let mine: { id: string };
  let others: { id: string };
  const bounceMine = uniqueEmail('ops-bounce-mine');
  const bounceOthers = uniqueEmail('ops-bounce-others');

  const outboxOf = async (email: string): Promise<OutboxState> =>
    (
      await t.db.query(
        `SELECT id, status, attempts, last_error FROM notification_outbox WHERE recipient_email = $1 ORDER BY created_at`,
        [email],
      )
    )[0];
  const retriesAudited = async (id: string): Promise<number> =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'notification.retried'`,
        [id],
      )
    )[0].n;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru') => signedInPages(t, account, lang, `10.40.0.${nextIp++}`);

  /** An organizer (not an admin) of a fresh competition: invited by the admin, accepted from the e-mail. */
  async function organizerOf(competitionId: string, label: string): Promise<TestAccount> {
    const account = await signUp(t, label, 'ru');
    const invited = await t.call('POST', `/competitions/${competitionId}/members`, {
      token: admin.accessToken,
      body: { email: account.email, role: 'organizer' },
    });
    expect(invited.status).toBe(201);
    const accepted = await t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(t, account.email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);
    return account;
  }

  /** An organizer invites a commission member whose mailbox the SMTP server refuses: the message fails for good. */
  async function failedInvitation(by: TestAccount, competitionId: string, email: string): Promise<OutboxState> {
    refusing.add(email);
    const invited = await t.call('POST', `/competitions/${competitionId}/members`, {
      token: by.accessToken,
      body: { email, role: 'commission' },
    });
    expect(invited.status).toBe(201);
    await waitFor(`the invitation to ${email} failed`, async () => (await outboxOf(email))?.status === 'failed');
    return outboxOf(email);
  }

  beforeAll(async () => {
    sink = await new SmtpSink({ reject: (address) => refusing.has(address) }).start();
    t = await createTestApp({ SMTP_URL: sink.url });
    worker = await createTestWorker({ SMTP_URL: sink.url, RELAY_INTERVAL_MS: '50', NOTIFY_BACKOFF_MS: '100' });
    admin = await makeAdmin(t, await signUp(t, 'ops-pages-admin'));
    mine = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    others = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    await t.db.query(
      `UPDATE competitions SET title_ru = 'Конкурс с отказом почты', title_kk = 'Поштасы қабылдамаған конкурс' WHERE id = $1`,
      [mine.id],
    );
    await t.db.query(`UPDATE competitions SET title_ru = 'Чужой конкурс операций' WHERE id = $1`, [others.id]);
    organizer = await organizerOf(mine.id, 'ops-pages-organizer');
    otherOrganizer = await organizerOf(others.id, 'ops-pages-other-organizer');
    stranger = await signUp(t, 'ops-pages-stranger', 'ru');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.stop();
  });

  describe('failed e-mails', () => {
    let mineRow: OutboxState;
    let othersRow: OutboxState;

    beforeAll(async () => {
      mineRow = await failedInvitation(organizer, mine.id, bounceMine);
      othersRow = await failedInvitation(otherOrganizer, others.id, bounceOthers);
      // The refusal is permanent (550): one attempt, and the server's words are kept.
      expect(mineRow).toMatchObject({ status: 'failed', attempts: 1 });
      expect(mineRow.last_error).toMatch(/^550 /);
    });

    it('an organizer finds the tool on /operations, without the admins’ chain check', async () => {
      const b = await browserOf(organizer, 'ru');
      const home = await b.get('/operations');
      expect(home.status).toBe(200);
      const text = textOf(home.html);
      expect(text).toContain('Работа системы');
      expect(home.html).toContain('href="/operations/emails"');
      expect(text).toContain('Сейчас не доставлено 1 письмо.');
      expect(home.html).not.toContain('href="/operations/audit"');
    });

    it('shows the organizer’s own failed message with the refusal in words, and not another organizer’s', async () => {
      const b = await browserOf(organizer, 'ru');
      const page = await b.get('/operations/emails');
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain('Показаны письма о конкурсах, которые вы организуете.');
      expect(text).toContain(bounceMine);
      expect(text).toContain('Приглашение в конкурс');
      expect(text).toContain('Конкурс: Конкурс с отказом почты');
      expect(text).toContain('Сервер получателя не принял письмо: такого почтового ящика нет или он недоступен.');
      expect(text).toContain('Ответ сервера: 550 mailbox unavailable');
      expect(text).toContain('Попыток отправки: 1');
      expect(page.html).toContain(`action="/operations/emails/${mineRow.id}/retry"`);
      expect(text).not.toContain(bounceOthers);
      expect(text).not.toContain('Чужой конкурс операций');
    });

    it('answers another organizer’s message as not found and changes nothing', async () => {
      const b = await browserOf(organizer, 'ru');
      await b.get('/operations/emails');
      const res = await b.post(`/operations/emails/${othersRow.id}/retry`, {});
      expect(res.status).toBe(404);
      expect(textOf(res.html)).toContain('Этого письма нет среди недоставленных');
      expect(await outboxOf(bounceOthers)).toMatchObject({ status: 'failed', attempts: 1 });
      expect(await retriesAudited(othersRow.id)).toBe(0);
    });

    it('refuses someone who organizes nothing, as the API does', async () => {
      const b = await browserOf(stranger, 'ru');
      expect((await b.get('/operations')).status).toBe(403);
      expect((await b.get('/operations/emails')).status).toBe(403);
      expect((await t.call('GET', '/notifications/failed', { token: stranger.accessToken })).status).toBe(403);
      await b.get('/me');
      const retry = await b.post(`/operations/emails/${mineRow.id}/retry`, {});
      expect(retry.status).toBe(404);
      expect(textOf(retry.html)).toContain('Страница не найдена');
      expect(await outboxOf(bounceMine)).toMatchObject({ status: 'failed' });
      const anonymous = await new PageClient(t, '10.40.1.1').get('/operations/emails');
      expect(anonymous.status).toBe(303);
      expect(anonymous.location).toContain('/sign-in?next=');
    });

    it('retries once the mailbox accepts: the e-mail arrives; a second press changes nothing', async () => {
      refusing.delete(bounceMine);
      const b = await browserOf(organizer, 'ru');
      await b.get('/operations/emails');
      const res = await b.post(`/operations/emails/${mineRow.id}/retry`, {});
      expect(res.status).toBe(303);
      expect(res.location).toBe('/operations/emails?notice=retried');
      const after = await b.follow(res);
      expect(textOf(after.html)).toContain('Письмо снова поставлено в очередь на отправку.');
      await waitFor('the retried invitation arrives', () => sink.to(bounceMine).length === 1);
      expect(sink.to(bounceMine)[0].text).toContain('/invitations/accept?token=');
      await waitFor('the row is sent', async () => (await outboxOf(bounceMine)).status === 'sent');
      expect(await retriesAudited(mineRow.id)).toBe(1);

      // The same form sent again (a double click, the back button): nothing to retry any more.
      const again = await b.post(`/operations/emails/${mineRow.id}/retry`, {});
      expect(again.status).toBe(404);
      expect(textOf(again.html)).toContain('Этого письма нет среди недоставленных');
      await new Promise((r) => setTimeout(r, 300));
      expect(sink.to(bounceMine)).toHaveLength(1);
      expect(await retriesAudited(mineRow.id)).toBe(1);
      expect(textOf((await b.get('/operations/emails')).html)).not.toContain(bounceMine);
    });

    it('an admin sees every failed message, in Kazakh too', async () => {
      const b = await browserOf(admin, 'kk');
      const home = await b.get('/operations');
      expect(home.html).toContain('href="/operations/emails"');
      expect(home.html).toContain('href="/operations/audit"');
      const page = await b.get('/operations/emails');
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain('Сіз әкімші ретінде барлық хатты көресіз.');
      expect(text).toContain(bounceOthers);
      expect(text).toContain('Конкурсқа шақыру');
      expect(text).toContain('Алушының сервері хатты қабылдамады');
    });
  });

  describe('the audit chain check', () => {
    const totalEntries = async () => Number((await t.db.query('SELECT count(*) AS n FROM audit_log'))[0].n);

    it('is for admins only: an organizer is refused the page and the check', async () => {
      const b = await browserOf(organizer, 'ru');
      expect((await b.get('/operations/audit')).status).toBe(403);
      await b.get('/operations');
      expect((await b.post('/operations/audit/verify', {})).status).toBe(403);
      expect((await t.call('GET', '/admin/audit/verify', { token: organizer.accessToken })).status).toBe(403);
    });

    it('opening the page does not run the check; the button does, and says the chain is intact', async () => {
      const b = await browserOf(admin, 'ru');
      const page = await b.get('/operations/audit');
      expect(page.status).toBe(200);
      expect(page.html).toContain('action="/operations/audit/verify"');
      expect(textOf(page.html)).toContain('Проверить цепочку');
      expect(textOf(page.html)).not.toContain('Цепочка цела');
      const result = await b.post('/operations/audit/verify', {});
      expect(result.status).toBe(200);
      const text = textOf(result.html);
      const checked = await totalEntries();
      expect(text).toMatch(
        new RegExp(
          `✓ Цепочка цела: провер\\S+ ${readNumber(checked)} запис\\S* за \\d+ (миллисекунд\\S*|секунд\\S*)\\.`,
        ),
      );
    });

    it('names the first broken entry (number, time, action) after an edit behind the application’s back', async () => {
      // The retry above left its entry: edit what it says, as someone with the database's keys could.
      const [victim] = await t.db.query(
        `SELECT id::text AS id, occurred_at AS "occurredAt", summary::text AS summary FROM audit_log
          WHERE action = 'notification.retried' ORDER BY audit_log.id DESC LIMIT 1`,
      );
      expect(victim).toBeDefined();
      const before = await totalEntries();
      const [{ n: intactBefore }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE id < $1`, [
        victim.id,
      ]);
      await behindTheAppsBack(
        t.db,
        `UPDATE audit_log SET summary = jsonb_set(summary, '{after}', '"nothing happened"') WHERE id = $1`,
        [victim.id],
      );
      try {
        for (const lang of ['ru', 'kk'] as const) {
          const b = await browserOf(admin, lang);
          await b.get('/operations/audit');
          const result = await b.post('/operations/audit/verify', {});
          expect(result.status).toBe(200);
          const text = textOf(result.html);
          const time = formatDateTime(victim.occurredAt, 'Asia/Almaty', lang).replace(/\u00a0/g, ' ');
          if (lang === 'ru') {
            expect(text).toContain(`✗ Цепочка разорвана на записи №${victim.id}`);
            expect(text).toContain('Содержимое этой записи изменили после того, как её записали');
            expect(text).toContain(`Время ${time}`);
            expect(text).toContain('Действие notification.retried');
            expect(text).toMatch(new RegExp(`Записи до этой целы: провер\\S+ ${readNumber(intactBefore)} запис`));
          } else {
            expect(text).toContain(`✗ Тізбек №${victim.id} жазбада үзілген`);
            expect(text).toContain('Бұл жазбаның мазмұны жазылғаннан кейін өзгертілген');
            expect(text).toContain(`Уақыты ${time}`);
            expect(text).toMatch(new RegExp(`${readNumber(intactBefore)} жазба тексерілді`));
          }
        }
      } finally {
        await behindTheAppsBack(t.db, 'UPDATE audit_log SET summary = $2::jsonb WHERE id = $1', [
          victim.id,
          victim.summary,
        ]);
      }
      // Restored: whole again (the page's own sign-ins added entries, all chained).
      const b = await browserOf(admin, 'ru');
      await b.get('/operations/audit');
      const again = textOf((await b.post('/operations/audit/verify', {})).html);
      expect(again).toContain('✓ Цепочка цела');
      expect(await totalEntries()).toBeGreaterThanOrEqual(before);
    });
  });
});
