/**
 * Submit surge: 5 000 applicants with ready drafts submit in the last minutes before the
 * deadline, 64 requests in flight over loopback HTTP, against the real API (createHttpApp:
 * Fastify, Nest, TypeORM, PostgreSQL) in its own process. In the same run the same load,
 * from the same client code, hits a baseline: a bare Fastify route doing the equivalent
 * single INSERT with `pg`.
 * Run: npm run bench:submit   (needs the local Postgres and Redis)
 * Targets: no errors, every submission stored, p99 under 250 ms, throughput at least 30% of
 * the baseline's. A reference row (not a target) stores the same row in the submit's number of
 * round trips with trivial statements, to show how much of the gap is talking to the database.
 * BENCH_SUBMISSIONS, BENCH_CONCURRENCY, BENCH_WARMUP change the load; BENCH_RUN_TIMEOUT_S cuts
 * a timed run off; BENCH_CPU_PROFILE=file.cpuprofile profiles the API during its timed run.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { makeTestEnvironment } from '../../support/test-env';
import { ApiProcess } from './api-process';
import { createBaselineTable, startBaselineServer, SUBMIT_ROUND_TRIPS, type BaselineServer } from './baseline-server';
import { LoadClient, type LoadJob, type LoadRequest, type LoadResult } from './load-client';
import { cloneDrafts, httpTestApp, insertUsers, sqlOf } from './prepare';

const N = Number(process.env.BENCH_SUBMISSIONS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 320);
const REQUEST_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = Number(process.env.BENCH_RUN_TIMEOUT_S ?? 120) * 1000;
const WARMUP_TIMEOUT_MS = 60_000;
const P99_TARGET_MS = 250;
const RATIO_TARGET = 0.3;

interface Figures {
  label: string;
  requests: number;
  errors: number;
  stored: number;
  rate: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Map<number, number>;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : NaN;
}

/** Latencies of the requests that were sent (answered, failed or timed out); the rate counts 200s only. */
function figures(label: string, r: LoadResult, stored: number): Figures {
  const sorted = r.latencies.filter((_, i) => r.statuses[i] !== -1).sort((a, b) => a - b);
  const statuses = new Map<number, number>();
  for (const s of r.statuses) statuses.set(s, (statuses.get(s) ?? 0) + 1);
  const ok = r.statuses.filter((s) => s === 200).length;
  return {
    label,
    requests: r.statuses.length,
    errors: r.statuses.length - ok,
    stored,
    rate: (ok / r.wallMs) * 1000,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    statuses,
  };
}

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

let api: ApiProcess | undefined;
let baseline: BaselineServer | undefined;
let client: LoadClient | undefined;
let benchPool: Pool | undefined;

