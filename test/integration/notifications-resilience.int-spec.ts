import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD, uniqueEmail } from '../support/accounts';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestWorker, TestWorker } from '../support/worker-app';
import { WorkerProcess } from '../support/worker-process';

async function enqueueDirect(t: TestApp, emails: string[], tag: string): Promise<void> {
  await t.db.query(
    `INSERT INTO notification_outbox (template, locale, recipient_email, payload)
     SELECT 'password-reset', 'kk', e, jsonb_build_object('link', 'http://grants.test/r?t=' || $2 || e, 'minutes', 30)
       FROM unnest($1::text[]) AS e`,
    [emails, tag],
  );
}

const countBy = (list: string[]) => list.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());

describe('Redis down', () => {
  let proxy: TcpProxy;
  let sink: SmtpSink;
  let api: TestApp;
  let worker: TestWorker;

  beforeAll(async () => {
    proxy = await new TcpProxy(6379).start();
    sink = await new SmtpSink().start();
    api = await createTestApp({ REDIS_URL: proxy.url, SMTP_URL: sink.url });
    worker = await createTestWorker({ REDIS_URL: proxy.url, SMTP_URL: sink.url, RELAY_INTERVAL_MS: '50' });
  });
  afterAll(async () => {
    await proxy.restore();
    await worker.close();
    await api.close();
    await sink.stop();
    await proxy.cut();
  });

  it('still accepts registrations quickly, reports Redis down, and sends everything once Redis is back', async () => {
    await proxy.cut();
    const emails = Array.from({ length: 5 }, () => uniqueEmail('redis-down'));
    for (const email of emails) {
      const started = Date.now();
      const res = await api.call('POST', '/auth/register', { body: { email, password: TEST_PASSWORD, locale: 'kk' } });
      expect(res.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(1500);
    }
    const health = await api.call('GET', '/health');
    expect(health.status).toBe(200);
    // Anyone learns it is degraded; which dependency is down is for administrators (http-conventions covers that).
    expect(health.body).toEqual({ status: 'degraded' });
    await new Promise((r) => setTimeout(r, 1000));
    const waiting = await api.db.query(`SELECT status FROM notification_outbox WHERE recipient_email = ANY($1)`, [
      emails,
    ]);
    expect(waiting.map((r: { status: string }) => r.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(sink.recipients.filter((r) => emails.includes(r))).toEqual([]);

    await proxy.restore();
    await waitFor('all five delivered', () => emails.every((e) => sink.to(e).length >= 1), 40_000).catch(
      async (err) => {
        const rows = await api.db.query(
          `SELECT recipient_email, status, attempts, last_error, lease_until FROM notification_outbox WHERE recipient_email = ANY($1)`,
          [emails],
        );
        throw new Error(
          `${(err as Error).message}; outbox: ${JSON.stringify(rows)}; sink got ${sink.recipients.length}`,
        );
      },
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(emails.map((e) => sink.to(e).length)).toEqual([1, 1, 1, 1, 1]);
    // Redis is back (and the SMTP sink and the database are up): no longer degraded.
    expect((await api.call('GET', '/health')).body).toEqual({ status: 'ok' });
  }, 60_000);
});

describe('worker process killed or stopped', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  const workerEnv = (sink: SmtpSink) => ({
    SMTP_URL: sink.url,
    RELAY_INTERVAL_MS: '50',
    NOTIFY_CONCURRENCY: '10',
    NOTIFY_LOCK_MS: '2000',
    NOTIFY_BACKOFF_MS: '200',
  });

  it('SIGKILL mid-batch: after a restart every message is delivered; duplicates at most the messages in flight', async () => {
    const sink = await new SmtpSink({ raw: true, delayMs: 5 }).start();
    const tag = randomUUID().slice(0, 8);
    const emails = Array.from({ length: 300 }, (_, i) => `kill-${tag}-${i}@test.kz`);
    await enqueueDirect(api, emails, tag);
    const first = new WorkerProcess(workerEnv(sink)).start();
    try {
      await waitFor('a third delivered', () => sink.recipients.length >= 100, 60_000);
      first.kill('SIGKILL');
      expect((await first.exit)!.signal).toBe('SIGKILL');
      const atKill = sink.recipients.length;
      const second = new WorkerProcess(workerEnv(sink)).start();
      try {
        await waitFor(
          'every row sent',
          async () => {
            const [{ n }] = await api.db.query(
              `SELECT count(*)::int AS n FROM notification_outbox WHERE recipient_email = ANY($1) AND status = 'sent'`,
              [emails],
            );
            return n === emails.length;
          },
          60_000,
          200,
        );
      } finally {
        second.kill('SIGTERM');
        await second.exit;
      }
      const counts = countBy(sink.recipients.filter((r) => r.startsWith(`kill-${tag}`)));
      const duplicates = [...counts.values()].reduce((a, n) => a + n - 1, 0);
      process.stdout.write(
        `SIGKILL test: ${atKill} delivered before the kill, ${counts.size} distinct after restart, ${duplicates} duplicates\n`,
      );
      expect(counts.size).toBe(300);
      expect(duplicates).toBeLessThanOrEqual(10);
    } finally {
      await sink.stop();
    }
  }, 120_000);

  it('SIGTERM: the worker stops taking messages, finishes those in flight and exits; nothing is half-sent', async () => {
    const sink = await new SmtpSink({ raw: true, delayMs: 400 }).start();
    const tag = randomUUID().slice(0, 8);
    const emails = Array.from({ length: 40 }, (_, i) => `term-${tag}-${i}@test.kz`);
    await enqueueDirect(api, emails, tag);
    const worker = new WorkerProcess({ ...workerEnv(sink), NOTIFY_CONCURRENCY: '5' }).start();
    await waitFor('first deliveries', () => sink.recipients.length >= 1, 60_000);
    worker.kill('SIGTERM');
    const exit = await worker.exit!;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    const delivered = new Set(sink.recipients);
    const rows: { recipient_email: string; status: string }[] = await api.db.query(
      `SELECT recipient_email, status FROM notification_outbox WHERE recipient_email = ANY($1)`,
      [emails],
    );
    // What was received is marked sent and nothing else is: no message was cut in half.
    expect(
      rows
        .filter((r) => r.status === 'sent')
        .map((r) => r.recipient_email)
        .sort(),
    ).toEqual([...delivered].sort());
    expect(delivered.size).toBeLessThan(emails.length);
    const next = new WorkerProcess(workerEnv(sink)).start();
    try {
      await waitFor('the rest delivered', () => new Set(sink.recipients).size === emails.length, 60_000);
    } finally {
      next.kill('SIGTERM');
      await next.exit;
      await sink.stop();
    }
    expect(sink.recipients.length).toBe(emails.length);
  }, 120_000);
});
