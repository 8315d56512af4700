/**
 * `npm run cli -- demo` tells the story: besides the open competitions, a mini-grants
 * competition with published results and its protocol, and a youth micro-projects competition
 * with a finished draw. The loader runs here exactly as the CLI runs it (CliModule, its own
 * clock moved day by day), against the run's database; what it made is then read as a visitor
 * would, over HTTP from the API with no token.
 */
import { Test, TestingModule } from '@nestjs/testing';
import { verifyDrawRecord } from '../../libs/lottery';
import { CliModule } from '../../src/cli/cli.module';
import { DemoDataService } from '../../src/cli/demo-data.service';
import { Clock } from '../../src/common/clock/clock';
import { readDocx } from '../support/docx-reader';
import { FakeClock } from '../support/fake-clock';
import { createTestApp, TestApp } from '../support/test-app';

const COUNTED = [
  'users',
  'persons',
  'organizations',
  'competitions',
  'competition_memberships',
  'applications',
  'application_members',
  'attachments',
  'commission_scores',
  'ranking_entries',
  'selection_results',
  'draws',
  'protocol_meetings',
  'screening_checklists',
  'commission_assignments',
  'audit_log',
  'notification_outbox',
];

describe('the demo data tells the story', () => {
  let t: TestApp;
  let cli: TestingModule;
  const demoClock = new FakeClock();
  let results: { competitionId: string };
  let draw: { competitionId: string };
  let scoring: { competitionId: string };

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of COUNTED)
      out[table] = Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
    return out;
  }

  beforeAll(async () => {
    t = await createTestApp();
    cli = await Test.createTestingModule({ imports: [CliModule] })
      .overrideProvider(Clock)
      .useValue(demoClock)
      .compile();
    await cli.init();
    const demo = cli.get(DemoDataService);
    await demo.load(demoClock);
    results = demo.stories.find((s) => s.key === 'results')!;
    draw = demo.stories.find((s) => s.key === 'draw')!;
    scoring = demo.stories.find((s) => s.key === 'scoring')!;
  }, 180_000);

  afterAll(async () => {
    await cli?.close();
    await t?.close();
  });

  it('loads the three story competitions, and leaves the clock on real time', () => {
    expect(results).toMatchObject({ created: true });
    expect(draw).toMatchObject({ created: true });
    expect(scoring).toMatchObject({ created: true });
    expect(Math.abs(demoClock.now().getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('the mini-grants results are public: a ranking of the screened-in applications over several districts', async () => {
    const competition = await t.call('GET', `/competitions/${results.competitionId}`);
    expect(competition.status).toBe(200);
    expect(competition.body.status).toBe('results');
    const ranking = await t.call('GET', `/competitions/${results.competitionId}/ranking`);
    expect(ranking.status).toBe(200);
    const rows: { rank: number; count: number; mean: number; districtCode: string | null }[] = ranking.body;
    expect(rows).toHaveLength(7); // 8 applied, one screened out
    expect(rows.every((r) => r.count === 3)).toBe(true); // every member scored every application
    expect(new Set(rows.map((r) => r.mean)).size).toBeGreaterThan(4);
    expect(new Set(rows.map((r) => r.districtCode)).size).toBeGreaterThanOrEqual(4);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it.each([
    ['kk', ['ХАТТАМА', 'Бағалаушыева Әлия', 'Сарапшыев Данияр', 'Қаржы сарапшысы', 'Талдықорған']],
    ['ru', ['ПРОТОКОЛ', 'Бағалаушыева Әлия', 'Сарапшыев Данияр', 'Қаржы сарапшысы', 'Талдықорған']],
  ])(
    'anyone downloads the protocol in %s: the commission by name and position, the meeting, no e-mail',
    async (lang, words) => {
      const res = await t.call('GET', `/competitions/${results.competitionId}/protocol.docx?lang=${lang}`);
      expect(res.status).toBe(200);
      const text = (await readDocx(res.raw)).paragraphs.join('\n');
      for (const word of words) expect(text.toUpperCase()).toContain(word.toUpperCase());
      // The meeting the secretary recorded, and the decisions naming each group's leader.
      expect(text).toMatch(/№\s1\b/);
      expect(text).toMatch(/Бекмұратова Әсел/);
      expect(text).not.toMatch(/@/);
      expect(text).not.toMatch(/\+7/);
    },
  );

  it('the youth micro-projects draw record is public and verifies, with teams in several regions', async () => {
    const res = await t.call('GET', `/public/draws/${draw.competitionId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'drawn', publicEntropy: expect.any(String) });
    expect(verifyDrawRecord(res.body)).toEqual({ ok: true });
    const strata = new Set(res.body.pool.map((e: { stratum: string }) => e.stratum));
    expect(strata.size).toBeGreaterThanOrEqual(3);
    expect(res.body.assignments).toHaveLength(res.body.pool.length);
  });

  it('leaves one competition in the middle of scoring: expert@demo.kz has all six still to score, others have scored', async () => {
    const progress: { member_email: string; n: number }[] = await t.db.query(
      `SELECT u.email AS member_email, count(s.application_id)::int AS n
         FROM commission_assignments a
         JOIN users u ON u.id = a.member_id
         LEFT JOIN commission_scores s ON s.application_id = a.application_id AND s.member_id = a.member_id
         JOIN applications ap ON ap.id = a.application_id
        WHERE ap.competition_id = $1
        GROUP BY u.email ORDER BY u.email`,
      [scoring.competitionId],
    );
    expect(Object.fromEntries(progress.map((p) => [p.member_email, p.n]))).toEqual({
      'expert@demo.kz': 0,
      'expert2@demo.kz': 2,
      'expert3@demo.kz': 6,
    });
    const competition = await t.call('GET', `/competitions/${scoring.competitionId}`);
    expect(competition.body.status).toBe('scoring');
  });

  it('running the loader again changes no counts', async () => {
    const before = await counts();
    const demo = cli.get(DemoDataService);
    await demo.load(demoClock);
    expect(demo.stories.map((s) => s.created)).toEqual([false, false, false]);
    expect(await counts()).toEqual(before);
  }, 120_000);
});
