import { makeAdmin, signUp, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { openCompetition } from '../support/competitions';
import { CAN_PRINT, pdfText, squeeze, toPdf } from '../support/document-text';
import { prepareDraw, runDraw, shortlistedYouthCompetition } from '../support/draws';
import { readRegister, StipendFixture, stipendCompetition } from '../support/stipends';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);
const DAY = 24 * 3600 * 1000;

describe('social stipends: the monthly register (GET /competitions/:id/stipends[.xlsx])', () => {
  let t: TestApp;
  let f: StipendFixture;
  let stranger: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    f = await stipendCompetition(t, 'stipends-api');
    // Another competition's organizer: an admin creates one (and organizes it), then is an admin no more.
    const admin = await makeAdmin(t, await signUp(t, 'stipends-stranger'));
    await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    await t.db.query('UPDATE users SET is_admin = false WHERE id = $1', [admin.userId]);
    const login = await t.call('POST', '/auth/login', { body: { email: admin.email, password: TEST_PASSWORD } });
    stranger = { ...admin, accessToken: login.body.accessToken };
  });
  afterAll(async () => {
    await t.close();
  });

  const json = (month: string, token = f.organizer.accessToken, lang: 'kk' | 'ru' = 'kk') =>
    t.call('GET', `/competitions/${f.competition.id}/stipends?month=${encodeURIComponent(month)}`, { token, lang });
  const xlsx = (month: string, lang: 'kk' | 'ru', token = f.organizer.accessToken) =>
    t.call('GET', `/competitions/${f.competition.id}/stipends.xlsx?month=${month}&lang=${lang}`, { token });

  it('pays the members of arm A and B teams by education status, in the first month of the project', async () => {
    const res = await json('2026-07');
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      month: '2026-07',
      withinProject: true,
      period: { first: '2026-07', last: '2026-09', months: ['2026-07', '2026-08', '2026-09'] },
      rates: { schoolLeaverAndStudents: 26_000, graduates: 61_000 },
      total: { people: 7, amount: 287_000 },
    });
    const [team1, team2, , , team5] = f.applications;
    const byIin = new Map(r.rows.map((row: any) => [row.iin, row]));
    // Team 1 (arm A): the leader's status comes from their own profile; «other» earns nothing.
    expect(byIin.get(team1.members[0].iin)).toMatchObject({
      number: team1.number,
      arm: 'A',
      regionCode: 'ALM',
      educationStatus: 'university_graduate',
      amount: 61_000,
    });
    expect(byIin.get(team1.members[1].iin)).toMatchObject({ educationStatus: 'school_leaver', amount: 26_000 });
    expect(byIin.has(team1.members[2].iin)).toBe(false);
    expect(byIin.get(team2.members[0].iin)).toMatchObject({ arm: 'B', amount: 26_000 });
    expect(byIin.get(team2.members[1].iin)).toMatchObject({ amount: 61_000, educationStatus: 'college_graduate' });
    expect(r.unstated).toEqual([
      {
        applicationId: team2.id,
        number: team2.number,
        fullName: `${team2.members[2].lastName} ${team2.members[2].firstName}`,
      },
    ]);
    expect(r.rows.filter((row: any) => row.applicationId === team5.id).map((row: any) => row.amount)).toEqual([
      26_000, 26_000, 61_000,
    ]);
    // Arm C (no grant) and a terminated team are not in the register.
    const numbers = new Set(r.rows.map((row: any) => row.number));
    expect(numbers).toEqual(new Set([team1.number, team2.number, team5.number]));
    expect(r.byArm).toEqual([
      { arm: 'A', people: 2, amount: 87_000 },
      { arm: 'B', people: 5, amount: 200_000 },
    ]);
    expect(r.byRegion.map((g: any) => [g.code, g.people, g.amount])).toEqual(
      expect.arrayContaining([
        ['ALM', 4, 174_000],
        ['TUR', 3, 113_000],
      ]),
    );
    expect(r.byRegion).toHaveLength(2);
  });

  it('a one-month project is paid in its month only; the last month of the period still pays the rest', async () => {
    for (const month of ['2026-08', '2026-09']) {
      const r = (await json(month)).body;
      expect(r.total).toEqual({ people: 4, amount: 174_000 });
      expect(r.byArm).toEqual([
        { arm: 'A', people: 2, amount: 87_000 },
        { arm: 'B', people: 2, amount: 87_000 },
      ]);
    }
  });

  it('a month outside the project: an empty register that says so, in JSON and in the XLSX', async () => {
    for (const month of ['2026-06', '2026-10', '2031-01']) {
      const r = (await json(month)).body;
      expect(r).toMatchObject({ withinProject: false, rows: [], total: { people: 0, amount: 0 }, byArm: [] });
    }
    const kk = await readRegister((await xlsx('2026-10', 'kk')).raw);
    expect(kk.rows).toEqual([]);
    expect(kk.firstColumn).toContain('Бұл ай жоба кезеңіне кірмейді: тізілім бос.');
    const ru = await readRegister((await xlsx('2026-10', 'ru')).raw);
    expect(ru.firstColumn).toContain('Этот месяц не входит в период проекта: реестр пуст.');
    expect(ru.totalRow?.[8]).toBe(0);
  });

  it('the XLSX lists every paid participant with the education status in words, totals per arm and region, and the total', async () => {
    for (const lang of ['kk', 'ru'] as const) {
      const res = await xlsx('2026-07', lang);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(`stipends-2026-07-${lang}.xlsx`);
      expect(res.headers['cache-control']).toBe('private, no-store'); // names and IINs: never kept by a proxy
      const sheet = await readRegister(res.raw);
      expect(sheet.header).toEqual(
        lang === 'kk'
          ? ['№', 'Өтінім нөмірі', 'Жоба (топ)', 'Тобы', 'Өңір', 'Аты-жөні', 'ЖСН', 'Білімі', 'Сомасы, ₸']
          : ['№', 'Номер заявки', 'Проект (группа)', 'Группа', 'Регион', 'ФИО', 'ИИН', 'Образование', 'Сумма, ₸'],
      );
      expect(sheet.rows).toHaveLength(7);
      expect(sheet.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const team1 = f.applications[0];
      const leader = sheet.rows.find((r) => r[6] === team1.members[0].iin)!;
      expect(leader).toEqual([
        expect.any(Number),
        team1.number,
        'Ауылдағы жастар алаңы',
        'A',
        lang === 'kk' ? 'Алматы облысы' : 'Алматинская область',
        `${team1.members[0].lastName} ${team1.members[0].firstName}`,
        team1.members[0].iin,
        lang === 'kk' ? 'Жоғары оқу орнының түлегі' : 'Выпускник вуза',
        61_000,
      ]);
      expect(sheet.rows.reduce((sum, r) => sum + Number(r[8]), 0)).toBe(287_000);
      expect(sheet.totalRow?.[5]).toBe(7);
      expect(sheet.totalRow?.[8]).toBe(287_000);
      expect(sheet.sheet.getCell(`I${sheet.lines.indexOf(sheet.totalRow!) + 1}`).formula).toMatch(/^SUM\(I\d+:I\d+\)$/);
      const summary = (label: string) => sheet.lines.find((l) => l[0] === label);
      if (lang === 'kk') {
        expect(summary('A тобы')?.[5]).toBe(2);
        expect(summary('A тобы')?.[8]).toBe(87_000);
        expect(summary('B тобы')?.[8]).toBe(200_000);
        expect(summary('Алматы облысы')?.[8]).toBe(174_000);
        expect(summary('Түркістан облысы')?.[8]).toBe(113_000);
        expect(sheet.firstColumn).toContain('Әлеуметтік стипендиялар тізілімі: 2026 ж. шілде');
        expect(sheet.firstColumn).toContain('Білімі көрсетілмеген қатысушылар (стипендия есептелмеді): 1');
      } else {
        expect(summary('Группа A')?.[8]).toBe(87_000);
        expect(summary('Группа B')?.[5]).toBe(5);
        expect(summary('Алматинская область')?.[5]).toBe(4);
        expect(sheet.firstColumn).toContain('Реестр социальных стипендий за июль 2026 г.');
      }
      if (CAN_PRINT) {
        const printed = squeeze(pdfText(toPdf(res.raw, 'xlsx')));
        expect(printed).toContain(lang === 'kk' ? 'Бас есепші' : 'Главный бухгалтер');
        expect(printed).toContain(team1.members[0].iin);
      }
    }
  });

  it('refuses a month that is not YYYY-MM with 400 in the caller’s language, and a missing month', async () => {
    for (const bad of ['2026-7', '2026-13', 'июль', '2026-07-01']) {
      const ru = await json(bad, f.organizer.accessToken, 'ru');
      expect(ru.status).toBe(400);
      expect(ru.body.details).toEqual([
        { field: 'month', code: 'MONTH_FORMAT', message: 'Укажите месяц в виде ГГГГ-ММ, например 2026-07.' },
      ]);
    }
    const kk = await t.call('GET', `/competitions/${f.competition.id}/stipends.xlsx?month=07.2026`, {
      token: f.organizer.accessToken,
    });
    expect(kk.status).toBe(400);
    expect(kk.body.details[0].message).toBe('Айды ЖЖЖЖ-АА түрінде жазыңыз, мысалы 2026-07.');
    const missing = await t.call('GET', `/competitions/${f.competition.id}/stipends`, {
      token: f.organizer.accessToken,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0]).toMatchObject({ field: 'month', code: 'REQUIRED' });
  });

  it('refuses anyone but the competition’s organizers, and a competition without stipends', async () => {
    const applicant = await signUp(t, 'stipends-applicant');
    for (const token of [applicant.accessToken, stranger.accessToken]) {
      expect((await json('2026-07', token)).status).toBe(403);
      expect((await xlsx('2026-07', 'kk', token)).status).toBe(403);
    }
    expect((await t.call('GET', `/competitions/${f.competition.id}/stipends?month=2026-07`)).status).toBe(401);
    const grants = await openCompetition(
      t,
      f.organizer.accessToken,
      'mini-grants-district',
      new Date(Date.now() + DAY),
    );
    const refused = await t.call('GET', `/competitions/${grants.id}/stipends.xlsx?month=2026-07`, {
      token: f.organizer.accessToken,
      lang: 'ru',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'NO_STIPENDS_IN_RULEBOOK',
      message: 'Правила этого конкурса не предусматривают социальных стипендий.',
    });
  });

  it('without a first month in the rules the project starts the month after the draw', async () => {
    const competition = await shortlistedYouthCompetition(t, f.organizer.accessToken, ['ALM', 'KAR', 'PAV', 'TUR']);
    const early = await t.call('GET', `/competitions/${competition.id}/stipends?month=2026-07`, {
      token: f.organizer.accessToken,
    });
    expect(early.body).toMatchObject({ period: null, withinProject: false, rows: [] });
    await prepareDraw(t, f.organizer.accessToken, competition.id);
    await runDraw(t, f.organizer.accessToken, competition.id, '11 22 33');
    const drawnMonth = new Date(t.clock.now().getTime() + 5 * 3600 * 1000).toISOString().slice(0, 7);
    const [y, m] = drawnMonth.split('-').map(Number);
    const next = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}`;
    const r = (
      await t.call('GET', `/competitions/${competition.id}/stipends?month=${next}`, {
        token: f.organizer.accessToken,
      })
    ).body;
    expect(r.period.first).toBe(next);
    expect(r.period.months).toHaveLength(5);
    expect(r.withinProject).toBe(true);
    // The draw's fixture teams state no education status: nobody is paid yet, everyone of A and B is listed as unstated.
    const arms: { arm: string; n: string }[] = await t.db.query(
      `SELECT a.arm, count(m.*)::int AS n FROM applications a JOIN application_members m ON m.application_id = a.id
        WHERE a.competition_id = $1 AND a.arm IN ('A', 'B') GROUP BY a.arm`,
      [competition.id],
    );
    expect(r.rows).toEqual([]);
    expect(r.unstated).toHaveLength(arms.reduce((sum, a) => sum + Number(a.n), 0));
    const drawn = (
      await t.call('GET', `/competitions/${competition.id}/stipends?month=${drawnMonth}`, {
        token: f.organizer.accessToken,
      })
    ).body;
    expect(drawn.withinProject).toBe(false);
  });
});
