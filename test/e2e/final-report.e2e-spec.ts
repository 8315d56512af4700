import ExcelJS from 'exceljs';
import { makeAdmin, signUp, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { openCompetition } from '../support/competitions';
import { docxText } from '../support/document-text';
import { finalReportCompetition, FinalReportFixture } from '../support/final-report';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);
const DAY = 24 * 3600 * 1000;

/**
 * The people of the fixture, worked out by hand (ages on 30 November 2026, the default
 * precedence disability → children → youth → over 50 → unemployed → civil servant → …):
 *   P1 ♀ 2000 (26): civil servant on grant 1, unemployed on grant 2 → one person, youth, 23–27
 *   P2 ♂ 1970 (56): NGO + disability → disability, 46–58
 *   P3 ♂ 1980 (46): public sector + civil servant → civil servant, 46–58
 *   P4 ♀ no IIN, born 2015 (11) → children, under 13
 *   P5 ♂ no IIN, no birth date, business — listed on grants 1 and 2 → two people (the no-IIN rule), unknown age
 *   P6 ♀ 1985 (41): disability from her profile only → disability, 33–45
 *   P7 ♀ 1960 (65): unemployed → over 50, 59+
 *   a tally: 10 women, 33–45, public-sector workers
 */
const EXPECTED = {
  total: 18,
  byGender: { male: 4, female: 14, unknown: 0 },
  byCategory: {
    children: 1,
    youth: 1,
    civil_servant: 1,
    public_sector_worker: 10,
    disability: 2,
    over_50: 1,
    unemployed: 0,
    ngo_representative: 0,
    business: 2,
    other: 0,
  },
  byAgeBand: {
    '13-16': 0,
    '17-22': 0,
    '23-27': 1,
    '28-32': 0,
    '33-45': 11,
    '46-58': 2,
    '59+': 1,
    under_13_or_unknown: 3,
  },
};

