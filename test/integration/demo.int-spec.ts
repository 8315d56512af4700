/**
 * `npm run cli -- demo` tells the story: besides the open competitions, a mini-grants
 * competition with published results, its protocol and its contracts, a youth micro-projects
 * competition with a finished draw and what follows it (contracts, stipends, mentors, training),
 * one half-way through scoring, and «Сәтті қадам» and volunteer awards with their prizes. The
 * loader runs here exactly as the CLI runs it (CliModule, its own clock moved day by day),
 * against the run's database; what it made is then read as its users would: a visitor, the
 * organizer, a winner and a mentor, over the API and the pages.
 */
import { Test, TestingModule } from '@nestjs/testing';
import { verifyDrawRecord } from '../../libs/lottery';
import { CliModule } from '../../src/cli/cli.module';
import { DEMO_PASSWORD, DemoDataService } from '../../src/cli/demo-data.service';
import { Clock } from '../../src/common/clock/clock';
import { readDocx } from '../support/docx-reader';
import { FakeClock } from '../support/fake-clock';
import { PageClient, textOf } from '../support/page-client';
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
  'awards',
  'contracts',
  'contract_revisions',
  'contract_payments',
  'competition_invitations',
  'mentor_assignments',
  'mentor_meetings',
  'training_sessions',
  'training_attendance',
  'reports',
  'report_versions',
  'report_reviews',
  'report_attachments',
  'report_participants',
  'report_beneficiaries',
  'survey_batches',
  'survey_links',
  'survey_answers',
];

