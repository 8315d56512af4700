import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { openCompetition } from '../support/competitions';
import { looksRight, signIn, Site, startSite } from './support/site';

const DAY = 24 * 3600 * 1000;

const WORDS = {
  kk: {
    questions: 'Өтінім нысанының сұрақтары',
    documents: 'Қажетті құжаттар',
    criteria: 'Өлшемшарттар және жеңімпаздарды анықтау',
    addQuestion: 'Сұрақ қосу',
    addDocument: 'Құжат қосу',
    save: 'Сақтау',
    saved: 'Сақталды.',
    unsaved: 'Өзгерістер әлі сақталған жоқ',
    errorSummary: 'Нені түзету керек',
    reserved: '«title» кілті өтінімнің жеке өрісіне бекітілген',
    weightTotal: 'Сақталған өлшемшарттар салмағының қосындысы: 10,5.',
    readOnly: 'Бұл бөлімді енді тек қарауға болады.',
    question: { kk: 'Жобаға жергілікті әкімдік қолдау көрсете ме?', ru: 'Поддерживает ли проект местный акимат?' },
    document: { kk: 'Жоба бюджетінің кестесі', ru: 'Таблица бюджета проекта' },
    reporting: 'Жеңімпаздардың есептері',
    outcomes: 'Сауалнама және қорытынды есеп',
    addIndicator: 'Көрсеткіш қосу',
    tooLarge: 'Мән ең көбі 100 болуы керек.',
    targetProblem: '0-ден үлкен және 100-ден аспайтын пайызды көрсетіңіз.',
    moveDown: 'балалар: төмен жылжыту',
  },
  ru: {
    questions: 'Вопросы формы заявки',
    documents: 'Необходимые документы',
    criteria: 'Критерии и определение победителей',
    addQuestion: 'Добавить вопрос',
    addDocument: 'Добавить документ',
    save: 'Сохранить',
    saved: 'Сохранено.',
    unsaved: 'Изменения ещё не сохранены',
    errorSummary: 'Что нужно исправить',
    reserved: 'Ключ «title» закреплён за отдельным полем заявки',
    weightTotal: 'Сумма весов сохранённых критериев: 10,5.',
    readOnly: 'Этот раздел теперь можно только просматривать.',
    question: { kk: 'Жобаны жергілікті әкімдік қолдай ма?', ru: 'Поддерживает ли проект местный акимат?' },
    document: { kk: 'Серіктестің хаты', ru: 'Письмо партнёра' },
    reporting: 'Отчёты победителей',
    outcomes: 'Анкета и итоговый отчёт',
    addIndicator: 'Добавить показатель',
    tooLarge: 'Значение должно быть не больше 100.',
    targetProblem: 'Укажите процент больше 0 и не больше 100.',
    moveDown: 'дети: переместить ниже',
  },
} as const;

