/**
 * 10 000 messages through outbox → relay → BullMQ → SMTP into a local sink, against a bare
 * nodemailer pooled loop sending the same 10 000 to the same sink, in the same run.
 * Run: npm run bench:notifications   (needs the local Postgres and Redis)
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { NestFactory } from '@nestjs/core';
import { SmtpSink } from '../../support/smtp-sink';
import { makeTestEnvironment } from '../../support/test-env';

const N = Number(process.env.BENCH_MESSAGES ?? 10_000);
const POOL = 5;

/** The same messages the worker sends: the password-reset template, half kk, half ru, text and HTML. */
async function bareLoop(sink: SmtpSink): Promise<number> {
  const { TemplateRenderer } = await import('../../../src/modules/notifications/template-renderer');
  const renderer = new TemplateRenderer();
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: POOL,
    maxMessages: 1000,
    host: '127.0.0.1',
    port: sink.port,
    secure: false,
  });
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; i < N; i += 1) {
    const m = renderer.render('password-reset', i % 2 === 0 ? 'kk' : 'ru', {
      link: `http://grants.test/r?t=${i}`,
      minutes: 30,
    });
    const p = transport.sendMail({
      from: 'bench@grants.local',
      to: `bare-${i}@bench.kz`,
      messageId: `<bare-${i}@grants.test>`,
      ...m,
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (inFlight.size >= 50) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const ms = performance.now() - started;
  transport.close();
  return ms;
}

async function main(): Promise<void> {
  const env = makeTestEnvironment();
  env.DATABASE_URL = env.DATABASE_URL.replace('grants_test_', 'grants_bench_');
  const sink = await new SmtpSink({ raw: true }).start();
  Object.assign(process.env, env, {
    SMTP_URL: sink.url,
    LOG_LEVEL: 'warn',
    NOTIFY_CONCURRENCY: '50',
    SMTP_POOL_CONNECTIONS: String(POOL),
    RELAY_INTERVAL_MS: '20',
  });
  const { ensureDatabase, runMigrations, dropDatabase } = await import('../../../src/cli/database-setup');
  await ensureDatabase(env.DATABASE_URL);
  await runMigrations(env.DATABASE_URL);
  const { WorkerModule } = await import('../../../src/worker.module');
  const { DataSource } = await import('typeorm');
  try {
    const bareMs = await bareLoop(sink);
    const bareReceived = sink.recipients.length;
    sink.recipients.length = 0;

    const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
    await app.init();
    const db = app.get(DataSource);
    const tag = randomBytes(3).toString('hex');
    const started = performance.now();
    await db.query(
      `INSERT INTO notification_outbox (template, locale, recipient_email, payload)
       SELECT 'password-reset', CASE WHEN i % 2 = 0 THEN 'kk' ELSE 'ru' END, 'e2e-' || i || '-' || $2 || '@bench.kz',
              jsonb_build_object('link', 'http://grants.test/r?t=' || i, 'minutes', 30)
         FROM generate_series(1, $1) AS i`,
      [N, tag],
    );
    const insertedMs = performance.now() - started;
    const deadline = Date.now() + 120_000;
    while (sink.recipients.length < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const e2eMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 1000));
    const [{ sent }] = await db.query(`SELECT count(*)::int AS sent FROM notification_outbox WHERE status = 'sent'`);
    await app.close();

    const distinct = new Set(sink.recipients).size;
    const bareRate = (N / bareMs) * 1000;
    const e2eRate = (N / e2eMs) * 1000;
    const rows = [
      [
        'bare nodemailer pooled loop',
        `${bareReceived} received`,
        `${(bareMs / 1000).toFixed(2)} s`,
        `${bareRate.toFixed(0)} msg/s`,
      ],
      [
        'outbox → relay → BullMQ → SMTP',
        `${sink.recipients.length} received, ${distinct} distinct, ${sent} rows sent`,
        `${(e2eMs / 1000).toFixed(2)} s`,
        `${e2eRate.toFixed(0)} msg/s`,
      ],
    ];
    process.stdout.write(
      `\nnotifications benchmark: ${N} messages, pool of ${POOL} SMTP connections, worker concurrency 50\n`,
    );
    for (const r of rows)
      process.stdout.write(`  ${r[0].padEnd(34)} ${r[1].padEnd(48)} ${r[2].padStart(9)} ${r[3].padStart(12)}\n`);
    process.stdout.write(`  (outbox insert of ${N} rows: ${insertedMs.toFixed(0)} ms, included above)\n`);
    const exactlyOnce = sink.recipients.length === N && distinct === N && sent === N;
    const ratio = e2eRate / bareRate;
    const verdicts = [
      [`all ${N} received exactly once`, exactlyOnce],
      [`end to end under 60 s (${(e2eMs / 1000).toFixed(1)} s)`, e2eMs < 60_000],
      [`at least 50% of the bare loop's rate (${(ratio * 100).toFixed(0)}%)`, ratio >= 0.5],
    ] as const;
    for (const [label, ok] of verdicts) process.stdout.write(`  ${ok ? 'PASS' : 'FAIL'} ${label}\n`);
    process.exitCode = verdicts.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    await sink.stop();
    await dropDatabase(env.DATABASE_URL);
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
