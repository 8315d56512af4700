import { randomUUID } from 'node:crypto';
import { makeAdmin, signUp, uniqueEmail, TEST_PASSWORD } from '../support/accounts';
import { SmtpSink, waitFor, freePort } from '../support/smtp-sink';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestWorker, TestWorker } from '../support/worker-app';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { SweepRegistry } from '../../src/modules/notifications/scheduler/sweep-registry';
import { ReminderScheduler } from '../../src/modules/notifications/scheduler/reminder-scheduler';

const statusOf = async (t: { db: TestApp['db'] }, email: string) =>
  (await t.db.query(
    `SELECT status, attempts, last_error, smtp_response, id FROM notification_outbox WHERE recipient_email = $1 ORDER BY created_at`,
    [email],
  )) as {
    status: string;
    attempts: number;
    last_error: string | null;
    smtp_response: string | null;
    id: string;
  }[];

describe('notifications: outbox → relay → queue → SMTP', () => {
  let api: TestApp;
  let sink: SmtpSink;
  let worker: TestWorker;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await createTestApp({ SMTP_URL: sink.url });
    worker = await createTestWorker({ SMTP_URL: sink.url, RELAY_INTERVAL_MS: '50', NOTIFY_BACKOFF_MS: '100' });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sink.stop();
  });

  it('delivers the verification e-mail in Kazakh with the link, once, with a Message-ID from the row', async () => {
    const email = uniqueEmail('kk');
    expect(
      (await api.call('POST', '/auth/register', { body: { email, password: TEST_PASSWORD, locale: 'kk' } })).status,
    ).toBe(202);
    await waitFor('the e-mail', () => sink.to(email).length === 1);
    const [mail] = sink.to(email);
    expect(mail.subject).toBe('Электрондық поштаңызды растаңыз');
    expect(mail.text).toMatch(/http:\/\/grants\.test\/verify-email\?token=[\w-]{43}/);
    expect(mail.html).toContain('<a href="http://grants.test/verify-email?token=');
    const [row] = await statusOf(api, email);
    await waitFor('row marked sent', async () => (await statusOf(api, email))[0].status === 'sent');
    expect(mail.messageId).toBe(`<${row.id}@grants.test>`);
    expect((await statusOf(api, email))[0]).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect((await statusOf(api, email))[0].smtp_response).toMatch(/^250/);
    // The link in the e-mail works.
    const token = new URL(mail.text.match(/http\S+/)![0]).searchParams.get('token');
    expect((await api.call('POST', '/auth/verify-email', { body: { token } })).status).toBe(200);
  });

  it('writes to a Russian-speaking user in Russian', async () => {
    const email = uniqueEmail('ru');
    await api.call('POST', '/auth/register', { body: { email, password: TEST_PASSWORD, locale: 'ru' } });
    await waitFor('the e-mail', () => sink.to(email).length === 1);
    expect(sink.to(email)[0].subject).toBe('Подтвердите адрес электронной почты');
    expect(sink.to(email)[0].text).toContain('Ссылка действует 24 часа');
  });

  it('sends the password reset link, and the account-exists notice on a repeated registration', async () => {
    const account = await signUp(api, 'reset');
    await api.call('POST', '/auth/password-reset', { body: { email: account.email } });
    await api.call('POST', '/auth/register', { body: { email: account.email, password: TEST_PASSWORD, locale: 'kk' } });
    await waitFor('three e-mails', () => sink.to(account.email).length === 3);
    const subjects = sink.to(account.email).map((m) => m.subject);
    expect(subjects).toEqual(
      expect.arrayContaining(['Құпиясөзді қалпына келтіру', 'Бұл пошта мекенжайымен есептік жазба бар']),
    );
    expect(sink.to(account.email).find((m) => m.subject === 'Құпиясөзді қалпына келтіру')!.text).toMatch(
      /reset-password\?token=/,
    );
  });

  it('shows every message in the in-app inbox, with an unread count and mark-as-read', async () => {
    const a = await signUp(api, 'inbox');
    const b = await signUp(api, 'other');
    let inbox = await api.call('GET', '/me/notifications', { token: a.accessToken });
    expect(inbox.status).toBe(200);
    expect(inbox.body).toMatchObject({ total: 1, unreadCount: 1, page: 1, pageSize: 20 });
    expect(inbox.body.items[0]).toMatchObject({
      template: 'email-verification',
      subject: 'Электрондық поштаңызды растаңыз',
      readAt: null,
    });
    const id = inbox.body.items[0].id;
    expect((await api.call('POST', `/me/notifications/${id}/read`, { token: b.accessToken })).status).toBe(404);
    expect((await api.call('POST', `/me/notifications/${id}/read`, { token: a.accessToken })).status).toBe(204);
    inbox = await api.call('GET', '/me/notifications', { token: a.accessToken });
    expect(inbox.body.unreadCount).toBe(0);
    expect(inbox.body.items[0].readAt).not.toBeNull();
    expect((await api.call('GET', '/me/notifications?pageSize=101', { token: a.accessToken })).status).toBe(400);
  });

  it('invites to a competition role; the accept link creates the account and grants the role', async () => {
    const organizer = await makeAdmin(api, await signUp(api, 'org'));
    const competitionId = randomUUID();
    await api.db.query(
      `INSERT INTO competitions (id, template_code, title_kk, title_ru, created_by, version, number_prefix) VALUES ($1, 'mini-grants', 'Шағын гранттар', 'Мини-гранты', $2, 1, 'MG')`,
      [competitionId, organizer.userId],
    );
    const invitee = uniqueEmail('expert');
    const invite = await api.call('POST', `/competitions/${competitionId}/members`, {
      token: organizer.accessToken,
      body: { email: invitee, role: 'commission' },
    });
    expect(invite.status).toBe(201);
    expect(JSON.stringify(invite.body)).not.toMatch(/token/i);
    await waitFor('the invitation', () => sink.to(invitee).length === 1);
    const mail = sink.to(invitee)[0];
    // A new address: Kazakh first, then Russian, each saying who invites.
    expect(mail.subject).toBe('Конкурсқа шақыру: Шағын гранттар / Приглашение в конкурс: Мини-гранты');
    expect(mail.text).toContain(
      'Конкурс ұйымдастырушысы сізді «Шағын гранттар» конкурсына комиссия мүшесі ретінде шақырады.',
    );
    expect(mail.text).toContain('Организатор конкурса приглашает вас в конкурс «Мини-гранты» в роли: член комиссии.');
    const token = new URL(mail.text.match(/http\S+accept\S+/)![0]).searchParams.get('token')!;
    const noPassword = await api.call('POST', '/invitations/accept', { body: { token } });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.details[0]).toMatchObject({ field: 'password', code: 'PASSWORD_NEEDED' });
    const accepted = await api.call('POST', '/invitations/accept', {
      body: { token, password: TEST_PASSWORD, locale: 'ru' },
    });
    expect(accepted.body).toEqual({ competitionId, role: 'commission', accountCreated: true });
    expect(
      (await api.call('POST', '/invitations/accept', { body: { token, password: TEST_PASSWORD } })).body.code,
    ).toBe('INVITATION_ALREADY_ACCEPTED');
    const rows = await api.db.query(
      `SELECT m.role FROM competition_memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 AND m.competition_id = $2`,
      [invitee, competitionId],
    );
    expect(rows).toEqual([{ role: 'commission' }]);
    expect((await api.call('POST', '/auth/login', { body: { email: invitee, password: TEST_PASSWORD } })).status).toBe(
      200,
    );
    // A plain user may not invite; an unknown competition is a 404 for its organizer.
    const plain = await signUp(api, 'plain');
    expect(
      (
        await api.call('POST', `/competitions/${competitionId}/members`, {
          token: plain.accessToken,
          body: { email: invitee, role: 'mentor' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.call('POST', `/competitions/${randomUUID()}/members`, {
          token: organizer.accessToken,
          body: { email: invitee, role: 'mentor' },
        })
      ).status,
    ).toBe(404);
  });

  it('sends a scheduled reminder once per recipient and occasion, however often the scheduler fires', async () => {
    const recipients = [uniqueEmail('r1'), uniqueEmail('r2')];
    const registry = worker.app.get(SweepRegistry);
    const notifications = worker.app.get(NotificationsService);
    const name = `test-sweep-${randomUUID()}`;
    registry.register({
      name,
      everyMs: 200,
      run: async (now) => {
        await worker.db.transaction((tx) =>
          notifications.enqueue(tx, {
            template: 'password-reset',
            recipients: recipients.map((email) => ({ email, locale: 'kk' as const })),
            payload: { link: `http://grants.test/occasion?at=${now.getTime()}`, minutes: 30 },
            dedupeKey: `test-occasion:${name}`,
          }),
        );
      },
    });
    const scheduler = worker.app.get(ReminderScheduler);
    await scheduler.fire({ name });
    await scheduler.fire({ name });
    await waitFor('both reminders', () => recipients.every((r) => sink.to(r).length >= 1));
    await new Promise((r) => setTimeout(r, 500));
    expect(recipients.map((r) => sink.to(r).length)).toEqual([1, 1]);
  });
});