describe('the final report (GET /competitions/:id/final-report)', () => {
  let t: TestApp;
  let f: FinalReportFixture;
  let stranger: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    f = await finalReportCompetition(t, 'final-report-api');
    await t.db.query(`UPDATE contracts SET status = 'active' WHERE id = $1`, [f.contracts[0].id]);
    await t.db.query(
      `INSERT INTO contract_payments (contract_id, competition_id, tranche, amount, paid_on, reference, recorded_by)
       VALUES ($1, $2, 1, 150000, '2026-07-01', 'п/п 17', $3)`,
      [f.contracts[0].id, f.grants.id, f.grants.organizer.userId],
    );
    const admin = await makeAdmin(t, await signUp(t, 'final-report-stranger'));
    await openCompetition(t, admin.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    await t.db.query('UPDATE users SET is_admin = false WHERE id = $1', [admin.userId]);
    const login = await t.call('POST', '/auth/login', { body: { email: admin.email, password: TEST_PASSWORD } });
    stranger = { ...admin, accessToken: login.body.accessToken };
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (query: string, token: string | undefined = f.grants.organizer.accessToken) =>
    t.call('GET', `/competitions/${f.grants.id}/final-report${query}`, { token });

  it('counts every person once per competition, each table adding up to the total, equal to the count by hand', async () => {
    const res = await get('?format=json');
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.competitionId).toBe(f.grants.id);
    expect(r.participants).toEqual(EXPECTED);
    for (const table of ['byGender', 'byCategory', 'byAgeBand'])
      expect(Object.values(r.participants[table] as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(
        r.participants.total,
      );
    expect(r.categoryPrecedence[0]).toBe('disability');
    expect(r.referenceDate).toBe('2026-11-30');
    // Grant 2's latest report (4 direct, 300 indirect) replaces its interim one.
    expect(r.beneficiaries).toEqual({ direct: 19, indirect: 2300 });
    expect(r.satisfaction).toEqual({ answers: 0, satisfied: 0, satisfiedShare: null });
  });

  it('lists each grant: territory, grantee, amount planned and paid, participants planned and actual', async () => {
    const r = (await get('')).body;
    expect(r.grants.map((g: any) => g.number)).toEqual(f.contracts.map((c) => c.number));
    const [g1, g2, g3] = r.grants;
    expect(g1).toMatchObject({
      applicationId: f.contracts[0].applicationId,
      amountPaid: 150000,
      participantsActual: 15,
    });
    expect(g2).toMatchObject({ amountPaid: 0, participantsActual: 4 });
    expect(g3).toMatchObject({ amountPaid: 0, participantsActual: 0 });
    const [{ amount, territory_code: territory }] = await t.db.query(
      `SELECT c.amount, a.territory_code FROM contracts c JOIN applications a ON a.id = c.application_id WHERE c.id = $1`,
      [f.contracts[0].id],
    );
    expect(g1.amountPlanned).toBe(Number(amount));
    expect(g1.territoryCode).toBe(territory);
    expect(typeof g1.grantee).toBe('string');
    expect(g1.participantsPlanned === null || Number.isInteger(g1.participantsPlanned)).toBe(true);
  });

  it('measures the programme targets: vulnerable 4 of 18, women 14 of 18, disability 2 of 18', async () => {
    const r = (await get('')).body;
    const byCode = Object.fromEntries(r.targets.map((x: any) => [x.code, x]));
    expect(byCode.vulnerable).toMatchObject({ target: 0.6, actual: 0.2222, gap: -0.3778 });
    expect(byCode.women).toMatchObject({ target: 0.55, actual: 0.7778, gap: 0.2278 });
    expect(byCode.disability).toMatchObject({ target: 0.05, actual: 0.1111 });
  });

  it('gives the XLSX one sheet per table, with the numbers as numbers', async () => {
    const res = await get('?format=xlsx&lang=ru');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    // It names grantees: no browser or proxy keeps a copy.
    expect(res.headers['cache-control']).toBe('private, no-store');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.raw as never);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Гранты',
      'Гендерный показатель',
      'Социальный статус по категориям',
      'Возрастной показатель',
      'Социально-экономический эффект',
      'Целевые показатели программы',
    ]);
    const gender = book.getWorksheet('Гендерный показатель')!;
    expect(gender.getRow(5).values).toEqual([undefined, 18, 4, 14, 0]);
    const categories = book.getWorksheet('Социальный статус по категориям')!;
    expect((categories.getRow(5).values as number[]).slice(1)).toEqual([18, 1, 1, 1, 10, 2, 1, 0, 0, 2, 0]);
  });

  it.each(['kk', 'ru'] as const)(
    'gives the DOCX in %s as the form lays it out, with the rules in words',
    async (lang) => {
      const res = await get(`?format=docx&lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toContain(`final-report-${lang}.docx`);
      const { text } = await docxText(res.raw as Buffer);
      if (lang === 'kk') {
        expect(text).toContain('Әлеуметтік жобаны іске асыру нәтижелері бойынша қорытынды есеп');
        expect(text).toContain('Гендерлік көрсеткіш');
        expect(text).toContain('ЖСН-сіз көрсетілген қатысушы әр жолы бөлек адам ретінде есептеледі');
        expect(text).toContain('Сауалнамаға әлі жауап жоқ');
      } else {
        expect(text).toContain('Итоговый отчёт по результатам реализации социального проекта');
        expect(text).toContain('Возрастной показатель');
        expect(text).toContain('Участник, указанный без ИИН, учитывается отдельно в каждой строке');
        expect(text).toContain('Ответов на анкету пока нет');
      }
    },
  );

  it('is the organizer’s only: another competition’s organizer and a grantee get 404, nobody signed in 401', async () => {
    expect((await get('', stranger.accessToken)).status).toBe(404);
    expect((await get('', f.grants.winners[0].applicant.accessToken)).status).toBe(404);
    expect((await t.call('GET', `/competitions/${f.grants.id}/final-report`, {})).status).toBe(401);
    const bad = await get('?format=pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'format', code: 'NOT_ALLOWED_VALUE' });
  });
});
