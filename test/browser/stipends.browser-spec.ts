import { readFileSync } from 'node:fs';
import { signUp } from '../support/accounts';
import { memberOfAge, openCompetition } from '../support/competitions';
import { readRegister, StipendFixture, stipendCompetition } from '../support/stipends';
import { looksRight, signIn, Site, startSite } from './support/site';

jest.setTimeout(300_000);
const DAY = 24 * 3600 * 1000;

const WORDS = {
  kk: {
    title: 'Әлеуметтік стипендиялар',
    month: 'Ай',
    show: 'Көрсету',
    august: '2026 ж. тамыз',
    augustTotal: 'Барлығы: 4 адам, 174 000 ₸.',
    julyTotal: 'Барлығы: 7 адам, 287 000 ₸.',
    download: 'Тізілімді жүктеп алу (XLSX, қазақ тілінде)',
    monthError: 'Айды ЖЖЖЖ-АА түрінде жазыңыз, мысалы 2026-07.',
    education: 'Білімі',
    student: 'Колледж студенті',
    save: 'Сақтау',
  },
  ru: {
    title: 'Социальные стипендии',
    month: 'Месяц',
    show: 'Показать',
    august: 'август 2026 г.',
    augustTotal: 'Итого: 4 человека, 174 000 ₸.',
    julyTotal: 'Итого: 7 человек, 287 000 ₸.',
    download: 'Скачать реестр (XLSX, на русском)',
    monthError: 'Укажите месяц в виде ГГГГ-ММ, например 2026-07.',
    education: 'Образование',
    student: 'Студент колледжа',
    save: 'Сохранить',
  },
} as const;

/** The organizer's stipends page and the education status on the team step, in a real browser, kk and ru. */
describe('browser: social stipends', () => {
  let site: Site;
  let f: StipendFixture;
  let youth: { id: string };

  beforeAll(async () => {
    site = await startSite();
    f = await stipendCompetition(site.t, 'browser-stipends');
    youth = await openCompetition(site.t, f.organizer.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
  });
  afterAll(async () => {
    await site?.close();
  });

  for (const lang of ['kk', 'ru'] as const) {
    const w = WORDS[lang];

    it(`${lang}: the organizer picks a month, reads the totals and downloads the register`, async () => {
      const { context, page } = await site.newPage();
      try {
        const path = `/organizer/competitions/${f.competition.id}/stipends`;
        await signIn(page, f.organizer.email, lang, path);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(w.title);
        expect((await page.locator('main').innerText()).replace(/\u00a0/g, ' ')).toContain(w.julyTotal);
        await looksRight(page, `stipends-${lang}`, [1280, 768, 360]);

        await page.getByLabel(w.month, { exact: true }).selectOption({ label: w.august });
        await page.getByRole('button', { name: w.show, exact: true }).click();
        await page.waitForURL((url) => url.searchParams.get('month') === '2026-08');
        expect((await page.locator('main').innerText()).replace(/\u00a0/g, ' ')).toContain(w.augustTotal);

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: w.download, exact: true }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(`stipends-2026-08-${lang}.xlsx`);
        const sheet = await readRegister(readFileSync((await download.path())!));
        expect(sheet.rows).toHaveLength(4);
        expect(sheet.totalRow?.[8]).toBe(174_000);

        await page.goto(`${path}?month=2026-8`);
        expect(await page.locator('.error-summary').innerText()).toContain(w.monthError);
        await looksRight(page, `stipends-error-${lang}`, [1280, 360]);
      } finally {
        await context.close();
      }
    });

    it(`${lang}: the team step asks each member's education status and keeps it`, async () => {
      const applicant = await signUp(site.t, `browser-stipends-team-${lang}`, lang);
      const draft = await site.t.call('POST', `/competitions/${youth.id}/applications`, {
        token: applicant.accessToken,
        body: { applicantKind: 'initiative_group' },
      });
      const id = draft.body.id as string;
      const { context, page } = await site.newPage();
      try {
        await signIn(page, applicant.email, lang, `/applications/${id}/team`);
        const member = memberOfAge(22);
        await page.locator('#f-team-0-iin').fill(member.iin);
        await page.locator('#f-team-0-lastName').fill(member.lastName);
        await page.locator('#f-team-0-firstName').fill(member.firstName);
        await page.locator('#f-team-0-phone').fill(member.phone);
        await page.locator('#f-team-0-educationStatus').selectOption({ label: w.student });
        expect(await page.locator('label[for="f-team-0-educationStatus"]').innerText()).toBe(w.education);
        await looksRight(page, `team-education-${lang}`, [1280, 360]);
        await page.getByRole('button', { name: w.save, exact: true }).last().click();
        await page.waitForURL((url) => url.searchParams.get('notice') !== null);
        await page.reload();
        expect(await page.locator('#f-team-0-educationStatus').inputValue()).toBe('college_student');
        const [row] = await site.t.db.query(
          `SELECT education_status FROM application_members WHERE application_id = $1 AND iin = $2`,
          [id, member.iin],
        );
        expect(row.education_status).toBe('college_student');
      } finally {
        await context.close();
      }
    });
  }
});