describe('the demo data tells the story', () => {
  let t: TestApp;
  let cli: TestingModule;
  const demoClock = new FakeClock();
  let results: { competitionId: string };
  let draw: { competitionId: string };
  let scoring: { competitionId: string };
  let shortTerm: { competitionId: string };
  let volunteers: { competitionId: string };
  const tokens = new Map<string, string>();

  /** A demo account's API token (password sign-in, as the person would). */
  async function tokenOf(email: string): Promise<string> {
    if (!tokens.has(email)) {
      const login = await t.call('POST', '/auth/login', { body: { email, password: DEMO_PASSWORD } });
      expect(login.status).toBe(200);
      tokens.set(email, login.body.accessToken);
    }
    return tokens.get(email)!;
  }

  let ip = 1;
  /** A browser signed in as a demo account (or a visitor), in `lang`. */
  async function browserOf(email: string | null, lang: 'kk' | 'ru' = 'kk'): Promise<PageClient> {
    const b = new PageClient(t, `10.47.0.${ip++}`);
    await b.get(`/language/${lang}?next=/sign-in`);
    if (!email) return b;
    await b.get('/sign-in');
    const res = await b.post('/sign-in', { email, password: DEMO_PASSWORD, next: '/' });
    expect(res.status).toBe(303);
    return b;
  }

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
    shortTerm = demo.stories.find((s) => s.key === 'short-term')!;
    volunteers = demo.stories.find((s) => s.key === 'volunteers')!;
  }, 240_000);

  afterAll(async () => {
    await cli?.close();
    await t?.close();
  });

  it('loads the five story competitions, and leaves the clock on real time', () => {
    expect(results).toMatchObject({ created: true });
    expect(draw).toMatchObject({ created: true });
    expect(scoring).toMatchObject({ created: true });
    expect(shortTerm).toMatchObject({ created: true });
    expect(volunteers).toMatchObject({ created: true });
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

  it('«Сәтті қадам»: 3 winners with their prizes by place, the first handed over; 3 contracts, the first sent', async () => {
    const organizer = await tokenOf('organizer@demo.kz');
    const awards = await t.call('GET', `/competitions/${shortTerm.competitionId}/awards`, { token: organizer });
    expect(awards.status).toBe(200);
    const winners: { applicationId: string; award: { place: number; amount: number; status: string } | null }[] =
      awards.body.winners;
    expect(winners.map((w) => w.award?.place)).toEqual([1, 2, 3]);
    expect(winners.map((w) => w.award?.status)).toEqual(['handed_over', 'recorded', 'recorded']);
    const contracts = await t.call('GET', `/competitions/${shortTerm.competitionId}/contracts`, { token: organizer });
    const byApplication = new Map(
      (contracts.body as { applicationId: string; status: string; amount: number }[]).map((c) => [c.applicationId, c]),
    );
    expect(byApplication.size).toBe(3);
    expect(winners.map((w) => byApplication.get(w.applicationId)?.status)).toEqual(['sent', 'draft', 'draft']);
    // The prize is the contract's sum.
    for (const w of winners) expect(w.award!.amount).toBe(byApplication.get(w.applicationId)!.amount);
    expect(Math.min(...winners.map((w) => w.award!.amount))).toBeGreaterThan(0);

    // Anyone reads the winners with their prizes, and no phone number.
    const page = await (await browserOf(null, 'ru')).get(`/competitions/${shortTerm.competitionId}/winners`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Призовые средства на реализацию проекта');
    expect(text).not.toMatch(/\+7/);
  });

  it('volunteer awards: one winner in each of 4 nominations, each with a prize, the public list names the nominations', async () => {
    const organizer = await tokenOf('organizer@demo.kz');
    const awards = await t.call('GET', `/competitions/${volunteers.competitionId}/awards`, { token: organizer });
    const winners: { nomination: string; award: { nomination: string; status: string } | null }[] = awards.body.winners;
    expect(new Set(winners.map((w) => w.award?.nomination)).size).toBe(4);
    expect(winners.every((w) => w.award && w.award.nomination === w.nomination)).toBe(true);
    expect(winners.filter((w) => w.award!.status === 'handed_over')).toHaveLength(1);
    const page = await (await browserOf(null, 'kk')).get(`/competitions/${volunteers.competitionId}/winners`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    for (const label of ['Жыл волонтері', 'Үздік жас волонтер', 'Әлеуметтік волонтерлік', 'Экологиялық волонтерлік'])
      expect(text).toContain(label);
    expect(text).toContain('Төсбелгі, диплом және ақшалай сыйлық');
  });

  it('mini-grants: a contract for every winner — a draft, sent, signed by the grantee, one in force, one reported and paid in full', async () => {
    const organizer = await tokenOf('organizer@demo.kz');
    const contracts = await t.call('GET', `/competitions/${results.competitionId}/contracts`, { token: organizer });
    const list: { id: string; applicationId: string; status: string; signedCopy: boolean }[] = contracts.body;
    expect(list.map((c) => c.status).sort()).toEqual(['active', 'completed', 'draft', 'sent', 'signed_by_grantee']);
    expect(list.filter((c) => c.signedCopy)).toHaveLength(3);
    const paid: number[] = [];
    for (const c of list.filter((x) => x.status === 'active' || x.status === 'completed')) {
      const schedule = await t.call('GET', `/contracts/${c.id}/payments`, { token: organizer });
      expect(schedule.status).toBe(200);
      paid.push(schedule.body.totals.paid);
    }
    expect(paid.filter((p) => p > 0)).toHaveLength(1);

    // The winner whose contract is in force finds it from /me: the application, the contract, its payments.
    const active = list.find((c) => c.status === 'active')!;
    const [{ email }]: { email: string }[] = await t.db.query(
      `SELECT u.email FROM applications a JOIN users u ON u.id = a.applicant_user_id WHERE a.id = $1`,
      [active.applicationId],
    );
    const winner = await browserOf(email, 'kk');
    const me = await winner.get('/me');
    expect(me.status).toBe(200);
    expect(me.html).toContain(active.applicationId);
    const contract = await t.call('GET', `/contracts/${active.id}`, { token: await tokenOf(email) });
    expect(contract.body).toMatchObject({ role: 'grantee', status: 'active', signedCopy: { kind: 'pdf' } });
  });

  it("youth micro-projects after the draw: contracts for arms A and B with the host organization's overhead, stipends, mentors, training", async () => {
    const organizer = await tokenOf('organizer@demo.kz');
    const id = draw.competitionId;
    const arms: { id: string; arm: string; applicant_kind: string }[] = await t.db.query(
      `SELECT id, arm, applicant_kind FROM applications WHERE competition_id = $1 AND arm IS NOT NULL`,
      [id],
    );
    const armOf = new Map(arms.map((a) => [a.id, a]));
    const contracts = await t.call('GET', `/competitions/${id}/contracts`, { token: organizer });
    const list: { id: string; applicationId: string; status: string }[] = contracts.body;
    expect(list.map((c) => armOf.get(c.applicationId)!.arm).sort()).toEqual(['A', 'A', 'A', 'B', 'B', 'B']);
    expect(list.filter((c) => armOf.get(c.applicationId)!.arm === 'A').every((c) => c.status === 'active')).toBe(true);
    // Pavlodar's three teams came through a host organization: one in each arm, so two have contracts with 15% on top.
    const hosted = list.filter((c) => armOf.get(c.applicationId)!.applicant_kind === 'host_organization');
    expect(hosted).toHaveLength(2);
    for (const c of hosted) {
      const view = await t.call('GET', `/contracts/${c.id}`, { token: organizer });
      expect(view.body.content.amounts).toMatchObject({ overheadPercent: 15, overheadMode: 'on_top' });
      expect(view.body.content.amounts.overhead).toBeGreaterThan(0);
    }

    // The stipends register of the project's first month has sums for every stated member of arms A and B.
    const probe = await t.call('GET', `/competitions/${id}/stipends?month=2000-01`, { token: organizer });
    const first = probe.body.period.first;
    const register = await t.call('GET', `/competitions/${id}/stipends?month=${first}`, { token: organizer });
    expect(register.status).toBe(200);
    expect(register.body.total.amount).toBeGreaterThan(0);
    expect(register.body.byArm.map((a: { arm: string }) => a.arm).sort()).toEqual(['A', 'B']);
    // Students and school leavers 26 000 ₸, graduates 61 000 ₸ (the rest, 'other', are not on it).
    expect(new Set(register.body.rows.map((r: { amount: number }) => r.amount))).toEqual(new Set([26_000, 61_000]));
    expect(register.body.unstated).toEqual([]);

    // Two mentors with one arm A and one arm C team each; one team behind this month.
    const mentors = await t.call('GET', `/competitions/${id}/mentors`, { token: organizer });
    const teams: { mentor: { email: string } | null; behind: boolean; arm: string }[] = mentors.body.teams;
    const mentored = teams.filter((x) => x.mentor);
    expect(mentored.map((x) => `${x.mentor!.email}:${x.arm}`).sort()).toEqual([
      'mentor2@demo.kz:A',
      'mentor2@demo.kz:C',
      'mentor@demo.kz:A',
      'mentor@demo.kz:C',
    ]);
    expect(mentored.filter((x) => x.behind)).toHaveLength(1);
    const mine = await t.call('GET', '/me/mentor-teams', { token: await tokenOf('mentor@demo.kz') });
    expect(mine.body).toHaveLength(2);
    const mentorPage = await (await browserOf('mentor@demo.kz', 'ru')).get('/mentor');
    expect(mentorPage.status).toBe(200);

    // Anyone reads the arms' compliance: grants received in A (a tranche paid), training and mentors counted.
    const compliance = await t.call('GET', `/competitions/${id}/arms-compliance`);
    expect(compliance.status).toBe(200);
    expect(compliance.body.rules.training.sessionsHeld).toBe(2);
    const a = compliance.body.arms.find((x: { arm: string }) => x.arm === 'A');
    expect(a.grant.received).toBe(3);
    // One team came to no training session: not every trained team received it.
    const trained = compliance.body.arms.filter((x: { training: { entitled: boolean } }) => x.training.entitled);
    const received = trained.reduce((n: number, x: { training: { received: number } }) => n + x.training.received, 0);
    expect(received).toBe(trained.reduce((n: number, x: { applications: number }) => n + x.applications, 0) - 1);
    expect(
      a.mentor.received + compliance.body.arms.find((x: { arm: string }) => x.arm === 'C').mentor.received,
    ).toBeGreaterThan(0);
  });

  it('mini-grants reports: a winner reports in full — the financial report returned once — the tranche paid, the project completed; another is overdue', async () => {
    const organizer = await tokenOf('organizer@demo.kz');
    const list: { id: string; applicationId: string; status: string }[] = (
      await t.call('GET', `/competitions/${results.competitionId}/contracts`, { token: organizer })
    ).body;
    const completed = list.find((c) => c.status === 'completed')!;
    const [{ email }]: { email: string }[] = await t.db.query(
      `SELECT u.email FROM applications a JOIN users u ON u.id = a.applicant_user_id WHERE a.id = $1`,
      [completed.applicationId],
    );
    const winner = await tokenOf(email);
    const reports = await t.call('GET', `/contracts/${completed.id}/reports`, { token: winner });
    expect(reports.status).toBe(200);
    const summaries: { id: string; stage: string; kind: string; status: string; submissions: number }[] = reports.body;
    expect(summaries.map((r) => `${r.stage}:${r.kind}:${r.status}:${r.submissions}`).sort()).toEqual([
      'final:financial:accepted:2',
      'final:programmatic:accepted:1',
      'interim:financial:accepted:1',
      'interim:programmatic:accepted:1',
    ]);
    // The returned version carries the organizer's comment on the receipts, answered beside it in the next.
    const financial = summaries.find((r) => r.stage === 'final' && r.kind === 'financial')!;
    const view = (await t.call('GET', `/reports/${financial.id}`, { token: winner })).body;
    expect(view.versions.map((v: { decision: string | null }) => v.decision)).toEqual(['returned', 'accepted']);
    expect(view.reviews[0].sections).toEqual([
      expect.objectContaining({
        section: 'receipts',
        comment: expect.stringContaining('чек'),
        answer: expect.any(String),
      }),
    ]);
    expect(view.attachments.filter((a: { kind: string }) => a.kind === 'receipt')).toHaveLength(
      view.financial.rows.length,
    );
    const first = await t.call('GET', `/reports/${financial.id}/versions/1`, { token: organizer });
    expect(first.body.snapshot.attachments.length).toBeLessThan(view.attachments.length);

    // Both tranches paid (the second released by the final reports); the application completed.
    const schedule = (await t.call('GET', `/contracts/${completed.id}/payments`, { token: organizer })).body;
    expect(schedule.tranches.map((x: { status: string }) => x.status)).toEqual(['paid', 'paid']);
    expect(schedule.totals.remaining).toBe(0);
    expect(schedule.totals.paid).toBe(schedule.totals.planned);
    const [{ status }]: { status: string }[] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [
      completed.applicationId,
    ]);
    expect(status).toBe('completed');

    // The other contract in force: its interim reports are drafts past the due date the organizer moved.
    const overdue = await t.call('GET', `/competitions/${results.competitionId}/reports/overdue`, { token: organizer });
    expect(overdue.status).toBe(200);
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(
      overdue.body.items.every((r: { status: string; overdue: boolean }) => r.status === 'draft' && r.overdue),
    ).toBe(true);
  });

  it('mini-grants survey and final report: answers counted with the satisfied share, participants adding up', async () => {
    const organizer = await tokenOf('organizer@demo.kz');
    const survey = await t.call('GET', `/competitions/${results.competitionId}/survey`, { token: organizer });
    expect(survey.status).toBe(200);
    expect(survey.body).toMatchObject({ links: 11, answers: 10, satisfied: 8, satisfiedShare: 0.8, meetsTarget: true });
    const texts = survey.body.questions.filter((q: { type: string }) => q.type === 'text');
    expect(texts.flatMap((q: { texts: string[] }) => q.texts).length).toBeGreaterThan(0);

    const report = await t.call('GET', `/competitions/${results.competitionId}/final-report`, { token: organizer });
    expect(report.status).toBe(200);
    const p = report.body.participants as {
      total: number;
      byGender: Record<string, number>;
      byCategory: Record<string, number>;
      byAgeBand: Record<string, number>;
    };
    const sum = (x: Record<string, number>) => Object.values(x).reduce((a, b) => a + b, 0);
    expect(p.total).toBe(12 + 14); // the named list and the counted schoolchildren
    expect(sum(p.byGender)).toBe(p.total);
    expect(sum(p.byCategory)).toBe(p.total);
    expect(sum(p.byAgeBand)).toBe(p.total);
    expect(p.byGender.female).toBeGreaterThan(0);
    expect(p.byGender.male).toBeGreaterThan(0);
    expect(Object.values(p.byCategory).filter((n) => n > 0).length).toBeGreaterThan(4);
    expect(report.body.beneficiaries).toEqual({ direct: 26, indirect: 350 });
    expect(report.body.satisfaction).toEqual({ answers: 10, satisfied: 8, satisfiedShare: 0.8 });

    // A participant's link that nobody used still opens the survey, unanswered.
    const batches = await t.call(
      'GET',
      `/contracts/${report.body.grants.find((g: { status: string }) => g.status === 'completed').contractId}/survey-links`,
      { token: organizer },
    );
    const links: { url: string }[] = batches.body.flatMap((b: { links: { url: string }[] }) => b.links);
    const answered = await Promise.all(
      links.map(
        async (l) => (await t.call('GET', `/public/surveys/${new URL(l.url).pathname.split('/').pop()}`)).body.answered,
      ),
    );
    expect(answered.filter((a) => !a)).toHaveLength(1);
  });

  it("the organizer's pages after the decision open with the demo data", async () => {
    const organizer = await browserOf('organizer@demo.kz', 'kk');
    for (const path of [
      `/organizer/competitions/${results.competitionId}/contracts`,
      `/organizer/competitions/${shortTerm.competitionId}/awards`,
      `/organizer/competitions/${volunteers.competitionId}/awards`,
      `/organizer/competitions/${draw.competitionId}/stipends`,
      `/organizer/competitions/${draw.competitionId}/mentors`,
      `/organizer/competitions/${draw.competitionId}/training`,
      `/organizer/competitions/${results.competitionId}/reports`,
      `/organizer/competitions/${results.competitionId}/survey`,
      `/organizer/competitions/${results.competitionId}/final-report`,
    ]) {
      const page = await organizer.get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
    }
  });

  it('running the loader again changes no counts', async () => {
    const before = await counts();
    const demo = cli.get(DemoDataService);
    await demo.load(demoClock);
    expect(demo.stories.map((s) => s.created)).toEqual([false, false, false, false, false]);
    expect(await counts()).toEqual(before);
  }, 120_000);
});
