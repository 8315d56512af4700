/**
 * Seeds the ranking benchmark's database with SQL (generate_series / unnest), not through the
 * API: one mini-grants competition about to close scoring, its commission, 10 000 screened-in
 * applications spread over every district and city in `territories`, one assignment and one
 * score per member per application, and a few conflicts of interest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type {
  Criterion,
  FundingRule,
  Rulebook,
  SelectionRule,
} from '../../../src/modules/competitions/domain/rulebook.types';
import { MINI_GRANTS_DISTRICT_TEMPLATE } from '../../../src/modules/competitions/domain/templates/mini-grants.template';
import { validateRulebook } from '../../../src/modules/competitions/domain/rulebook.validation';
import { weightedTotal } from '../../../src/modules/scoring/domain/score-rules';
import { parseTerritoryCsv } from '../../../src/modules/territories/domain/territory-csv';

export const SELECTION: SelectionRule = {
  winners: 500,
  oneWinnerPer: 'district',
  capsByRegion: true,
  useTotalFund: true,
  quorum: 9,
  tieBreak: 'criteria_then_submission',
};
export const FUNDING: FundingRule = { amountCap: 300_000, perRegionFund: 30_000_000, totalFund: 150_000_000 };

/** The template's five criteria plus a sixth on a half-point scale, so `step` is exercised. */
export const CRITERIA: Criterion[] = [
  ...MINI_GRANTS_DISTRICT_TEMPLATE.rulebook.criteria,
  {
    code: 'sustainability',
    label: { kk: 'Жобаның тұрақтылығы', ru: 'Устойчивость проекта' },
    weight: 1,
    maxPoints: 5,
    step: 0.5,
  },
];

export interface SeedOptions {
  applications: number;
  members: number;
  /** Declared conflicts: confirmed, the member's assignment deleted (the score row is left in place). */
  confirmedConflicts: number;
  /** Suggested and still pending: they block too, though the assignment stays. */
  pendingConflicts: number;
  /** Suggested and dismissed with a reason: they do not block, the score counts. */
  dismissedConflicts: number;
}

export interface Seeded {
  competitionId: string;
  memberIds: string[];
  rulebook: Rulebook;
  /** Applications that lost one counted score to a blocking conflict (expected count members − 1). */
  blockedApplicationIds: Set<string>;
  /** Applications with a dismissed conflict only (expected full count). */
  dismissedApplicationIds: Set<string>;
  territoryCodes: string[];
  seedMs: number;
}

