import ExcelJS from 'exceljs';
import { makeBin } from '../../libs/kz';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { readyDraft } from '../support/competitions';
import { CAN_PRINT, pdfText, squeeze, toPdf } from '../support/document-text';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);
const DAY = 24 * 3600 * 1000;
const ORG = '«Ашық алаң» қоғамдық бірлестігі';

describe('the registration journal prints: dates, borders, frozen filtered header, landscape one page wide, totals, signature', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let competition: any;
  const amounts: number[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'organizer'));
    const org = await t.call('POST', '/organizations', {
      token: organizer.accessToken,
      body: {
        bin: makeBin('2017-02', 2000 + Math.floor(Math.random() * 5000)),
        name: ORG,
        kind: 'ngo',
        regionCode: 'ZHT',
        registeredOn: '2017-02-01',
      },
    });
    const created = await t.call('POST', '/competitions', {
      token: organizer.accessToken,
      body: {
        templateCode: 'mini-grants-district',
        title: { kk: 'Ауылға шағын гранттар', ru: 'Мини-гранты для села' },
        submissionDeadline: new Date(Date.now() + DAY).toISOString(),
        organizerOrganizationId: org.body.id,
      },
    });
    competition = (await t.call('POST', `/competitions/${created.body.id}/open`, { token: organizer.accessToken }))
      .body;
    for (let i = 0; i < 2; i++) {
      const applicant = await signUp(t, `applicant${i}`);
      const id = await readyDraft(t, applicant.accessToken, competition, { applicantKind: 'initiative_group' });
      const submitted = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
      expect(submitted.status).toBe(200);
      const [row] = await t.db.query('SELECT amount_requested FROM applications WHERE id = $1', [id]);
      amounts.push(Number(row.amount_requested));
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['kk', 'ru'] as const)('in %s', async (lang) => {
    const res = await t.call('GET', `/competitions/${competition.id}/journal.xlsx?lang=${lang}`, {
      token: organizer.accessToken,
    });
    expect(res.status).toBe(200);
    // Applicants' names and phones: no browser or proxy keeps a copy.
    expect(res.headers['cache-control']).toBe('private, no-store');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A1').value).toBe(ORG);
    const header = 3;
    expect(sheet.getCell(header, 2).value).toBe(lang === 'kk' ? 'Өтінім нөмірі' : 'Номер заявки');
    // Real dates, shown as dates.
    const submitted = sheet.getCell(header + 1, 3);
    expect(submitted.value).toBeInstanceOf(Date);
    expect(submitted.numFmt).toBe('dd.mm.yyyy hh:mm');
    // Frozen header with filters; landscape, one page wide, the header repeated on each page.
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    expect(sheet.autoFilter).toBe(`A${header}:J${header}`);
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${header}:${header}`,
    });
    // Totals: how many, and the sum as a formula with its value.
    const totals = sheet.getRow(header + 3);
    expect(totals.getCell(1).value).toBe(lang === 'kk' ? 'Барлығы' : 'Итого');
    expect(totals.getCell(2).value).toBe(2);
    expect(totals.getCell(8).value).toMatchObject({
      formula: `SUM(H${header + 1}:H${header + 2})`,
      result: amounts[0] + amounts[1],
    });
    // Every cell of the table has borders.
    for (let row = header; row <= header + 3; row++)
      for (let column = 1; column <= 10; column++)
        expect(sheet.getCell(row, column).border).toMatchObject({
          top: { style: 'thin' },
          bottom: { style: 'thin' },
          left: { style: 'thin' },
          right: { style: 'thin' },
        });
    const signature = lang === 'kk' ? 'Жауапты тұлға:' : 'Ответственное лицо:';
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    expect(texts.some((text) => text.startsWith(`${signature} ____`))).toBe(true);
    if (CAN_PRINT) {
      const printed = pdfText(toPdf(res.raw, 'xlsx'));
      expect(printed.split('\f').filter((page) => page.trim())).toHaveLength(1);
      expect(squeeze(printed)).toContain(signature);
      expect(squeeze(printed)).toContain(ORG);
    }
  });
});
