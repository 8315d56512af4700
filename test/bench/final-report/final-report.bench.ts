/**
 * The final report of a large programme: 100 000 participant rows over 1 000 grants (people
 * by IIN, some on several grants' lists; people without an IIN; tally rows). Times
 * FinalReportService.build() (the JSON) and render(xlsx), against a baseline from the same
 * run: the bare `GROUP BY` of the same three counts in SQL (gender, age band, distinct people).
 * Targets: JSON under 1 s, XLSX under 5 s (median of RUNS).
 * Run: npm run bench:final-report   (needs the local Postgres and Redis)
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { YOUTH_MICRO_PROJECTS_TEMPLATE } from '../../../src/modules/competitions/domain/templates/youth-micro-projects.template';
import { makeTestEnvironment } from '../../support/test-env';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const GRANTS = Number(process.env.BENCH_GRANTS ?? 1_000);
const RUNS = 5;
const TARGET_JSON_MS = 1000;
const TARGET_XLSX_MS = 5000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function seed(databaseUrl: string): Promise<{ competitionId: string; organizerId: string }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const [{ id: organizerId }] = (
      await client.query(
        `INSERT INTO users (email, password_hash, locale, email_verified_at, version)
         VALUES ('bench-final-report@grants.test', 'x', 'kk', now(), 1) RETURNING id`,
      )
    ).rows;
    const [{ id: competitionId }] = (
      await client.query(
        `INSERT INTO competitions (template_code, title_kk, title_ru, status, rulebook, number_prefix, created_by, version)
         VALUES ('youth-micro-projects', 'Жастар жобалары (бенчмарк)', 'Молодёжные проекты (бенчмарк)', 'contracting', $1, 'YM', $2, 1)
         RETURNING id`,
        [JSON.stringify(YOUTH_MICRO_PROJECTS_TEMPLATE.rulebook), organizerId],
      )
    ).rows;
    await client.query(
      `INSERT INTO applications (competition_id, applicant_user_id, applicant_kind, status, number, sequence_no, title,
                                 territory_code, amount_requested, submitted_at, arm, answers, version)
       SELECT $1, gen_random_uuid(), 'initiative_group', 'contracted', 'YM-2026-' || lpad(i::text, 5, '0'), i, 'Жоба ' || i,
              (SELECT code FROM territories ORDER BY code OFFSET (i % 10) LIMIT 1), 1000000, now(),
              CASE WHEN i % 2 = 0 THEN 'A' ELSE 'B' END, jsonb_build_object('directBeneficiaries', 80 + i % 40), 1
         FROM generate_series(1, $2) AS i`,
      [competitionId, GRANTS],
    );
    await client.query(
      `INSERT INTO contracts (competition_id, application_id, number, sequence_no, status, content, amount, created_by, version)
       SELECT a.competition_id, a.id, 'YM-2026/' || lpad(a.sequence_no::text, 4, '0'), a.sequence_no, 'active',
              jsonb_build_object('endsOn', '2026-11-30', 'grantee',
                jsonb_build_object('organization', NULL, 'person', jsonb_build_object('fullName', 'Топ жетекшісі ' || a.sequence_no))),
              1000000, $2, 1
         FROM applications a WHERE a.competition_id = $1`,
      [competitionId, organizerId],
    );
    // Each grant's final programmatic report, accepted (the final report counts only those); its id is the contract's.
    await client.query(
      `INSERT INTO reports (id, contract_id, competition_id, application_id, kind, stage, due_on, scheduled_due_on, status, version)
       SELECT c.id, c.id, c.competition_id, c.application_id, 'programmatic', 'final', '2026-12-10', '2026-12-10', 'accepted', 1
         FROM contracts c WHERE c.competition_id = $1`,
      [competitionId],
    );
    // Rows: 70% people by IIN from a pool of 60% of the rows (so many are on several lists),
    // 20% without an IIN, 10% tallies of 1–5 people. IINs need no valid check digit here:
    // the database stores what the service has already checked.
    await client.query(
      `INSERT INTO report_participants (report_id, contract_id, competition_id, application_id, position, kind, iin, full_name,
                                        gender, birth_date, facts, count, age_band, category)
       SELECT c.id, c.id, c.competition_id, c.application_id, i, CASE WHEN i % 10 = 9 THEN 'count' ELSE 'person' END,
              CASE WHEN i % 10 < 7 THEN lpad(((i * 7919) % ($3 * 6 / 10))::text, 12, '0') END,
              CASE WHEN i % 10 IN (7, 8) THEN 'Қатысушы ' || i END,
              CASE WHEN i % 10 = 9 THEN (ARRAY['male', 'female', 'unknown'])[1 + i % 3] WHEN i % 3 = 0 THEN 'male' ELSE 'female' END,
              CASE WHEN i % 10 < 8 AND i % 17 <> 0 THEN date '1950-01-01' + ((i * 37) % 25000) END,
              CASE i % 5 WHEN 0 THEN ARRAY['civil_servant', 'unemployed'] WHEN 1 THEN ARRAY['public_sector_worker']
                WHEN 2 THEN ARRAY['disability', 'business'] WHEN 3 THEN ARRAY['low_income', 'ngo_representative'] ELSE '{}'::text[] END,
              CASE WHEN i % 10 = 9 THEN 1 + i % 5 END,
              CASE WHEN i % 10 = 9 THEN '33-45' END,
              CASE WHEN i % 10 = 9 THEN 'youth' END
         FROM generate_series(0, $3 - 1) AS i
         JOIN contracts c ON c.competition_id = $1 AND c.sequence_no = 1 + i % $2`,
      [competitionId, GRANTS, PARTICIPANTS],
    );
    await client.query(
      `INSERT INTO report_beneficiaries (report_id, contract_id, competition_id, application_id, direct, indirect)
       SELECT c.id, c.id, c.competition_id, c.application_id, 100, 2000 FROM contracts c WHERE c.competition_id = $1`,
      [competitionId],
    );
    await client.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'organizer', 'active')`,
      [competitionId, organizerId],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE report_participants');
    return { competitionId, organizerId };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const env = makeTestEnvironment();
  env.DATABASE_URL = env.DATABASE_URL.replace('grants_test_', 'grants_bench_final_report_');
  Object.assign(process.env, env, { LOG_LEVEL: 'warn' });
  const { ensureDatabase, runMigrations, dropDatabase } = await import('../../../src/cli/database-setup');
  await ensureDatabase(env.DATABASE_URL);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await dropDatabase(env.DATABASE_URL);
  };
  process.once('SIGINT', () => void drop().finally(() => process.exit(130)));
  let closeApp: (() => Promise<void>) | null = null;
  try {
    await runMigrations(env.DATABASE_URL);
    const t0 = performance.now();
    const seeded = await seed(env.DATABASE_URL);
    console.log(
      `seeded ${PARTICIPANTS} participant rows over ${GRANTS} grants in ${Math.round(performance.now() - t0)} ms`,
    );

    const { Module } = await import('@nestjs/common');
    const { NestFactory } = await import('@nestjs/core');
    const { DataSource } = await import('typeorm');
    const { CoreModule } = await import('../../../src/common/core/core.module');
    const { DatabaseModule } = await import('../../../src/common/core/database.module');
    const { AuditModule } = await import('../../../src/modules/audit/audit.module');
    const { NotificationsModule } = await import('../../../src/modules/notifications/notifications.module');
    const { IdempotencyModule } = await import('../../../src/modules/idempotency/idempotency.module');
    const { FinalReportModule } = await import('../../../src/modules/final-report/final-report.module');
    const { FinalReportService } = await import('../../../src/modules/final-report/final-report.service');
    class FinalReportBenchModule {}
    Module({
      imports: [CoreModule, DatabaseModule, AuditModule, NotificationsModule, IdempotencyModule, FinalReportModule],
    })(FinalReportBenchModule);
    const app = await NestFactory.createApplicationContext(FinalReportBenchModule, { logger: ['error', 'warn'] });
    closeApp = () => app.close();
    await app.init();
    const db = app.get(DataSource);
    const service = app.get(FinalReportService);
    const actor = {
      userId: seeded.organizerId,
      isAdmin: false,
      ip: '127.0.0.1',
      requestId: 'bench',
      locale: 'kk' as const,
    };

    const baseline = async () => {
      const t = performance.now();
      await db.query(
        `SELECT gender, count(DISTINCT COALESCE(iin, id::text)) FROM report_participants WHERE competition_id = $1 AND kind = 'person' GROUP BY gender`,
        [seeded.competitionId],
      );
      await db.query(
        `SELECT date_part('year', age(date '2026-11-30', birth_date)) AS age, count(*) FROM report_participants WHERE competition_id = $1 GROUP BY 1`,
        [seeded.competitionId],
      );
      await db.query(
        `SELECT application_id, count(DISTINCT COALESCE(iin, id::text)) FROM report_participants WHERE competition_id = $1 GROUP BY 1`,
        [seeded.competitionId],
      );
      return performance.now() - t;
    };
    const times = { json: [] as number[], xlsx: [] as number[], baseline: [] as number[] };
    let report: Awaited<ReturnType<typeof service.build>> | null = null;
    let xlsxBytes = 0;
    for (let run = 0; run < RUNS; run += 1) {
      times.baseline.push(await baseline());
      let t = performance.now();
      report = await service.build(seeded.competitionId);
      times.json.push(performance.now() - t);
      t = performance.now();
      const file = await service.document(seeded.competitionId, 'xlsx', 'kk', actor);
      times.xlsx.push(performance.now() - t);
      xlsxBytes = file.body.length;
    }
    const p = report!.participants;
    const sums = [p.byGender, p.byCategory, p.byAgeBand].map((o) => Object.values(o).reduce((s, n) => s + n, 0));
    const problems: string[] = [];
    if (sums.some((s) => s !== p.total)) problems.push(`tables do not add up to ${p.total}: ${sums.join(', ')}`);
    if (report!.grants.length !== GRANTS) problems.push(`${report!.grants.length} grants, expected ${GRANTS}`);
    const fmt = (xs: number[]) =>
      `median ${Math.round(median(xs))} ms (runs: ${xs.map((x) => Math.round(x)).join(', ')})`;
    console.log(
      `participants counted: ${p.total} people (${JSON.stringify(p.byGender)}), ${report!.grants.length} grants`,
    );
    console.log(`baseline GROUP BY (same counts, bare SQL): ${fmt(times.baseline)}`);
    console.log(`final report JSON (build):                 ${fmt(times.json)}  target < ${TARGET_JSON_MS} ms`);
    console.log(
      `final report XLSX (render, ${Math.round(xlsxBytes / 1024)} KB):       ${fmt(times.xlsx)}  target < ${TARGET_XLSX_MS} ms`,
    );
    if (median(times.json) >= TARGET_JSON_MS) problems.push('JSON over its target');
    if (median(times.xlsx) >= TARGET_XLSX_MS) problems.push('XLSX over its target');
    if (problems.length) {
      console.error(`FAILED:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    } else console.log('OK');
  } finally {
    if (closeApp) await closeApp();
    await drop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
