/**
 * Pages: weight and speed. For the home page, a competition's page and an application's
 * check-and-submit page (signed in), it prints the bytes over the wire (HTML + the stylesheet
 * and scripts it links, compressed as a browser asks: br) and the time per request under 32
 * concurrent clients, against a bare Fastify route answering the same HTML string with the same
 * compression, in its own process, in the same run.
 * Run: npm run bench:pages   (needs the local Postgres and Redis)
 * Targets (UI.md, issue 14): ≤ 60 KB per applicant page; server time within 3× of the bare route.
 * BENCH_PAGE_REQUESTS (default 2000 per page and server) and BENCH_CONCURRENCY (32) change the load;
 * BENCH_CPU_PROFILE=/tmp/pages profiles the product's timed run of each page (<name>-<page>.cpuprofile).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Pool } from 'pg';
import { makeTestEnvironment } from '../../support/test-env';
import { ApiProcess } from '../submit-surge/api-process';
import { Child } from '../submit-surge/child';
import { httpTestApp, insertUsers, sqlOf } from '../submit-surge/prepare';

const REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WEIGHT_TARGET = 60 * 1024;
const RATIO_TARGET = 3;

interface Fetched {
  status: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(port: number, path: string, cookie = '', bearer = ''): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'GET',
        path,
        headers: {
          'accept-encoding': 'br, gzip',
          ...(cookie ? { cookie } : {}),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end();
  });
}

function post(port: number, path: string, form: Record<string, string>, cookie: string): Promise<Fetched> {
  const payload = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(payload),
          cookie,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.alloc(0), headers: res.headers }));
      },
    );
    r.on('error', reject);
    r.end(payload);
  });
}

/** The body as the browser reads it (the figures count the compressed bytes). */
function decoded(res: Fetched): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(res.body).toString('utf8');
  return res.body.toString('utf8');
}

function cookiesOf(res: Fetched): string[] {
  return (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
}

/** `requests` GETs, `CONCURRENCY` in flight; latencies in ms and the wall time. */
async function load(port: number, path: string, cookie: string, requests: number, bearer = '') {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) {
        next += 1;
        const t0 = performance.now();
        const res = await get(port, path, cookie, bearer);
        latencies.push(performance.now() - t0);
        if (res.status !== 200) failures += 1;
      }
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.max(0, Math.ceil(p * latencies.length) - 1)];
  return {
    wallMs,
    failures,
    rate: (requests / wallMs) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    perRequestMs: wallMs / requests,
  };
}

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

let api: ApiProcess | undefined;
let bare: Child | undefined;