async function main(): Promise<void> {
  const env = makeTestEnvironment();
  env.DATABASE_URL = env.DATABASE_URL.replace('grants_test_', 'grants_bench_');
  Object.assign(process.env, env, {
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    JWT_ACCESS_TTL_SECONDS: '3600',
  });
  const { ensureDatabase, runMigrations, dropDatabase } = await import('../../../src/cli/database-setup');
  await ensureDatabase(env.DATABASE_URL);
  let apiWedged = false;
  // Interrupted: still leave no database and no process behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (api) api.child.muted = true;
      void Promise.allSettled([api?.child.stop(), client?.stop()])
        .then(() => dropDatabase(env.DATABASE_URL))
        .finally(() => process.exit(130));
    });
  }
  try {
    const prepStarted = performance.now();
    await runMigrations(env.DATABASE_URL);
    benchPool = new Pool({ connectionString: env.DATABASE_URL, max: 2, application_name: 'bench-driver' });
    const sql = sqlOf(benchPool);
    const { parseTerritoryCsv } = await import('../../../src/modules/territories/domain/territory-csv');
    const { rows: territories } = parseTerritoryCsv(
      readFileSync(join(__dirname, '../../../src/modules/territories/data/territories.csv'), 'utf8'),
    );
    for (const r of territories) {
      await sql('INSERT INTO territories (code, parent_code, kind, name_kk, name_ru) VALUES ($1,$2,$3,$4,$5)', [
        r.code,
        r.parentCode,
        r.kind,
        r.nameKk,
        r.nameRu,
      ]);
    }

    const { TEST_PASSWORD } = await import('../../support/accounts');
    const { openCompetition, readyDraft } = await import('../../support/competitions');
    api = await ApiProcess.start(process.env);
    const t = httpTestApp(`http://127.0.0.1:${api.port}`);

    // One real argon2 hash shared by every account: submit never checks a password.
    const passwordHash = await api.hashPassword(TEST_PASSWORD);
    const tag = randomBytes(3).toString('hex');
    const [organizerId, templateUserId] = await insertUsers(sql, 2, passwordHash, `surge-staff-${tag}`);
    await sql('UPDATE users SET is_admin = true WHERE id = $1', [organizerId]);
    const [organizerToken, templateToken] = await api.sign([
      { id: organizerId, isAdmin: true },
      { id: templateUserId, isAdmin: false },
    ]);

    // The last minutes before the deadline. The first draft is filled through the API by
    // readyDraft; the others are copies of it with their own accounts and teams.
    const deadline = new Date(Date.now() + 15 * 60_000);
    const competition = await openCompetition(t, organizerToken, 'youth-micro-projects', deadline);
    const templateDraftId = await readyDraft(t, templateToken, competition);

    const total = 1 + WARMUP + N;
    const userIds = await insertUsers(sql, total, passwordHash, `surge-${tag}`);
    const cloned = await cloneDrafts(sql, templateDraftId, userIds);
    const signed = await api.sign(cloned.map((d) => ({ id: d.userId, isAdmin: false })));
    const drafts = cloned.map((d, i) => ({ ...d, token: signed[i] }));
    await sql('VACUUM ANALYZE');
    const [verifyDraft, ...rest] = drafts;
    const warmupDrafts = rest.slice(0, WARMUP);
    const timedDrafts = rest.slice(WARMUP);
    const timedIds = timedDrafts.map((d) => d.applicationId);

    // One submission through the API before the surge: the copied drafts pass every rule.
    const check = await t.call('POST', `/applications/${verifyDraft.applicationId}/submit`, {
      token: verifyDraft.token,
      headers: { 'idempotency-key': `surge-verify-${tag}` },
    });
    if (check.status !== 200 || !/^YC-\d{4}-0001$/.test(check.body?.number ?? '')) {
      throw new Error(`the prepared draft was refused: ${check.status} ${JSON.stringify(check.body)}`);
    }
    const prepMs = performance.now() - prepStarted;

    const load = (
      list: typeof drafts,
      port: number,
      path: (id: string) => string,
      runTimeoutMs: number,
    ): LoadRequest => ({
      port,
      concurrency: CONCURRENCY,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      runTimeoutMs,
      jobs: list.map((d): LoadJob => ({
        path: path(d.applicationId),
        token: d.token,
        idempotencyKey: `surge-${d.applicationId}`,
      })),
    });
    const apiPath = (id: string) => `/api/v1/applications/${id}/submit`;
    const barePath = (id: string) => `/submit/${id}`;
    const roundTripPath = (id: string) => `/submit-round-trips/${id}`;

    await createBaselineTable(env.DATABASE_URL);
    baseline = await startBaselineServer(env.DATABASE_URL);
    client = LoadClient.start();

    /** Warm-up with other applicants, a checkpoint, then the timed run; and how many rows `table` holds for it. */
    const baselineRun = async (path: (id: string) => string, table: string) => {
      await client!.run(load(warmupDrafts, baseline!.port, path, WARMUP_TIMEOUT_MS));
      await sql('CHECKPOINT');
      const result = await client!.run(load(timedDrafts, baseline!.port, path, RUN_TIMEOUT_MS));
      const [{ stored }] = await sql(
        `SELECT count(DISTINCT application_id)::int AS stored FROM ${table} WHERE application_id = ANY($1::uuid[])`,
        [timedIds],
      );
      return { result, stored: stored as number };
    };
    const bare = await baselineRun(barePath, 'bench_baseline');
    // Reference only: the same row in the submit's number of round trips.
    const roundTrips = await baselineRun(roundTripPath, 'bench_round_trips');
    await baseline.close();
    baseline = undefined;

    // The real API: warm-up with other applicants, then the timed run.
    const warm = await client.run(load(warmupDrafts, api.port, apiPath, WARMUP_TIMEOUT_MS));
    const warmErrors = warm.statuses.filter((s) => s !== 200).length;
    await sql('CHECKPOINT');
    if (process.env.BENCH_CPU_PROFILE) await api.startProfile();
    const apiResult = await client.run(load(timedDrafts, api.port, apiPath, RUN_TIMEOUT_MS));
    apiWedged = warm.statuses.some((s) => s <= 0) || apiResult.statuses.some((s) => s <= 0);
    if (process.env.BENCH_CPU_PROFILE && !apiWedged) await api.stopProfile(process.env.BENCH_CPU_PROFILE);

    const [{ apiStored }] = await sql(
      `SELECT count(*)::int AS "apiStored" FROM applications WHERE id = ANY($1::uuid[]) AND status = 'submitted' AND number IS NOT NULL`,
      [timedIds],
    );
    const [all] = await sql(`SELECT count(*)::int AS submitted FROM applications WHERE status = 'submitted'`);
    const [numbers] = await sql(
      `SELECT count(*)::int AS n, count(DISTINCT sequence_no)::int AS seqs, count(DISTINCT number)::int AS numbers,
              min(sequence_no)::int AS lo, max(sequence_no)::int AS hi
         FROM applications WHERE competition_id = $1 AND status = 'submitted'`,
      [competition.id],
    );
    const [side] = await sql(
      `SELECT (SELECT count(*)::int FROM notification_outbox WHERE template = 'application-receipt') AS receipts,
              (SELECT count(*)::int FROM audit_log WHERE action = 'application.submitted') AS audited`,
    );

    const rows = [
      figures('bare Fastify + pg INSERT', bare.result, bare.stored),
      figures(`  reference: ${SUBMIT_ROUND_TRIPS} round trips, no work`, roundTrips.result, roundTrips.stored),
      figures('API POST /applications/:id/submit', apiResult, apiStored),
    ];
    const [bareFigures, , real] = rows;
    say(
      `\nsubmit-surge benchmark: ${N} submissions, ${CONCURRENCY} concurrent connections over loopback, ${WARMUP} warm-up requests each before timing`,
    );
    say(`  (preparation, not timed: ${total} accounts with ready drafts, ${(prepMs / 1000).toFixed(1)} s)`);
    say(
      `  ${'run'.padEnd(36)} ${'requests'.padStart(8)} ${'errors'.padStart(6)} ${'stored'.padStart(6)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
    );
    for (const f of rows) {
      say(
        `  ${f.label.padEnd(36)} ${String(f.requests).padStart(8)} ${String(f.errors).padStart(6)} ${String(f.stored).padStart(6)} ` +
          `${f.rate.toFixed(0).padStart(8)} ${f.p50.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)} ${f.max.toFixed(1).padStart(8)}`,
      );
    }
    const describe = (s: number) =>
      s === -1 ? 'never sent (run cut off)' : s === 0 ? 'no answer/timeout' : `HTTP ${s}`;
    for (const [label, r] of [
      ['baseline', bare.result],
      ['round-trip reference', roundTrips.result],
      ['API warm-up', warm],
      ['API', apiResult],
    ] as const) {
      const bad = r.statuses.filter((s) => s !== 200);
      if (bad.length === 0) continue;
      const counts = new Map<number, number>();
      for (const s of bad) counts.set(s, (counts.get(s) ?? 0) + 1);
      say(`  ${label} failures: ${[...counts].map(([s, c]) => `${c} ${describe(s)}`).join(', ')}`);
      for (const fail of r.failures.slice(0, 2)) say(`    e.g. ${describe(fail.status)} ${fail.path}: ${fail.body}`);
    }
    say(
      `  applications submitted afterwards: ${all.submitted} (1 check + ${WARMUP} warm-up + ${N} timed expected); ` +
        `numbers ${numbers.lo}..${numbers.hi}, ${numbers.seqs} distinct; receipts queued ${side.receipts}, audit entries ${side.audited}`,
    );
    if (warmErrors > 0)
      say(
        `  the API's warm-up failed ${warmErrors} of ${WARMUP} submissions${apiWedged ? '; requests went unanswered: the API wedged' : ''}`,
      );

    const gapless =
      numbers.n === total &&
      numbers.seqs === total &&
      numbers.numbers === total &&
      numbers.lo === 1 &&
      numbers.hi === total;
    const ratio = real.rate / bareFigures.rate;
    const verdicts = [
      [`no errors (${real.errors} of ${N})`, real.errors === 0],
      [
        `every submission stored (${real.stored}/${N}; numbers 1..${total} unique without gaps: ${gapless ? 'yes' : 'no'})`,
        real.stored === N && gapless,
      ],
      [`p99 under ${P99_TARGET_MS} ms (${real.p99.toFixed(1)} ms)`, real.p99 < P99_TARGET_MS],
      [
        `throughput at least ${RATIO_TARGET * 100}% of the baseline (${(ratio * 100).toFixed(0)}%: ${real.rate.toFixed(0)} vs ${bareFigures.rate.toFixed(0)} req/s)`,
        ratio >= RATIO_TARGET,
      ],
    ] as const;
    for (const [label, ok] of verdicts) say(`  ${ok ? 'PASS' : 'FAIL'} ${label}`);
    process.exitCode = verdicts.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    await client?.stop();
    await baseline?.close().catch(() => undefined);
    await benchPool?.end().catch(() => undefined);
    if (api) {
      // A wedged API never finishes closing, and dies noisily when its database goes.
      api.child.muted = apiWedged;
      await api.stop(apiWedged ? 1_000 : 10_000);
    }
    await dropDatabase(env.DATABASE_URL);
    rmSync(env.FILES_DIR, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  },
);