describe('notifications when SMTP fails', () => {
  let api: TestApp;
  let worker: TestWorker;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    api = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    worker = await createTestWorker({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      RELAY_INTERVAL_MS: '50',
      NOTIFY_BACKOFF_MS: '200',
      NOTIFY_MAX_ATTEMPTS: '20',
    });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('keeps retrying while SMTP is down and delivers exactly once when it is back', async () => {
    const email = uniqueEmail('smtp-down');
    await api.call('POST', '/auth/register', { body: { email, password: TEST_PASSWORD, locale: 'kk' } });
    await waitFor('two failed attempts recorded', async () => (await statusOf(api, email))[0]?.attempts >= 2);
    const [row] = await statusOf(api, email);
    expect(row.status).toBe('queued');
    expect(row.last_error).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    const sink = await new SmtpSink({ port }).start();
    try {
      await waitFor('delivered after SMTP came back', () => sink.to(email).length === 1, 20_000);
      await waitFor('row sent', async () => (await statusOf(api, email))[0].status === 'sent');
      await new Promise((r) => setTimeout(r, 500));
      expect(sink.to(email)).toHaveLength(1);
    } finally {
      await sink.stop();
    }
  });

  it('does not retry a permanent refusal (550); an admin sees it among failures and retries it', async () => {
    const email = uniqueEmail('bounce');
    let refuse = true;
    const sink = await new SmtpSink({ port, reject: (a) => refuse && a === email }).start();
    try {
      await api.call('POST', '/auth/register', { body: { email, password: TEST_PASSWORD, locale: 'kk' } });
      await waitFor('marked failed', async () => (await statusOf(api, email))[0]?.status === 'failed');
      const [row] = await statusOf(api, email);
      expect(row.attempts).toBe(1);
      expect(row.last_error).toMatch(/^550/);
      const user = await signUp(api, 'nosy');
      expect((await api.call('GET', '/notifications/failed', { token: user.accessToken })).status).toBe(403);
      expect((await api.call('POST', `/notifications/${row.id}/retry`, { token: user.accessToken })).status).toBe(404);
      const admin = await makeAdmin(api, await signUp(api, 'admin'));
      const failed = await api.call('GET', '/notifications/failed?pageSize=100', { token: admin.accessToken });
      expect(failed.status).toBe(200);
      expect(failed.body.items.find((i: { id: string }) => i.id === row.id)).toMatchObject({
        recipientEmail: email,
        template: 'email-verification',
        attempts: 1,
      });
      refuse = false;
      expect((await api.call('POST', `/notifications/${row.id}/retry`, { token: admin.accessToken })).status).toBe(202);
      await waitFor('delivered after the retry', () => sink.to(email).length === 1);
      await waitFor('row sent', async () => (await statusOf(api, email))[0].status === 'sent');
      const audit = await api.db.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [row.id]);
      expect(audit).toEqual([{ action: 'notification.retried' }]);
      expect((await api.call('POST', `/notifications/${row.id}/retry`, { token: admin.accessToken })).status).toBe(404);
    } finally {
      await sink.stop();
    }
  });
});