async function main(): Promise<void> {
  const env = makeTestEnvironment();
  env.DATABASE_URL = env.DATABASE_URL.replace('grants_test_', 'grants_bench_');
  // As production runs: anonymous public pages reused for 5 s (the test environment turns it off).
  Object.assign(process.env, env, {
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    PUBLIC_PAGE_CACHE_MS: '5000',
  });
  const { ensureDatabase, runMigrations, dropDatabase } = await import('../../../src/cli/database-setup');
  await ensureDatabase(env.DATABASE_URL);
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 2 });
  try {
    await runMigrations(env.DATABASE_URL);
    const sql = sqlOf(pool);
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
    const port = api.port;
    const t = httpTestApp(`http://127.0.0.1:${port}`);
    const passwordHash = await api.hashPassword(TEST_PASSWORD);
    const tag = randomBytes(3).toString('hex');
    const [organizerId, applicantId] = await insertUsers(sql, 2, passwordHash, `pages-${tag}`);
    await sql('UPDATE users SET is_admin = true WHERE id = $1', [organizerId]);
    const [organizerToken, applicantToken] = await api.sign([
      { id: organizerId, isAdmin: true },
      { id: applicantId, isAdmin: false },
    ]);
    // Other open competitions, so the home page lists what a real one would.
    for (const template of ['mini-grants-district', 'short-term-projects', 'volunteer-awards']) {
      await openCompetition(t, organizerToken, template, new Date(Date.now() + 10 * 86_400_000));
    }
    const competition = await openCompetition(
      t,
      organizerToken,
      'youth-micro-projects',
      new Date(Date.now() + 5 * 86_400_000),
    );
    const draftId = await readyDraft(t, applicantToken, competition);

    // Signed in through the sign-in page, as a person is.
    const signInPage = await get(port, '/sign-in');
    const pre = cookiesOf(signInPage).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(decoded(signInPage))?.[1] ?? '';
    const signedIn = await post(
      port,
      '/sign-in',
      { _csrf: csrf, email: `pages-${tag}-1@bench.kz`, password: TEST_PASSWORD, next: '/me' },
      pre,
    );
    const session = [pre, ...cookiesOf(signedIn)].join('; ');
    if (signedIn.status !== 303 || !session.includes('sid=')) throw new Error(`sign-in failed: ${signedIn.status}`);

    const pages = [
      { name: 'home', path: '/', cookie: '' },
      { name: 'competition', path: `/competitions/${competition.id}`, cookie: '' },
      { name: 'check-and-submit', path: `/applications/${draftId}/check`, cookie: session },
    ];
    // What the signed-in page's data costs on its own: the API's read of the same draft (JSON, no page).
    const apiReads: Record<string, string> = { 'check-and-submit': `/api/v1/applications/${draftId}` };

    bare = Child.start(join(__dirname, 'bare-server.ts'), { ...process.env, PAGES_BENCH_ROLE: 'bare' });
    const { port: barePort } = await bare.ask<{ port: number }>('start');

    say(`pages: ${REQUESTS} requests per page and server, ${CONCURRENCY} concurrent, node ${process.version}`);
    say();
    say(
      'page               html(br)  assets(br)  total     target  | product: req/s  p50 ms  p99 ms | bare: req/s  p50 ms  p99 ms | ratio',
    );
    let failed = false;
    for (const page of pages) {
      const first = await get(port, page.path, page.cookie);
      if (first.status !== 200) throw new Error(`${page.path} answered ${first.status}`);
      const html = decoded(first);
      if (first.headers['content-encoding'] !== 'br') throw new Error(`${page.path} was not compressed with br`);
      const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      let assetBytes = 0;
      for (const asset of new Set(assets)) assetBytes += (await get(port, asset.replace(/&amp;/g, '&'))).body.length;
      const total = first.body.length + assetBytes;
      await bare.ask('page', { name: page.name, html });

      await load(port, page.path, page.cookie, Math.min(200, REQUESTS));
      const profile = process.env.BENCH_CPU_PROFILE;
      if (profile) await api.startProfile();
      const product = await load(port, page.path, page.cookie, REQUESTS);
      if (profile) await api.stopProfile(profile.replace(/(\.cpuprofile)?$/, `-${page.name}.cpuprofile`));
      await load(barePort, `/bare/${page.name}`, '', Math.min(200, REQUESTS));
      const baseline = await load(barePort, `/bare/${page.name}`, '', REQUESTS);
      const ratio = product.perRequestMs / baseline.perRequestMs;
      const apiPath = apiReads[page.name];
      let apiRead: Awaited<ReturnType<typeof load>> | null = null;
      if (apiPath) {
        await load(port, apiPath, '', Math.min(200, REQUESTS), applicantToken);
        apiRead = await load(port, apiPath, '', REQUESTS, applicantToken);
      }
      const weightOk = total <= WEIGHT_TARGET;
      const ratioOk = ratio <= RATIO_TARGET;
      failed ||= !weightOk || !ratioOk || product.failures > 0;
      say(
        `${page.name.padEnd(18)} ${String(first.body.length).padStart(8)}  ${String(assetBytes).padStart(10)}  ` +
          `${String(total).padStart(6)} B ${weightOk ? 'ok  ' : 'OVER'}   | ` +
          `${product.rate.toFixed(0).padStart(14)}  ${product.p50.toFixed(1).padStart(6)}  ${product.p99.toFixed(1).padStart(6)} | ` +
          `${baseline.rate.toFixed(0).padStart(11)}  ${baseline.p50.toFixed(1).padStart(6)}  ${baseline.p99.toFixed(1).padStart(6)} | ` +
          `${ratio.toFixed(2)}× ${ratioOk ? 'ok' : 'OVER'}${product.failures ? `  (${product.failures} failed)` : ''}`,
      );
      if (apiRead) {
        say(
          `  └ the API's GET of the same draft: ${apiRead.rate.toFixed(0)} req/s, p50 ${apiRead.p50.toFixed(1)} ms; ` +
            `the page costs ${(product.perRequestMs / apiRead.perRequestMs).toFixed(2)}× its data read` +
            `${apiRead.failures ? `  (${apiRead.failures} failed)` : ''}`,
        );
      }
    }
    say();
    say(
      `targets: ≤ ${WEIGHT_TARGET / 1024} KB per page over the wire; time per request within ${RATIO_TARGET}× the bare route's ` +
        `(time per request = wall time / requests at ${CONCURRENCY} concurrent)`,
    );
    process.exitCode = failed ? 1 : 0;
  } finally {
    agent.destroy();
    await bare?.ask('close').catch(() => undefined);
    await bare?.stop(2000);
    await api?.stop();
    await pool.end();
    await dropDatabase(env.DATABASE_URL);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
