import { signUp, TestAccount } from '../support/accounts';
import { PageClient, signedInPages, textOf } from '../support/page-client';
import { surveyCompetition, SurveyCompetition } from '../support/surveys';
import { createTestApp, TestApp } from '../support/test-app';

describe('survey pages: the organizer makes and prints links, a participant answers once by link or code, results', () => {
  let t: TestApp;
  let c: SurveyCompetition;
  let organizer: PageClient;
  let nextIp = 1;
  const tag = `ps${Date.now() % 100000}`;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru') => signedInPages(t, account, lang, `10.42.0.${nextIp++}`);
  async function participant(lang: 'kk' | 'ru'): Promise<PageClient> {
    const b = new PageClient(t, `10.42.1.${nextIp++}`);
    await b.get(`/language/${lang}?next=/s`);
    return b;
  }
  const adminUrl = () => `/organizer/competitions/${c.id}/survey`;
  const formKeyOf = (html: string) => /name="formKey" value="([^"]+)"/.exec(html)![1];
  /** The printed list's codes and links, as the organizer reads them. */
  const linksOf = (html: string) => ({
    codes: [...html.matchAll(/class="mono survey-code">([A-Z0-9-]+)</g)].map((m) => m[1]),
    tokens: [...html.matchAll(/\/s\/([A-Za-z0-9_-]{32})</g)].map((m) => m[1]),
  });
  const answersOf = (contractId: string) =>
    t.db.query(`SELECT answers, locale FROM survey_answers WHERE contract_id = $1 ORDER BY submitted_at`, [contractId]);

  beforeAll(async () => {
    t = await createTestApp();
    c = await surveyCompetition(t, { tag, winners: 2 });
    organizer = await browserOf(c.organizer, 'kk');
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  let list: { codes: string[]; tokens: string[] };

  it('the hub leads to the survey; the organizer makes 3 links, a double click making them once, and gets the list to print', async () => {
    const hub = await organizer.get(`/organizer/competitions/${c.id}`);
    expect(hub.html).toContain(`href="${adminUrl()}"`);
    const page = await organizer.get(adminUrl());
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Қанағаттанғандар үлесі әлі жауап жоқ');
    const formKey = formKeyOf(page.html);
    const action = `${adminUrl()}/contracts/${c.contracts[0].id}/links`;
    const form = { formKey, [`count-${c.contracts[0].id}`]: '3' };
    const [first, second] = await Promise.all([organizer.post(action, form), organizer.post(action, form)]);
    expect(first.status).toBe(303);
    expect(second.location).toBe(first.location);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM survey_links l JOIN survey_batches b ON b.id = l.batch_id WHERE b.contract_id = $1`,
      [c.contracts[0].id],
    );
    expect(n).toBe(3);
    const printed = await organizer.get(first.location!);
    expect(printed.status).toBe(200);
    const text = textOf(printed.html);
    expect(text).toContain('Сілтемелер жасалды.');
    // Both languages on the slips, whatever the organizer reads.
    expect(text).toContain('Сауалнама: телефоныңызда http');
    expect(text).toContain('Анкета: откройте на телефоне адрес http');
    list = linksOf(printed.html);
    expect(list.codes).toHaveLength(3);
    expect(list.tokens).toHaveLength(3);
  });

  it('refuses a bad count beside the project form with the typed value kept, in the page language, making nothing', async () => {
    const page = await organizer.get(adminUrl());
    const name = `count-${c.contracts[1].id}`;
    const res = await organizer.post(`${adminUrl()}/contracts/${c.contracts[1].id}/links`, {
      formKey: formKeyOf(page.html),
      [name]: '0',
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain(`id="f-${name}" name="${name}" type="text" value="0"`);
    expect(res.html).toContain('field--error');
    expect(textOf(res.html)).toMatch(/^Қате:/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM survey_batches WHERE contract_id = $1`, [
      c.contracts[1].id,
    ]);
    expect(n).toBe(0);
  });

  it('a participant answers by link in Kazakh without an account: a missing point is named and the choices kept; then thanks', async () => {
    const p = await participant('kk');
    const page = await p.get(`/s/${list.tokens[0]}`);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Жобаның іс-шараларына жалпы қаншалықты қанағаттандыңыз?');
    expect(page.html).toContain('5 — өте жақсы');
    const missing = await p.post(`/s/${list.tokens[0]}`, { 'q-usefulness': '4', 'q-liked': 'Ойындар' });
    expect(missing.status).toBe(400);
    expect(textOf(missing.html)).toContain('сұрағына жауап беріңіз: 1-ден 5-ке дейінгі бағаның бірін таңдаңыз.');
    expect(missing.html).toContain('href="#f-q-overall"');
    expect(missing.html).toMatch(/value="4" checked/);
    expect(missing.html).toContain('>Ойындар</textarea>');
    expect(await answersOf(c.contracts[0].id)).toEqual([]);
    const done = await p.post(`/s/${list.tokens[0]}`, {
      'q-overall': '5',
      'q-usefulness': '4',
      'q-organization': '4',
      'q-liked': 'Ойындар',
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/s/${list.tokens[0]}/thanks`);
    expect(textOf((await p.get(done.location!)).html)).toContain('Рахмет! Жауабыңыз қабылданды.');
  });

  it('the same link again, or its code, says "already answered" in the reader language, and changes nothing', async () => {
    const ru = await participant('ru');
    const again = await ru.get(`/s/${list.tokens[0]}`);
    expect(textOf(again.html)).toContain('На эту анкету уже ответили');
    expect(again.html).not.toContain('name="q-overall"');
    // A second send of the form (another tab, a double tap) carries the form's token.
    await ru.get('/s');
    const posted = await ru.post(`/s/${list.tokens[0]}`, {
      'q-overall': '1',
      'q-usefulness': '1',
      'q-organization': '1',
    });
    expect(posted.status).toBe(409);
    expect(textOf(posted.html)).toContain('По одной ссылке принимается только один ответ');
    expect(
      (await answersOf(c.contracts[0].id)).map((a: { answers: { overall: number } }) => a.answers.overall),
    ).toEqual([5]);
  });

  it('a participant types the paper code at /s in Russian, lower case and in Cyrillic, and answers; a wrong code is named at the field', async () => {
    const p = await participant('ru');
    const form = await p.get('/s');
    expect(textOf(form.html)).toContain('Введите код анкеты с бумажного листа или из сообщения.');
    const empty = await p.post('/s', { code: '' });
    expect(empty.status).toBe(400);
    expect(textOf(empty.html)).toContain('Введите код анкеты.');
    const wrong = await p.post('/s', { code: 'AAAA-AAAA' });
    expect(wrong.status).toBe(404);
    expect(textOf(wrong.html)).toContain('Анкета не найдена. Проверьте ссылку или код и введите их ещё раз.');
    expect(wrong.html).toContain('value="AAAA-AAAA"');
    const typed = list.codes[1].toLowerCase().replace(/a/g, 'а').replace(/c/g, 'с');
    const found = await p.post('/s', { code: typed });
    expect(found.status).toBe(303);
    expect(found.location).toBe(`/s/${list.tokens[1]}`);
    const page = await p.get(found.location!);
    expect(textOf(page.html)).toContain('Насколько в целом вы удовлетворены мероприятиями проекта?');
    const done = await p.post(found.location!, {
      'q-overall': '3',
      'q-usefulness': '3',
      'q-organization': '2',
      'q-improve': 'Больше практики',
    });
    expect(done.status).toBe(303);
    expect(await answersOf(c.contracts[0].id)).toEqual([
      expect.objectContaining({ locale: 'kk' }),
      { answers: { overall: 3, usefulness: 3, organization: 2, improve: 'Больше практики' }, locale: 'ru' },
    ]);
  });

  it('an unknown link is a "not found" page', async () => {
    const p = await participant('kk');
    const res = await p.get(`/s/${'x'.repeat(32)}`);
    expect(res.status).toBe(404);
    expect(textOf(res.html)).toContain('Мұндай сауалнама табылмады.');
    // The code form is right there: the paper code still gets them in.
    expect(res.html).toContain('name="code"');
  });

  it('the organizer reads the results: 1 of 2 satisfied against the 80% target, per question and the texts', async () => {
    const ru = await browserOf(c.organizer, 'ru');
    const page = await ru.get(adminUrl());
    const text = textOf(page.html);
    expect(text).toContain('Доля удовлетворённых 50% (цель — не менее 80%) Цель не достигнута');
    expect(text).toContain(
      'Удовлетворёнными считаются те, кто оценил вопрос «Насколько в целом вы удовлетворены мероприятиями проекта?» на 4 или выше.',
    );
    expect(text).toContain('3 ссылки, 2 ответа');
    expect(text).toContain('Больше практики');
    expect(text).toContain('Ойындар');
    expect(text).toContain('0 / 0 / 1 / 0 / 1');
  });

  it("someone else's survey pages are not found: a stranger, the grantee", async () => {
    const stranger = await browserOf(await signUp(t, 'survey-page-stranger'), 'kk');
    const grantee = await browserOf(c.winners[0].applicant, 'kk');
    for (const b of [stranger, grantee]) {
      expect((await b.get(adminUrl())).status).toBe(404);
      const batch = (await t.db.query(`SELECT id FROM survey_batches WHERE competition_id = $1 LIMIT 1`, [c.id]))[0];
      expect((await b.get(`${adminUrl()}/batches/${batch.id}`)).status).toBe(404);
      const res = await b.post(`${adminUrl()}/contracts/${c.contracts[1].id}/links`, {
        [`count-${c.contracts[1].id}`]: '2',
      });
      expect(res.status).toBe(404);
    }
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM survey_batches WHERE contract_id = $1`, [
      c.contracts[1].id,
    ]);
    expect(n).toBe(0);
  });
});