/** mulberry32: a small seeded generator, so every run scores the same way. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function benchRulebook(territoryScope: string[]): Rulebook {
  const rulebook: Rulebook = {
    ...MINI_GRANTS_DISTRICT_TEMPLATE.rulebook,
    // Every region and republican city, so the applications' territories are all in scope.
    territory: { scope: territoryScope, level: 'district' },
    criteria: CRITERIA,
    selection: SELECTION,
    funding: FUNDING,
  };
  const problems = validateRulebook(rulebook);
  if (problems.length) throw new Error(`bench rulebook is invalid: ${JSON.stringify(problems)}`);
  return rulebook;
}

export async function seed(databaseUrl: string, o: SeedOptions): Promise<Seeded> {
  const started = performance.now();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Territories, as test/support/global-setup.ts loads them (one statement instead of a loop).
    const csv = readFileSync(join(__dirname, '../../../src/modules/territories/data/territories.csv'), 'utf8');
    const { rows: territories, problems } = parseTerritoryCsv(csv);
    if (problems.length) throw new Error(`territories.csv: ${problems.join('; ')}`);
    await client.query(
      `INSERT INTO territories (code, parent_code, kind, name_kk, name_ru)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[])`,
      [
        territories.map((t) => t.code),
        territories.map((t) => t.parentCode),
        territories.map((t) => t.kind),
        territories.map((t) => t.nameKk),
        territories.map((t) => t.nameRu),
      ],
    );
    const scope: string[] = (
      await client.query(`SELECT code FROM territories WHERE parent_code IS NULL ORDER BY code`)
    ).rows.map((r) => r.code);
    // Districts and cities under regions, plus the republican cities: the units of "one per district".
    const territoryCodes: string[] = (
      await client.query(
        `SELECT code FROM territories
          WHERE (kind IN ('district', 'city') AND parent_code IS NOT NULL) OR kind = 'city_republican'
          ORDER BY code`,
      )
    ).rows.map((r) => r.code);
    const rulebook = benchRulebook(scope);

    await client.query('BEGIN');
    const users = await client.query(
      `INSERT INTO users (email, password_hash, locale, email_verified_at, version)
       SELECT 'bench-' || i || '@grants.test', 'x', CASE WHEN i % 2 = 0 THEN 'kk' ELSE 'ru' END, now(), 1
         FROM generate_series(0, $1) AS i
       RETURNING id, email`,
      [o.members],
    );
    const byEmail = new Map<string, string>(users.rows.map((r) => [r.email, r.id]));
    const organizerId = byEmail.get('bench-0@grants.test')!;
    const memberIds = Array.from({ length: o.members }, (_, i) => byEmail.get(`bench-${i + 1}@grants.test`)!);

    const competition = await client.query(
      `INSERT INTO competitions (template_code, title_kk, title_ru, status, rulebook, number_prefix, created_by, version,
                                 submission_deadline, opened_at, closed_at)
       VALUES ('mini-grants-district', 'Шағын гранттар (бенчмарк)', 'Мини-гранты (бенчмарк)', 'scoring', $1, 'MG', $2, 5,
               '2026-03-01T18:00:00Z', '2026-02-01T04:00:00Z', '2026-03-01T18:00:00Z')
       RETURNING id`,
      [JSON.stringify(rulebook), organizerId],
    );
    const competitionId: string = competition.rows[0].id;
    await client.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status)
       SELECT $1, u, CASE WHEN u = $2 THEN 'organizer' ELSE 'commission' END, 'active' FROM unnest($3::uuid[]) AS u`,
      [competitionId, organizerId, [organizerId, ...memberIds]],
    );

    // 10 000 screened-in applications, all scored, just before the close; every third submission shares its instant with its
    // neighbours, so some ties go down to the journal number.
    await client.query(`SELECT setseed(0.2026)`);
    await client.query(
      `INSERT INTO applications (competition_id, applicant_user_id, applicant_kind, status, number, sequence_no, title,
                                 territory_code, amount_requested, submitted_at, version)
       SELECT $1, gen_random_uuid(), CASE WHEN i % 2 = 0 THEN 'ngo' ELSE 'initiative_group' END, 'screened_in',
              'MG-2026-' || lpad(i::text, 5, '0'), i, 'Жоба ' || i,
              ($2::varchar[])[1 + (i * 7) % cardinality($2::varchar[])],
              100000 + 1000 * floor(random() * 201)::int,
              timestamptz '2026-02-01T04:00:00Z' + (i / 3) * interval '3 minutes', 3
         FROM generate_series(1, $3) AS i`,
      [competitionId, territoryCodes, o.applications],
    );
    const apps: string[] = (
      await client.query(`SELECT id FROM applications WHERE competition_id = $1 ORDER BY sequence_no`, [competitionId])
    ).rows.map((r) => r.id);

    await client.query(
      `INSERT INTO commission_assignments (application_id, member_id, competition_id)
       SELECT a.id, m, $1 FROM applications a CROSS JOIN unnest($2::uuid[]) AS m WHERE a.competition_id = $1`,
      [competitionId, memberIds],
    );

    // Scores: each application has a quality, each member a bias (harsh or lenient), each
    // criterion some noise; points land on the criterion's step. Totals by the domain's own
    // weightedTotal, inserted with unnest in batches of 10 000.
    const random = prng(20260401);
    const bias = memberIds.map(() => (random() - 0.5) * 0.2);
    const batch = {
      app: [] as string[],
      member: [] as string[],
      total: [] as number[],
      points: [] as string[],
      scores: [] as string[],
    };
    const flush = async () => {
      if (!batch.app.length) return;
      await client.query(
        `INSERT INTO commission_scores (application_id, member_id, competition_id, scores, total, criterion_points, version)
         SELECT a, m, $1, s::jsonb, t, p::float8[], 1
           FROM unnest($2::uuid[], $3::uuid[], $4::float8[], $5::text[], $6::text[]) AS x(a, m, t, p, s)`,
        [competitionId, batch.app, batch.member, batch.total, batch.points, batch.scores],
      );
      for (const list of Object.values(batch)) list.length = 0;
    };
    for (const appId of apps) {
      const quality = 0.3 + random() * 0.65;
      for (let m = 0; m < memberIds.length; m++) {
        const scores = CRITERIA.map((c) => {
          const share = Math.min(1, Math.max(0, quality + bias[m] + (random() - 0.5) * 0.3));
          return { criterion: c.code, points: Math.round((share * c.maxPoints) / c.step) * c.step };
        });
        batch.app.push(appId);
        batch.member.push(memberIds[m]);
        batch.total.push(weightedTotal(CRITERIA, scores));
        batch.points.push(`{${scores.map((s) => s.points).join(',')}}`);
        batch.scores.push(JSON.stringify(scores));
        if (batch.app.length >= 10_000) await flush();
      }
    }
    await flush();

    // Conflicts on distinct applications, members in rotation.
    const blockedApplicationIds = new Set<string>();
    const dismissedApplicationIds = new Set<string>();
    const conflict = async (appIndex: number, member: string, source: string, status: string) => {
      await client.query(
        `INSERT INTO commission_conflicts (application_id, member_id, competition_id, source, status, reason)
         VALUES ($1, $2, $3, $4, $5, 'bench')`,
        [apps[appIndex], member, competitionId, source, status],
      );
    };
    for (let i = 0; i < o.confirmedConflicts; i++) {
      const app = 100 + i * 37;
      const member = memberIds[i % memberIds.length];
      await conflict(app, member, 'declared', 'confirmed');
      // As CommissionService.declareConflict does; the score row stays so the query has to exclude it.
      await client.query(`DELETE FROM commission_assignments WHERE application_id = $1 AND member_id = $2`, [
        apps[app],
        member,
      ]);
      blockedApplicationIds.add(apps[app]);
    }
    for (let i = 0; i < o.pendingConflicts; i++) {
      const app = 5000 + i * 41;
      await conflict(app, memberIds[(i + 3) % memberIds.length], 'suggested', 'pending');
      blockedApplicationIds.add(apps[app]);
    }
    for (let i = 0; i < o.dismissedConflicts; i++) {
      const app = 8000 + i * 43;
      await conflict(app, memberIds[(i + 5) % memberIds.length], 'suggested', 'dismissed');
      dismissedApplicationIds.add(apps[app]);
    }
    await client.query('COMMIT');
    // What autovacuum would have done long before anyone closes scoring.
    await client.query(
      `VACUUM ANALYZE territories, applications, commission_assignments, commission_scores, commission_conflicts`,
    );
    return {
      competitionId,
      memberIds,
      rulebook,
      blockedApplicationIds,
      dismissedApplicationIds,
      territoryCodes,
      seedMs: performance.now() - started,
    };
  } finally {
    await client.end();
  }
}
