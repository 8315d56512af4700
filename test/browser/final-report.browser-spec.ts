import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { signUp } from '../support/accounts';
import { finalReportCompetition, FinalReportFixture } from '../support/final-report';
import { looksRight, signIn, Site, startSite } from './support/site';

jest.setTimeout(300_000);

const WORDS = {
  kk: {
    title: 'Қорытынды есеп',
    gender: 'Гендерлік көрсеткіш',
    precedence: 'Бірнеше санатқа сәйкес келетін қатысушы бір ғана бағанда есептеледі',
    noIin: 'ЖСН-сіз көрсетілген қатысушы әр жолы бөлек адам ретінде есептеледі',
    docx: 'Есепті жүктеп алу (DOCX, қазақ тілінде)',
    xlsx: 'Кестелерді жүктеп алу (XLSX)',
    hub: 'Қорытынды есеп',
    notFound: 'табылмады',
  },
  ru: {
    title: 'Итоговый отчёт',
    gender: 'Гендерный показатель',
    precedence: 'Участник, подходящий под несколько категорий, учитывается только в одной графе',
    noIin: 'Участник, указанный без ИИН, учитывается отдельно в каждой строке',
    docx: 'Скачать отчёт (DOCX, на русском)',
    xlsx: 'Скачать таблицы (XLSX)',
    hub: 'Итоговый отчёт',
    notFound: 'не найден',
  },
} as const;

/** The organizer's final report page in a real browser, kk and ru: the tables, the rules in words, the downloads. */
describe('browser: the final report', () => {
  let site: Site;
  let f: FinalReportFixture;

  beforeAll(async () => {
    site = await startSite();
    f = await finalReportCompetition(site.t, 'browser-final-report');
  });
  afterAll(async () => {
    await site?.close();
  });

  for (const lang of ['kk', 'ru'] as const) {
    const w = WORDS[lang];

    it(`${lang}: the organizer reaches it from the competition's page, reads the tables and downloads the files`, async () => {
      const { context, page } = await site.newPage();
      try {
        const hub = `/organizer/competitions/${f.grants.id}`;
        await signIn(page, f.grants.organizer.email, lang, hub);
        await page.getByRole('link', { name: w.hub, exact: true }).click();
        await page.waitForURL((url) => url.pathname === `${hub}/final-report`);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(w.title);
        const genderTable = page.getByRole('region', { name: w.gender });
        expect((await genderTable.innerText()).replace(/\s+/g, ' ')).toMatch(/^\S.* 18 \S+ 4 \S+ 14 .* 0$/);
        const main = await page.locator('main').innerText();
        expect(main).toContain(w.precedence);
        expect(main).toContain(w.noIin);
        await looksRight(page, `final-report-${lang}`, [1280, 768, 360]);

        const [docx] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: w.docx, exact: true }).click(),
        ]);
        expect(docx.suggestedFilename()).toBe(`final-report-${lang}.docx`);
        expect(
          readFileSync((await docx.path())!)
            .subarray(0, 2)
            .toString(),
        ).toBe('PK');
        const [xlsx] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: w.xlsx, exact: true }).click(),
        ]);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(readFileSync((await xlsx.path())!) as never);
        expect(book.worksheets[1].getRow(5).values).toEqual([undefined, 18, 4, 14, 0]);
      } finally {
        await context.close();
      }
    });
  }

  it('is not found for someone who is not its organizer', async () => {
    const stranger = await signUp(site.t, 'final-report-browser-stranger', 'ru');
    const { context, page } = await site.newPage();
    try {
      const path = `/organizer/competitions/${f.grants.id}/final-report`;
      await signIn(page, stranger.email, 'ru', '/me');
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
    } finally {
      await context.close();
    }
  });
});
