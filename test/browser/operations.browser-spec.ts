import { makeAdmin, registerOnly, signUp, TestAccount, uniqueEmail } from '../support/accounts';
import { behindTheAppsBack } from '../support/audit';
import { openCompetition } from '../support/competitions';
import { waitFor } from '../support/smtp-sink';
import { looksRight, signIn, Site, startSite } from './support/site';

const DAY = 24 * 3600 * 1000;

const WORDS = {
  kk: {
    home: 'Жүйе жұмысы',
    emails: 'Жеткізілмеген хаттар',
    audit: 'Аудит журналын тексеру',
    mailbox: 'Алушының сервері хатты қабылдамады',
    unreachable: 'Жүйе пошта серверіне қосыла алмады',
    retry: 'Қайта жіберу',
    retried: 'Хат қайта жіберу кезегіне қойылды.',
    check: 'Тізбекті тексеру',
    again: 'Қайта тексеру',
    intact: '✓ Тізбек бүтін',
    broken: (id: string) => `✗ Тізбек №${id} жазбада үзілген`,
  },
  ru: {
    home: 'Работа системы',
    emails: 'Недоставленные письма',
    audit: 'Проверка журнала аудита',
    mailbox: 'Сервер получателя не принял письмо',
    unreachable: 'Система не смогла подключиться к почтовому серверу',
    retry: 'Отправить снова',
    retried: 'Письмо снова поставлено в очередь на отправку.',
    check: 'Проверить цепочку',
    again: 'Проверить ещё раз',
    intact: '✓ Цепочка цела',
    broken: (id: string) => `✗ Цепочка разорвана на записи №${id}`,
  },
} as const;

/** The operations pages in a real browser, in Kazakh and Russian, at 1280 and 768 px. */
describe('browser: operations (failed e-mails, the audit chain check)', () => {
  let site: Site;
  let admin: TestAccount;
  let competitionId: string;

  /**
   * A message the worker delivered, recorded afterwards as the sender records a refusal: this
   * site's SMTP server accepts everyone (the refusal itself is the e2e spec's, against a server
   * that refuses). The page reads the row as the sender wrote it.
   */
  async function failedMessage(email: string, lastError: string, attempts: number): Promise<string> {
    let id: string | undefined;
    await waitFor(`the message to ${email} is sent`, async () => {
      const [row] = await site.t.db.query(`SELECT id, status FROM notification_outbox WHERE recipient_email = $1`, [
        email,
      ]);
      id = row?.status === 'sent' ? row.id : undefined;
      return !!id;
    });
    await site.t.db.query(
      `UPDATE notification_outbox SET status = 'failed', last_error = $2, attempts = $3, sent_at = NULL WHERE id = $1`,
      [id, lastError, attempts],
    );
    return id!;
  }

  async function invitationThatBounced(): Promise<{ id: string; email: string }> {
    const email = uniqueEmail('ops-browser-bounce');
    const invited = await site.t.call('POST', `/competitions/${competitionId}/members`, {
      token: admin.accessToken,
      body: { email, role: 'commission' },
    });
    expect(invited.status).toBe(201);
    return { id: await failedMessage(email, '550 EENVELOPE 550 mailbox unavailable', 1), email };
  }

  beforeAll(async () => {
    site = await startSite();
    admin = await makeAdmin(site.t, await signUp(site.t, 'ops-browser-admin'));
    const competition = await openCompetition(
      site.t,
      admin.accessToken,
      'youth-micro-projects',
      new Date(Date.now() + 5 * DAY),
    );
    competitionId = competition.id;
    // A message about no competition, whose server could not be reached (a long technical reply).
    const unreachable = await registerOnly(site.t, 'ops-browser-unreachable');
    await failedMessage(unreachable, 'ESOCKET connect ECONNREFUSED 127.0.0.1:2525 (after the last of 5 attempts)', 5);
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  for (const lang of ['kk', 'ru'] as const) {
    it(`an admin retries a failed e-mail and checks the audit chain (${lang})`, async () => {
      const w = WORDS[lang];
      const bounced = await invitationThatBounced();
      const { context, page } = await site.newPage({ viewport: 'desktop' });
      await signIn(page, admin.email, lang, '/operations');
      expect(new URL(page.url()).pathname).toBe('/operations');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(w.home);
      await looksRight(page, `operations-${lang}`);

      // Failed e-mails: the refusal in words, the retry, the notice, the e-mail delivered.
      await page.getByRole('link', { name: w.emails }).click();
      expect(new URL(page.url()).pathname).toBe('/operations/emails');
      const row = page.locator(`#message-${bounced.id}`);
      await expect(row.innerText()).resolves.toContain(w.mailbox);
      await expect(page.locator('main').innerText()).resolves.toContain(w.unreachable);
      await looksRight(page, `operations-emails-${lang}`);
      const before = site.smtp.to(bounced.email).length;
      await row.getByRole('button', { name: w.retry }).click();
      expect(new URL(page.url()).search).toBe('?notice=retried');
      await expect(page.getByRole('status').first().innerText()).resolves.toContain(w.retried);
      expect(await page.locator(`#message-${bounced.id}`).count()).toBe(0);
      await waitFor('the retried invitation arrives', () => site.smtp.to(bounced.email).length === before + 1);
      await looksRight(page, `operations-emails-retried-${lang}`);

      // The audit chain: the page alone checks nothing; the button does.
      await page.goto('/operations');
      await page.getByRole('link', { name: w.audit }).click();
      expect(new URL(page.url()).pathname).toBe('/operations/audit');
      expect(await page.locator('[data-outcome]').count()).toBe(0);
      await looksRight(page, `operations-audit-${lang}`);
      await page.getByRole('button', { name: w.check }).click();
      await expect(page.locator('[data-outcome="ok"]').innerText()).resolves.toContain(w.intact);
      await looksRight(page, `operations-audit-ok-${lang}`);

      const [victim] = await site.t.db.query(
        `SELECT id::text AS id, summary::text AS summary FROM audit_log
          WHERE action = 'notification.retried' AND entity_id = $1`,
        [bounced.id],
      );
      await behindTheAppsBack(
        site.t.db,
        `UPDATE audit_log SET summary = jsonb_set(summary, '{after}', '"nothing happened"') WHERE id = $1`,
        [victim.id],
      );
      try {
        await page.getByRole('button', { name: w.again }).click();
        const verdict = page.locator('[data-outcome="broken"]');
        await expect(verdict.innerText()).resolves.toContain(w.broken(victim.id));
        await expect(verdict.innerText()).resolves.toContain('notification.retried');
        await looksRight(page, `operations-audit-broken-${lang}`);
      } finally {
        await behindTheAppsBack(site.t.db, 'UPDATE audit_log SET summary = $2::jsonb WHERE id = $1', [
          victim.id,
          victim.summary,
        ]);
      }
      await context.close();
    }, 120_000);
  }
});
