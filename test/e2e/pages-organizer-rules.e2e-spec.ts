import { makeAdmin, signUp, TestAccount, tokenFromOutbox } from '../support/accounts';
import { openCompetition } from '../support/competitions';
import { fieldError, PageClient, signedInPages, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]) : undefined;
}

/**
 * What a browser would send from the page's rules form (the one posting to `action`): text
 * and hidden inputs, ticked boxes and radios, chosen options, text areas. No button.
 */
function formOf(html: string, action: string): Record<string, string[]> {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const values: Record<string, string[]> = {};
  const add = (name: string | undefined, value: string) => {
    if (name) (values[name] ??= []).push(value);
  };
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const type = attr(tag, 'type') ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\schecked(?=[\s=/>])/.test(tag)) continue;
    add(attr(tag, 'name'), attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const [, open, body] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const chosen =
      /<option\b[^>]*\sselected(?=[\s=/>])[^>]*>/.exec(body)?.[0] ?? /<option\b[^>]*>/.exec(body)?.[0] ?? '';
    add(attr(open, 'name'), attr(chosen, 'value') ?? '');
  }
  for (const [, open, body] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    add(attr(open, 'name'), decode(body));
  }
  return values;
}

/** One value per name for editing in a test; a repeated name (checkboxes) keeps its list. */
function flat(values: Record<string, string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

function summaryLinks(html: string): string[] {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
}

let nextIp = 10;

/** The rules form's scoring-side sections (issue 15): questions, documents, criteria with selection and draw. */
describe('web pages: the rules form (questions, documents, criteria)', () => {
  let t: TestApp;
  let admin: TestAccount;
  let organizer: TestAccount;
  let draft: { id: string };
  let opened: { id: string };
  let others: { id: string };
  let ru: PageClient;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru' = 'ru') =>
    signedInPages(t, account, lang, `10.31.0.${nextIp++}`);

  async function invite(competitionId: string, account: TestAccount) {
    const invited = await t.call('POST', `/competitions/${competitionId}/members`, {
      token: admin.accessToken,
      body: { email: account.email, role: 'organizer' },
    });
    expect(invited.status).toBe(201);
    const accepted = await t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(t, account.email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);
  }

  async function createDraft(label: string): Promise<{ id: string }> {
    const created = await t.call('POST', '/competitions', {
      token: admin.accessToken,
      body: {
        templateCode: 'mini-grants-district',
        title: { kk: `Ереже формасы ${label}`, ru: `Форма положения ${label}` },
      },
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function saved(id: string) {
    return (await t.call('GET', `/competitions/${id}`, { token: admin.accessToken })).body;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'rules-admin'));
    organizer = await signUp(t, 'rules-organizer', 'ru');
    draft = await createDraft(`${Date.now()}`);
    others = await createDraft(`чужой ${Date.now()}`);
    opened = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    await invite(draft.id, organizer);
    await invite(opened.id, organizer);
    ru = await browserOf(organizer, 'ru');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('questions', () => {
    const url = () => `/organizer/competitions/${draft.id}/rules/questions`;

    it('shows the rulebook’s questions in a form, in Kazakh too, with a link back to the overview', async () => {
      const page = await ru.get(url());
      expect(page.status).toBe(200);
      expect(page.html).toContain(`href="/organizer/competitions/${draft.id}/rules"`);
      expect(textOf(page.html)).toContain('Вопросы формы заявки');
      const form = formOf(page.html, url());
      expect(form['fields[0].label.ru']).toEqual(['Цель проекта']);
      expect(form['fields[0].type']).toEqual(['textarea']);
      expect(form['fields[0].maxLength']).toEqual(['1000']);
      expect(form['fields[0].required']).toEqual(['on']);
      expect(form['fields[5].type']).toEqual(['integer']);

      const kk = await browserOf(organizer, 'kk');
      const kkPage = await kk.get(url());
      expect(kkPage.status).toBe(200);
      expect(textOf(kkPage.html)).toContain('Өтінім нысанының сұрақтары');
      expect(textOf(kkPage.html)).not.toMatch(/pages\.rules\./);
      // The language is the account's: back to Russian for the rest.
      expect((await kk.get('/language/ru?next=/organizer')).status).toBe(303);
    });

    it('adds an empty row without saving, then saves a list question with its options and reads it back', async () => {
      const before = await saved(draft.id);
      const page = await ru.get(url());
      const count = before.rulebook.fields.length;
      const added = await ru.post(url(), { ...flat(formOf(page.html, url())), action: 'add:fields' });
      expect(added.status).toBe(200);
      expect(textOf(added.html)).toContain(`Вопрос ${count + 1}`);
      expect(textOf(added.html)).toContain('Изменения ещё не сохранены');
      expect((await saved(draft.id)).version).toBe(before.version);

      // A list question shows its option rows once its type is chosen.
      const typed = flat(formOf(added.html, url()));
      typed[`fields[${count}].label.kk`] = 'Жоба қай салаға арналған?';
      typed[`fields[${count}].label.ru`] = 'Какой сфере посвящён проект?';
      typed[`fields[${count}].type`] = 'select';
      typed[`fields[${count}].required`] = 'on';
      const refused = await ru.post(url(), { ...typed, action: 'save' });
      expect(refused.status).toBe(400);
      expect(fieldError(refused.html, `f-fields-${count}-options`)).toBe('Обязательное поле.');
      expect(summaryLinks(refused.html)).toContain(`f-fields-${count}-options`);
      const withOptions = flat(formOf(refused.html, url()));
      withOptions[`fields[${count}].options[0].label.kk`] = 'Мәдениет';
      withOptions[`fields[${count}].options[0].label.ru`] = 'Культура';
      withOptions[`fields[${count}].options[1].label.kk`] = 'Спорт';
      withOptions[`fields[${count}].options[1].label.ru`] = 'Спорт';
      withOptions[`fields[${count}].options[1].value`] = 'sport';
      const ok = await ru.post(url(), { ...withOptions, action: 'save' });
      expect(ok.status).toBe(303);
      expect(ok.location).toBe(`${url()}?notice=saved`);

      const after = await saved(draft.id);
      expect(after.version).toBe(before.version + 1);
      expect(after.rulebook.fields).toHaveLength(count + 1);
      expect(after.rulebook.fields[count]).toEqual({
        key: 'question_1',
        label: { kk: 'Жоба қай салаға арналған?', ru: 'Какой сфере посвящён проект?' },
        type: 'select',
        required: true,
        options: [
          { value: 'option_1', label: { kk: 'Мәдениет', ru: 'Культура' } },
          { value: 'sport', label: { kk: 'Спорт', ru: 'Спорт' } },
        ],
      });
      // The other sections were left as they were.
      expect(after.rulebook.criteria).toEqual(before.rulebook.criteria);
      const shown = await ru.follow(ok);
      expect(textOf(shown.html)).toContain('Сохранено.');
      expect(formOf(shown.html, url())[`fields[${count}].options[1].value`]).toEqual(['sport']);
    });

    it('refuses a reserved key at its field and saves nothing', async () => {
      const before = await saved(draft.id);
      const form = flat(formOf((await ru.get(url())).html, url()));
      form['fields[1].key'] = 'title';
      form['fields[2].label.ru'] = 'Изменённая целевая группа';
      const res = await ru.post(url(), { ...form, action: 'save' });
      expect(res.status).toBe(400);
      expect(fieldError(res.html, 'f-fields-1-key')).toBe(
        'Ключ «title» закреплён за отдельным полем заявки: выберите другой.',
      );
      expect(summaryLinks(res.html)).toEqual(['f-fields-1-key']);
      expect(textOf(res.html)).toContain('Вопрос 2, Код вопроса');
      // What was typed stays in the form.
      expect(formOf(res.html, url())['fields[2].label.ru']).toEqual(['Изменённая целевая группа']);
      const after = await saved(draft.id);
      expect(after.version).toBe(before.version);
      expect(after.rulebook.fields).toEqual(before.rulebook.fields);
    });

    it('moves a question up and removes one, without script, then saves the new order', async () => {
      const before = await saved(draft.id);
      const keys = before.rulebook.fields.map((f: { key: string }) => f.key);
      const page = await ru.get(url());
      expect(page.html).toContain('value="up:fields:1"');
      expect(page.html).toContain('value="down:fields:0"');
      const moved = await ru.post(url(), { ...flat(formOf(page.html, url())), action: 'up:fields:1' });
      expect(moved.status).toBe(200);
      const removed = await ru.post(url(), { ...flat(formOf(moved.html, url())), action: 'remove:fields:9' });
      const saveRes = await ru.post(url(), { ...flat(formOf(removed.html, url())), action: 'save' });
      expect(saveRes.status).toBe(303);
      const after = (await saved(draft.id)).rulebook.fields.map((f: { key: string }) => f.key);
      const expected = [keys[1], keys[0], ...keys.slice(2)];
      expected.splice(9, 1);
      expect(after).toEqual(expected);
    });

    it('saves a double-submitted form once', async () => {
      const before = await saved(draft.id);
      const form = flat(formOf((await ru.get(url())).html, url()));
      form['fields[0].label.ru'] = 'Цель проекта (кратко)';
      const first = await ru.post(url(), { ...form, action: 'save' });
      const second = await ru.post(url(), { ...form, action: 'save' });
      expect(first.status).toBe(303);
      expect(second.status).toBe(303);
      const after = await saved(draft.id);
      expect(after.version).toBe(before.version + 1);
      expect(after.rulebook.fields[0].label.ru).toBe('Цель проекта (кратко)');
    });

    it('shows the saved questions and keeps what was typed when someone else saved first (409)', async () => {
      const stale = flat(formOf((await ru.get(url())).html, url()));
      const current = await saved(draft.id);
      const fields = structuredClone(current.rulebook.fields);
      fields[0].label.ru = 'Цель проекта по мнению коллеги';
      const patch = await t.call('PATCH', `/competitions/${draft.id}`, {
        token: admin.accessToken,
        body: { version: current.version, rulebook: { fields } },
      });
      expect(patch.status).toBe(200);

      stale['fields[1].label.ru'] = 'Моя целевая группа';
      const res = await ru.post(url(), { ...stale, action: 'save' });
      expect(res.status).toBe(409);
      const text = textOf(res.html);
      expect(text).toContain('Положение уже сохранил кто-то другой');
      expect(text).toContain('Цель проекта по мнению коллеги');
      const again = formOf(res.html, url());
      expect(again['fields[1].label.ru']).toEqual(['Моя целевая группа']);
      expect(again.version).toEqual([String(patch.body.version)]);
      const after = await saved(draft.id);
      expect(after.version).toBe(patch.body.version);
      expect(after.rulebook.fields[1].label.ru).not.toBe('Моя целевая группа');
    });
  });

  describe('documents', () => {
    const url = () => `/organizer/competitions/${draft.id}/rules/documents`;

    it('saves a document’s names, kinds and whether it is required, and a new one, and reads them back', async () => {
      const page = await ru.get(url());
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain('Размер каждого файла — не более 10 МБ.');
      const before = await saved(draft.id);
      const count = before.rulebook.documents.length;
      const added = await ru.post(url(), { ...flat(formOf(page.html, url())), action: 'add:documents' });
      const form = flat(formOf(added.html, url()));
      form['documents[0].label.ru'] = 'Согласие на обработку персональных данных (подписанное)';
      form['documents[0].kinds'] = ['pdf'];
      form[`documents[${count}].label.kk`] = 'Жоба бюджетінің кестесі';
      form[`documents[${count}].label.ru`] = 'Таблица бюджета проекта';
      form[`documents[${count}].code`] = 'budget_table';
      form[`documents[${count}].kinds`] = ['xlsx', 'pdf'];
      delete form[`documents[${count}].required`];
      const res = await ru.post(url(), { ...form, action: 'save' });
      expect(res.status).toBe(303);
      const after = (await saved(draft.id)).rulebook.documents;
      expect(after[0]).toMatchObject({
        label: { ru: 'Согласие на обработку персональных данных (подписанное)' },
        required: true,
        kinds: ['pdf'],
      });
      expect(after[count]).toEqual({
        code: 'budget_table',
        label: { kk: 'Жоба бюджетінің кестесі', ru: 'Таблица бюджета проекта' },
        required: false,
        kinds: ['pdf', 'xlsx'],
      });
      const shown = formOf((await ru.follow(res)).html, url());
      expect(shown[`documents[${count}].kinds`]).toEqual(['pdf', 'xlsx']);
      expect(shown[`documents[${count}].required`]).toBeUndefined();
    });

    it('refuses a document without its Kazakh name at that field, after a blank row, and saves nothing', async () => {
      const before = await saved(draft.id);
      const page = await ru.get(url());
      const form = flat(formOf(page.html, url()));
      // The first row emptied (left out when saving), the third without its Kazakh name.
      form['documents[0].label.kk'] = '';
      form['documents[0].label.ru'] = '';
      form['documents[0].code'] = '';
      form['documents[2].label.kk'] = ' ';
      const res = await ru.post(url(), { ...form, action: 'save' });
      expect(res.status).toBe(400);
      expect(fieldError(res.html, 'f-documents-2-label-kk')).toBe('Обязательное поле.');
      expect(summaryLinks(res.html)).toEqual(['f-documents-2-label-kk']);
      const after = await saved(draft.id);
      expect(after.version).toBe(before.version);
      expect(after.rulebook.documents).toEqual(before.rulebook.documents);
    });
    it('answers a stale form with the saved documents and the typed ones (409), saving nothing', async () => {
      const stale = flat(formOf((await ru.get(url())).html, url()));
      const current = await saved(draft.id);
      const documents = structuredClone(current.rulebook.documents);
      documents[1].label.ru = 'Справка о регистрации (от коллеги)';
      const patch = await t.call('PATCH', `/competitions/${draft.id}`, {
        token: admin.accessToken,
        body: { version: current.version, rulebook: { documents } },
      });
      expect(patch.status).toBe(200);
      stale['documents[1].label.ru'] = 'Моя справка о регистрации';
      const res = await ru.post(url(), { ...stale, action: 'save' });
      expect(res.status).toBe(409);
      expect(textOf(res.html)).toContain('Положение уже сохранил кто-то другой');
      expect(textOf(res.html)).toContain('Справка о регистрации (от коллеги)');
      expect(formOf(res.html, url())['documents[1].label.ru']).toEqual(['Моя справка о регистрации']);
      const after = await saved(draft.id);
      expect(after.version).toBe(patch.body.version);
      expect(after.rulebook.documents[1].label.ru).toBe('Справка о регистрации (от коллеги)');
    });
  });

  describe('criteria, selection, nominations and the draw', () => {
    const url = () => `/organizer/competitions/${draft.id}/rules/criteria`;

    it('shows the criteria with the sum of their weights, saves decimal points and weights and reads them back', async () => {
      const page = await ru.get(url());
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain('Сумма весов сохранённых критериев: 10.');
      const form = flat(formOf(page.html, url()));
      expect(form['criteria[0].weight']).toBe('3');
      expect(form['selection.quorum']).toBe('3');
      expect(form['selection.oneWinnerPer']).toBe('district');
      form['criteria[1].weight'] = '2,5';
      form['criteria[1].step'] = '0.5';
      form['criteria[1].commentBelow'] = '3,5';
      form['selection.quorum'] = '2';
      const res = await ru.post(url(), { ...form, action: 'save' });
      expect(res.status).toBe(303);
      const after = (await saved(draft.id)).rulebook;
      expect(after.criteria[1]).toMatchObject({ weight: 2.5, step: 0.5, commentBelow: 3.5, maxPoints: 10 });
      expect(after.selection.quorum).toBe(2);
      expect(after.selection.oneWinnerPer).toBe('district');
      const shown = await ru.follow(res);
      expect(textOf(shown.html)).toContain('Сумма весов сохранённых критериев: 10,5.');
      expect(formOf(shown.html, url())['criteria[1].weight']).toEqual(['2,5']);
    });

    it('puts the service’s problems beside the right row when a blank row comes first, and saves nothing', async () => {
      const before = await saved(draft.id);
      const form = flat(formOf((await ru.get(url())).html, url()));
      for (const f of ['code', 'label.kk', 'label.ru', 'weight', 'commentBelow']) form[`criteria[0].${f}`] = '';
      form['criteria[2].maxPoints'] = 'десять';
      form['criteria[3].step'] = '3';
      const res = await ru.post(url(), { ...form, action: 'save' });
      expect(res.status).toBe(400);
      expect(fieldError(res.html, 'f-criteria-2-maxPoints')).toBe('Должно быть целым числом.');
      expect(fieldError(res.html, 'f-criteria-3-step')).toBe(
        'Максимальный балл (10) должен делиться на шаг (3) без остатка.',
      );
      expect(summaryLinks(res.html).sort()).toEqual(['f-criteria-2-maxPoints', 'f-criteria-3-step']);
      expect((await saved(draft.id)).version).toBe(before.version);
    });

    it('holds a draw only with a shortlist, and shows each arm’s share', async () => {
      const page = await ru.get(url());
      const form = flat(formOf(page.html, url()));
      expect(form['draw.enabled']).toBeUndefined();
      form['draw.enabled'] = 'on';
      form['draw.arms[0].weight'] = '2';
      form['draw.arms[0].meaning.kk'] = 'Грант және тәлімгер';
      form['draw.arms[0].meaning.ru'] = 'Грант и наставник';
      form['draw.arms[1].code'] = 'B';
      form['draw.arms[1].weight'] = '1';
      form['draw.arms[1].meaning.kk'] = 'Тек грант';
      form['draw.arms[1].meaning.ru'] = 'Только грант';
      // What each arm gives, ticked per arm (the arms-compliance table checks it).
      form['draw.arms[0].entitles'] = ['mentor', 'grant'];
      form['draw.arms[1].entitles'] = 'grant';
      form['selection.oneWinnerPer'] = '';
      form['selection.useTotalFund'] = [];
      const refused = await ru.post(url(), { ...form, action: 'save' });
      expect(refused.status).toBe(400);
      expect(fieldError(refused.html, 'f-selection-shortlistForDraw')).toBe(
        'Если проводится жеребьёвка, комиссия должна формировать для неё шорт-лист.',
      );
      expect((await saved(draft.id)).rulebook.draw).toBeNull();

      form['selection.shortlistForDraw'] = 'on';
      const ok = await ru.post(url(), { ...form, action: 'save' });
      expect(ok.status).toBe(303);
      const after = (await saved(draft.id)).rulebook;
      expect(after.draw).toEqual({
        arms: [
          { code: 'A', weight: 2, entitles: ['grant', 'mentor'] },
          { code: 'B', weight: 1, entitles: ['grant'] },
        ],
        armMeaning: {
          A: { kk: 'Грант және тәлімгер', ru: 'Грант и наставник' },
          B: { kk: 'Тек грант', ru: 'Только грант' },
        },
        stratumAttribute: 'region',
      });
      expect(after.selection).toMatchObject({ shortlistForDraw: true, oneWinnerPer: null });
      expect(after.selection.useTotalFund).toBeUndefined();
      expect(textOf((await ru.follow(ok)).html)).toContain('Доли сохранённых групп: A 66,7%, B 33,3%.');
      const shown = formOf((await ru.follow(ok)).html, url());
      expect(shown['draw.arms[0].entitles']).toEqual(['grant', 'mentor']);
      expect(shown['draw.arms[1].entitles']).toEqual(['grant']);

      // A meaning left empty is named at its own row.
      const next = flat(formOf((await ru.follow(ok)).html, url()));
      next['draw.arms[1].meaning.ru'] = '';
      const meaning = await ru.post(url(), { ...next, action: 'save' });
      expect(meaning.status).toBe(400);
      expect(fieldError(meaning.html, 'f-draw-arms-1-meaning-ru')).toBe('Обязательное поле.');
    });

    it('adds volunteer nominations by their names', async () => {
      const page = await ru.get(url());
      const added = await ru.post(url(), { ...flat(formOf(page.html, url())), action: 'add:nominations' });
      expect(textOf(added.html)).toContain('Номинация 1');
      const form = flat(formOf(added.html, url()));
      form['nominations[0].label.kk'] = 'Жыл волонтері';
      form['nominations[0].label.ru'] = 'Волонтёр года';
      form['selection.perNomination'] = '1';
      const res = await ru.post(url(), { ...form, action: 'save' });
      expect(res.status).toBe(303);
      const after = (await saved(draft.id)).rulebook;
      expect(after.nominations).toEqual([
        { code: 'nomination_1', label: { kk: 'Жыл волонтері', ru: 'Волонтёр года' } },
      ]);
      expect(after.selection.perNomination).toBe(1);
    });

    it('answers a stale form with the saved criteria and the typed ones (409)', async () => {
      const stale = flat(formOf((await ru.get(url())).html, url()));
      const current = await saved(draft.id);
      const criteria = structuredClone(current.rulebook.criteria);
      criteria[0].label.ru = 'Актуальность по мнению коллеги';
      const patch = await t.call('PATCH', `/competitions/${draft.id}`, {
        token: admin.accessToken,
        body: { version: current.version, rulebook: { criteria } },
      });
      expect(patch.status).toBe(200);
      stale['criteria[0].weight'] = '4';
      const res = await ru.post(url(), { ...stale, action: 'save' });
      expect(res.status).toBe(409);
      expect(textOf(res.html)).toContain('Актуальность по мнению коллеги');
      expect(formOf(res.html, url())['criteria[0].weight']).toEqual(['4']);
      expect((await saved(draft.id)).rulebook.criteria[0].weight).toBe(3);
    });
  });

  describe('reporting: stages, reminders, tolerance, indicators', () => {
    const url = () => `/organizer/competitions/${draft.id}/rules/reporting`;

    it('saves the stages, reminders, tolerance and a new indicator, adding and removing rows without script', async () => {
      const before = await saved(draft.id);
      const page = await ru.get(url());
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain('Отчёты победителей');
      const form = flat(formOf(page.html, url()));
      expect(form['reporting.reminderOffsetsDays']).toBe('-7; -1; 1; 7');
      expect(form['reporting.overspendTolerancePercent']).toBe('10');
      const count = before.rulebook.reporting.indicators.length;

      const added = await ru.post(url(), { ...form, action: 'add:indicators' });
      expect(added.status).toBe(200);
      expect(textOf(added.html)).toContain(`Показатель ${count + 1}`);
      expect((await saved(draft.id)).version).toBe(before.version);
      const typed = flat(formOf(added.html, url()));
      typed['reporting.interim.when'] = 'dueOn';
      typed['reporting.interim.dueOn'] = '2026-09-01';
      typed['reporting.final.when'] = 'daysAfterEnd';
      typed['reporting.final.days'] = '15';
      typed['reporting.reminderOffsetsDays'] = '−3; 2';
      typed['reporting.overspendTolerancePercent'] = '15';
      typed[`reporting.indicators[${count}].label.kk`] = 'Еріктілер саны';
      typed[`reporting.indicators[${count}].label.ru`] = 'Количество волонтёров';
      typed[`reporting.indicators[${count}].unit.kk`] = 'адам';
      typed[`reporting.indicators[${count}].unit.ru`] = 'человек';
      // The first indicator removed, without script.
      const removed = await ru.post(url(), { ...typed, action: 'remove:indicators:0' });
      expect(removed.status).toBe(200);
      const ok = await ru.post(url(), { ...flat(formOf(removed.html, url())), action: 'save' });
      expect(ok.status).toBe(303);
      const after = await saved(draft.id);
      expect(after.version).toBe(before.version + 1);
      expect(after.rulebook.reporting).toEqual({
        stages: [
          { stage: 'interim', dueOn: '2026-09-01' },
          { stage: 'final', daysAfterEnd: 15 },
        ],
        reminderOffsetsDays: [-3, 2],
        overspendTolerancePercent: 15,
        indicators: [
          ...before.rulebook.reporting.indicators.slice(1),
          {
            code: 'indicator_1',
            label: { kk: 'Еріктілер саны', ru: 'Количество волонтёров' },
            unit: { kk: 'адам', ru: 'человек' },
          },
        ],
      });
      expect(after.rulebook.survey).toEqual(before.rulebook.survey);
      const overview = await ru.get(`/organizer/competitions/${draft.id}/rules`);
      expect(textOf(overview.html)).toContain('через 15 дней после окончания проекта');
      // The money part lists the contracts' payment schedule (the template's).
      expect(textOf(overview.html)).toContain('Транш 1 — 70 % — После вступления договора в силу');
      expect(textOf(overview.html)).toContain('Транш 2 — 30 % — После принятия итоговых отчётов');
      expect(overview.html).toContain(`href="${url()}"`);
    });

    it('refuses a tolerance over 100 % beside its field, in Russian and Kazakh, and saves nothing', async () => {
      const before = await saved(draft.id);
      const form = flat(formOf((await ru.get(url())).html, url()));
      form['reporting.overspendTolerancePercent'] = '150';
      form['reporting.final.days'] = '';
      const res = await ru.post(url(), { ...form, action: 'save' });
      expect(res.status).toBe(400);
      expect(fieldError(res.html, 'f-reporting-overspendTolerancePercent')).toBe('Значение должно быть не больше 100.');
      expect(fieldError(res.html, 'f-reporting-final-days')).toBe('Укажите целое число дней от 0 до 730.');
      expect(summaryLinks(res.html)).toEqual(['f-reporting-final-days', 'f-reporting-overspendTolerancePercent']);

      const kk = await browserOf(organizer, 'kk');
      const kkForm = flat(formOf((await kk.get(url())).html, url()));
      kkForm['reporting.reminderOffsetsDays'] = '-7; 90';
      const kkRes = await kk.post(url(), { ...kkForm, action: 'save' });
      expect(kkRes.status).toBe(400);
      expect(fieldError(kkRes.html, 'f-reporting-reminderOffsetsDays')).toBe(
        'Әр еске салу — −60-тан 60-қа дейінгі бүтін күн саны, әрқайсысы бір рет, 8-ден көп емес.',
      );
      expect(textOf(kkRes.html)).not.toMatch(/pages\.rules\./);
      expect((await kk.get('/language/ru?next=/organizer')).status).toBe(303);
      const after = await saved(draft.id);
      expect(after.version).toBe(before.version);
      expect(after.rulebook.reporting).toEqual(before.rulebook.reporting);
    });

    it('answers a stale form with the saved reporting rule and the typed one (409)', async () => {
      const stale = flat(formOf((await ru.get(url())).html, url()));
      const current = await saved(draft.id);
      const reporting = { ...current.rulebook.reporting, overspendTolerancePercent: 20 };
      const patch = await t.call('PATCH', `/competitions/${draft.id}`, {
        token: admin.accessToken,
        body: { version: current.version, rulebook: { reporting } },
      });
      expect(patch.status).toBe(200);
      stale['reporting.overspendTolerancePercent'] = '5';
      const res = await ru.post(url(), { ...stale, action: 'save' });
      expect(res.status).toBe(409);
      expect(textOf(res.html)).toContain('Сохранено сейчас');
      expect(textOf(res.html)).toContain('20 %');
      expect(formOf(res.html, url())['reporting.overspendTolerancePercent']).toEqual(['5']);
      expect((await saved(draft.id)).rulebook.reporting.overspendTolerancePercent).toBe(20);
    });
  });

  describe('the survey and the final report', () => {
    const url = () => `/organizer/competitions/${draft.id}/rules/outcomes`;

    it('saves the target as a percent, a new question, the categories’ order and the targets', async () => {
      const before = await saved(draft.id);
      const page = await ru.get(url());
      expect(page.status).toBe(200);
      const form = flat(formOf(page.html, url()));
      expect(form['survey.target']).toBe('80');
      expect(form['survey.satisfiedQuestion']).toBe('overall');
      expect(form['finalReport.categoryPrecedence[0].code']).toBe('disability');
      const count = before.rulebook.survey.questions.length;

      const added = await ru.post(url(), { ...form, action: 'add:questions' });
      expect(added.status).toBe(200);
      const moved = await ru.post(url(), { ...flat(formOf(added.html, url())), action: 'down:precedence:0' });
      expect(moved.status).toBe(200);
      expect(textOf(moved.html)).toContain('Изменения ещё не сохранены');
      const typed = flat(formOf(moved.html, url()));
      expect(typed['finalReport.categoryPrecedence[1].code']).toBe('disability');
      typed[`survey.questions[${count}].label.kk`] = 'Жобаны досыңызға ұсынар ма едіңіз?';
      typed[`survey.questions[${count}].label.ru`] = 'Порекомендовали бы вы проект другу?';
      typed[`survey.questions[${count}].code`] = 'recommend';
      typed['survey.target'] = '62,5';
      typed['survey.satisfiedFrom'] = '3';
      typed['finalReport.targets.women'] = '55';
      const ok = await ru.post(url(), { ...typed, action: 'save' });
      expect(ok.status).toBe(303);
      const after = (await saved(draft.id)).rulebook;
      expect(after.survey.target).toBe(0.625);
      expect(after.survey.satisfiedFrom).toBe(3);
      expect(after.survey.questions[count]).toEqual({
        code: 'recommend',
        label: { kk: 'Жобаны досыңызға ұсынар ма едіңіз?', ru: 'Порекомендовали бы вы проект другу?' },
        type: 'scale',
      });
      expect(after.finalReport.categoryPrecedence.slice(0, 2)).toEqual(['children', 'disability']);
      expect(after.finalReport.targets).toEqual([{ code: 'women', target: 0.55 }]);
      const shown = flat(formOf((await ru.follow(ok)).html, url()));
      expect(shown['survey.target']).toBe('62,5');
      expect(shown['finalReport.targets.women']).toBe('55');
    });

    it('refuses a target over 100 % beside its field, in Russian and Kazakh, and saves nothing', async () => {
      const before = await saved(draft.id);
      const form = flat(formOf((await ru.get(url())).html, url()));
      form['survey.target'] = '120';
      form['survey.questions[0].label.ru'] = 'Изменённый вопрос';
      const res = await ru.post(url(), { ...form, action: 'save' });
      expect(res.status).toBe(400);
      expect(fieldError(res.html, 'f-survey-target')).toBe('Укажите процент больше 0 и не больше 100.');
      expect(summaryLinks(res.html)).toEqual(['f-survey-target']);
      expect(formOf(res.html, url())['survey.questions[0].label.ru']).toEqual(['Изменённый вопрос']);

      const kk = await browserOf(organizer, 'kk');
      const kkForm = flat(formOf((await kk.get(url())).html, url()));
      kkForm['finalReport.targets.disability'] = '101';
      const kkRes = await kk.post(url(), { ...kkForm, action: 'save' });
      expect(kkRes.status).toBe(400);
      expect(fieldError(kkRes.html, 'f-finalReport-targets-disability')).toBe(
        '0-ден 100-ге дейінгі пайызды көрсетіңіз.',
      );
      expect(textOf(kkRes.html)).toContain('Сауалнама және қорытынды есеп');
      expect(textOf(kkRes.html)).not.toMatch(/pages\.(rules|reports)\./);
      expect((await kk.get('/language/ru?next=/organizer')).status).toBe(303);
      const after = await saved(draft.id);
      expect(after.version).toBe(before.version);
      expect(after.rulebook.survey).toEqual(before.rulebook.survey);
      expect(after.rulebook.finalReport).toEqual(before.rulebook.finalReport);
    });

    it('turns the survey off, and answers a stale form with the saved survey (409)', async () => {
      const stale = flat(formOf((await ru.get(url())).html, url()));
      const current = await saved(draft.id);
      const survey = { ...current.rulebook.survey, satisfiedFrom: 5 };
      const patch = await t.call('PATCH', `/competitions/${draft.id}`, {
        token: admin.accessToken,
        body: { version: current.version, rulebook: { survey } },
      });
      expect(patch.status).toBe(200);
      delete stale['survey.enabled'];
      const res = await ru.post(url(), { ...stale, action: 'save' });
      expect(res.status).toBe(409);
      expect(textOf(res.html)).toContain('Сохранено сейчас');
      expect(textOf(res.html)).toMatch(/не ниже 5\./);
      expect(formOf(res.html, url())['survey.enabled']).toBeUndefined();
      expect((await saved(draft.id)).rulebook.survey.satisfiedFrom).toBe(5);

      const again = await ru.post(url(), { ...flat(formOf(res.html, url())), action: 'save' });
      expect(again.status).toBe(303);
      expect((await saved(draft.id)).rulebook.survey).toBeNull();
      expect(formOf((await ru.follow(again)).html, url())['survey.enabled']).toBeUndefined();
      const overview = await ru.get(`/organizer/competitions/${draft.id}/rules`);
      expect(textOf(overview.html)).toContain('Анкетирование не проводится.');
    });
  });

  describe('who may edit', () => {
    it('shows an open competition’s sections read-only with the reason, and its service refuses a post', async () => {
      for (const section of ['questions', 'documents', 'criteria']) {
        const url = `/organizer/competitions/${opened.id}/rules/${section}`;
        const page = await ru.get(url);
        expect(page.status).toBe(200);
        const text = textOf(page.html);
        expect(text).toContain('Этот раздел теперь можно только просматривать.');
        expect(text).toContain('После открытия конкурса его правила менять нельзя');
        expect(page.html).not.toContain(`action="${url}"`);
        expect(page.html).not.toMatch(/name="(fields|documents|criteria)\[0\]/);
      }
      expect(textOf((await ru.get(`/organizer/competitions/${opened.id}/rules/criteria`)).html)).toMatch(
        /Только грант.* 33,3%/,
      );
      const before = await saved(opened.id);
      const res = await ru.post(`/organizer/competitions/${opened.id}/rules/documents`, {
        version: String(before.version),
        'documents[0].code': 'new_doc',
        'documents[0].label.kk': 'Жаңа құжат',
        'documents[0].label.ru': 'Новый документ',
        action: 'save',
      });
      expect(res.status).toBe(409);
      expect(summaryLinks(res.html)).toEqual([]);
      expect(textOf(res.html)).toContain('После открытия конкурса его правила менять нельзя');
      const after = await saved(opened.id);
      expect(after.version).toBe(before.version);
      expect(after.rulebook.documents).toEqual(before.rulebook.documents);
    });

    it('refuses another organizer’s competition and a visitor who is not signed in', async () => {
      const before = await saved(others.id);
      for (const section of ['questions', 'documents', 'criteria']) {
        const url = `/organizer/competitions/${others.id}/rules/${section}`;
        expect((await ru.get(url)).status).toBe(403);
        const posted = await ru.post(url, { version: String(before.version), action: 'save' });
        expect(posted.status).toBe(403);
      }
      expect((await saved(others.id)).version).toBe(before.version);
      const anonymous = await new PageClient(t, '10.31.1.1').get(`/organizer/competitions/${draft.id}/rules/questions`);
      expect(anonymous.status).toBe(303);
      expect(anonymous.location).toContain('/sign-in?next=');
    });
  });
});