/** The rules form's questions, documents and criteria pages in a real browser, kk and ru, 1280 and 768 px. */
describe('browser: the rules form (questions, documents, criteria)', () => {
  let site: Site;
  let admin: TestAccount;
  let opened: { id: string };

  beforeAll(async () => {
    site = await startSite();
    admin = await makeAdmin(site.t, await signUp(site.t, 'rules-browser-admin'));
    opened = await openCompetition(site.t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + 5 * DAY));
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  async function draftMiniGrants(lang: string): Promise<string> {
    const created = await site.t.call('POST', '/competitions', {
      token: admin.accessToken,
      body: {
        templateCode: 'mini-grants-district',
        title: {
          kk: `Шағын гранттар ережесі ${lang} ${Date.now()}`,
          ru: `Положение мини-грантов ${lang} ${Date.now()}`,
        },
      },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function rulebookOf(id: string) {
    return (await site.t.call('GET', `/competitions/${id}`, { token: admin.accessToken })).body.rulebook;
  }

  for (const lang of ['kk', 'ru'] as const) {
    it(`an organizer edits the questions, documents and criteria of a draft (${lang})`, async () => {
      const w = WORDS[lang];
      const id = await draftMiniGrants(lang);
      const base = `/organizer/competitions/${id}/rules`;
      const { context, page } = await site.newPage({ viewport: 'desktop' });
      await signIn(page, admin.email, lang, `${base}/questions`);
      expect(new URL(page.url()).pathname).toBe(`${base}/questions`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(w.questions);
      expect(await page.getAttribute(`a[href="${base}"]`, 'href')).toBe(base);
      await looksRight(page, `rules-questions-${lang}`);

      // Questions: a row added without script's help, a reserved key refused at its input, then saved.
      const count = (await rulebookOf(id)).fields.length;
      await page.getByRole('button', { name: w.addQuestion, exact: true }).click();
      await expect(page.locator('.notice--info').first().textContent()).resolves.toContain(w.unsaved);
      await page.fill(`[name="fields[${count}].label.kk"]`, w.question.kk);
      await page.fill(`[name="fields[${count}].label.ru"]`, w.question.ru);
      await page.selectOption(`[name="fields[${count}].type"]`, 'boolean');
      await page.fill(`[name="fields[${count}].key"]`, 'title');
      await page.getByRole('button', { name: w.save, exact: true }).last().click();
      await expect(page.locator('.error-summary h2').textContent()).resolves.toBe(w.errorSummary);
      await expect(page.locator(`#f-fields-${count}-key-error`).textContent()).resolves.toContain(w.reserved);
      await looksRight(page, `rules-questions-error-${lang}`);
      await page.fill(`[name="fields[${count}].key"]`, 'akimatSupport');
      await page.getByRole('button', { name: w.save, exact: true }).last().click();
      await expect(page.locator('.notice--success').textContent()).resolves.toBe(w.saved);
      expect((await rulebookOf(id)).fields[count]).toEqual({
        key: 'akimatSupport',
        label: w.question,
        type: 'boolean',
        required: false,
      });

      // Documents: a new one, PDF only.
      await page.goto(`${base}/documents`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(w.documents);
      await looksRight(page, `rules-documents-${lang}`);
      const documents = (await rulebookOf(id)).documents.length;
      await page.getByRole('button', { name: w.addDocument, exact: true }).click();
      await page.fill(`[name="documents[${documents}].label.kk"]`, w.document.kk);
      await page.fill(`[name="documents[${documents}].label.ru"]`, w.document.ru);
      for (const kind of ['jpg', 'png']) await page.uncheck(`#f-documents-${documents}-kinds-${kind}`);
      await page.getByRole('button', { name: w.save, exact: true }).last().click();
      await expect(page.locator('.notice--success').textContent()).resolves.toBe(w.saved);
      expect((await rulebookOf(id)).documents[documents]).toEqual({
        code: 'document_1',
        label: w.document,
        required: true,
        kinds: ['pdf'],
      });

      // Criteria: a weight with a decimal comma; the sum of weights as saved.
      await page.goto(`${base}/criteria`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(w.criteria);
      await looksRight(page, `rules-criteria-${lang}`);
      await page.fill('[name="criteria[1].weight"]', '2,5');
      await page.getByRole('button', { name: w.save, exact: true }).last().click();
      await expect(page.locator('.notice--success').textContent()).resolves.toBe(w.saved);
      await expect(page.locator('main').textContent()).resolves.toContain(w.weightTotal);
      expect((await rulebookOf(id)).criteria[1].weight).toBe(2.5);

      // An open competition's rules are there to read.
      await page.goto(`/organizer/competitions/${opened.id}/rules/criteria`);
      await expect(page.locator('main').textContent()).resolves.toContain(w.readOnly);
      expect(await page.locator('form.rules-form').count()).toBe(0);
      await looksRight(page, `rules-criteria-read-only-${lang}`);
      await context.close();
    }, 240_000);
  }

  for (const lang of ['kk', 'ru'] as const) {
    it(`an organizer sets the reports, the survey and the final report of a draft (${lang})`, async () => {
      const w = WORDS[lang];
      const id = await draftMiniGrants(`after-${lang}`);
      const base = `/organizer/competitions/${id}/rules`;
      const { context, page } = await site.newPage({ viewport: 'desktop' });
      await signIn(page, admin.email, lang, `${base}/reporting`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(w.reporting);
      await looksRight(page, `rules-reporting-${lang}`, [1280, 768, 360]);

      // Reporting: an indicator row added without script's help, a tolerance over 100 refused at its input.
      const indicators = (await rulebookOf(id)).reporting.indicators.length;
      await page.getByRole('button', { name: w.addIndicator, exact: true }).click();
      await page.fill(`[name="reporting.indicators[${indicators}].label.kk"]`, 'Еріктілер саны');
      await page.fill(`[name="reporting.indicators[${indicators}].label.ru"]`, 'Количество волонтёров');
      await page.check('[name="reporting.interim.when"][value="daysAfterStart"]');
      await page.fill('[name="reporting.interim.days"]', '60');
      await page.fill('[name="reporting.overspendTolerancePercent"]', '150');
      await page.getByRole('button', { name: w.save, exact: true }).last().click();
      await expect(page.locator('.error-summary h2').textContent()).resolves.toBe(w.errorSummary);
      await expect(page.locator('#f-reporting-overspendTolerancePercent-error').textContent()).resolves.toBe(
        w.tooLarge,
      );
      await looksRight(page, `rules-reporting-error-${lang}`, [1280, 360]);
      await page.fill('[name="reporting.overspendTolerancePercent"]', '12');
      await page.getByRole('button', { name: w.save, exact: true }).last().click();
      await expect(page.locator('.notice--success').textContent()).resolves.toBe(w.saved);
      const reporting = (await rulebookOf(id)).reporting;
      expect(reporting.stages[0]).toEqual({ stage: 'interim', daysAfterStart: 60 });
      expect(reporting.overspendTolerancePercent).toBe(12);
      expect(reporting.indicators[indicators].label).toEqual({ kk: 'Еріктілер саны', ru: 'Количество волонтёров' });

      // Survey and final report: the target as a percent with a comma, a category moved down.
      await page.goto(`${base}/outcomes`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(w.outcomes);
      await looksRight(page, `rules-outcomes-${lang}`, [1280, 768, 360]);
      await page.fill('[name="survey.target"]', '120');
      await page.getByRole('button', { name: w.save, exact: true }).last().click();
      await expect(page.locator('#f-survey-target-error').textContent()).resolves.toBe(w.targetProblem);
      await page.fill('[name="survey.target"]', '72,5');
      await page.getByRole('button', { name: w.moveDown, exact: true }).click();
      await page.getByRole('button', { name: w.save, exact: true }).last().click();
      await expect(page.locator('.notice--success').textContent()).resolves.toBe(w.saved);
      const after = await rulebookOf(id);
      expect(after.survey.target).toBe(0.725);
      expect(after.finalReport.categoryPrecedence.slice(0, 3)).toEqual(['disability', 'youth', 'children']);

      // The overview says it in words and links both sections.
      await page.goto(base);
      expect(await page.locator(`a[href="${base}/reporting"]`).count()).toBeGreaterThan(0);
      expect(await page.locator(`a[href="${base}/outcomes"]`).count()).toBeGreaterThan(0);
      await looksRight(page, `rules-overview-after-${lang}`, [1280, 360]);
      await context.close();
    }, 240_000);
  }
});
