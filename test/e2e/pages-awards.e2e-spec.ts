import { makeAdmin, signUp, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { giveOrganizer } from '../support/awards';
import { MINIMAL_PDF, openCompetition } from '../support/competitions';
import { readDocx } from '../support/docx-reader';
import { fieldError, PageClient, PageResponse, signedInPages, textOf } from '../support/page-client';
import { competitionStory, Story } from '../support/published-results';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

let nextIp = 10;

/** The handover form as a browser posts it: multipart, the CSRF token in the query, the date then the file. */
async function postHandover(
  t: TestApp,
  browser: PageClient,
  awardId: string,
  date: string,
  file: { name: string; content: Buffer; type: string },
): Promise<PageResponse> {
  return browser.postFile(
    `/organizer/awards/${awardId}/handover?_csrf=${encodeURIComponent(browser.csrf)}`,
    { handedOverOn: date },
    { name: file.name, bytes: file.content, type: file.type },
  );
}

describe('web pages: awards (organizer) and the public winners list', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let story: Story;
  let browser: PageClient;
  let winners: { applicationId: string; number: string; name: string; phone: string }[];
  const page = () => `/organizer/competitions/${story.competition.id}/awards`;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru') => signedInPages(t, account, lang, `10.40.0.${nextIp++}`);

  const form = (row: number, applicationId: string, values: Record<string, string>) => ({
    row: String(row),
    applicationId,
    [`w${row}.place`]: values.place ?? '',
    [`w${row}.prizeKk`]: values.prizeKk ?? '',
    [`w${row}.prizeRu`]: values.prizeRu ?? '',
    [`w${row}.amount`]: values.amount ?? '',
    ...(values.version ? { version: values.version } : {}),
  });

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'pages-awards-organizer', 'ru'));
    story = await competitionStory(t, organizer, {
      templateCode: 'short-term-projects',
      title: { kk: 'Сәтті қадам беттері', ru: 'Сәтті қадам: страницы призов' },
      projects: ['Ауыл кітапханасы', 'Жастар алаңы', 'Таза өзен', 'Қарттарға көмек'],
      stage: 'results_published',
    });
    await giveOrganizer(t, story.competition.id, organizer.userId, '«Атасу жастары» қоғамдық бірлестігі');
    winners = (await t.call('GET', `/competitions/${story.competition.id}/awards`, { token: organizer.accessToken }))
      .body.winners;
    browser = await browserOf(organizer, 'ru');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists the winners of the published selection with a form each and the documents to print in both languages', async () => {
    const res = await browser.get(page());
    expect(res.status).toBe(200);
    const text = textOf(res.html);
    expect(text).toContain('Победители и призы');
    expect(text).toContain('Победители: 3');
    for (const w of winners) expect(text).toContain(w.number);
    expect(text).not.toContain(story.applications[3].number);
    for (const href of [
      'winners-list.docx?lang=kk',
      'winners-list.docx?lang=ru',
      'transfer-act.docx?lang=kk',
      'transfer-act.docx?lang=ru',
    ])
      expect(res.html).toContain(`/organizer/competitions/${story.competition.id}/${href}`);
    expect(res.html).toContain('name="w1.place" type="text" value="1"');
  });

  it('refuses a place beyond the winners at the field, keeps what was typed and saves nothing', async () => {
    await browser.get(page());
    const res = await browser.post(
      page(),
      form(1, winners[0].applicationId, { place: '4', prizeKk: 'Ноутбук', prizeRu: 'Ноутбук', amount: '300 000' }),
    );
    expect(res.status).toBe(400);
    expect(fieldError(res.html, 'f-w1-place')).toBe('Место должно быть от 1 до 3: победителей — 3.');
    expect(res.html).toContain('value="300 000"');
    expect(textOf(res.html)).toContain(`Что нужно исправить 1. ${winners[0].number}, Место`);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM awards WHERE competition_id = $1`, [
      story.competition.id,
    ]);
    expect(n).toBe(0);
  });

  it('saves a prize once, also when the form is sent twice', async () => {
    await browser.get(page());
    const body = form(1, winners[0].applicationId, {
      place: '1',
      prizeKk: 'Ноутбук',
      prizeRu: 'Ноутбук',
      amount: '300 000',
    });
    const first = await browser.post(page(), body);
    expect(first.status).toBe(303);
    expect(first.location).toBe(`${page()}?notice=saved#winner-1`);
    const second = await browser.post(page(), body);
    expect(second.status).toBe(303);
    const after = await browser.follow(second);
    expect(textOf(after.html)).toContain('Приз сохранён.');
    expect(textOf(after.html)).toContain('Записан, ещё не передан');
    expect(textOf(after.html)).toContain('Ноутбук (300 000 ₸)');
    const rows = await t.db.query(`SELECT id, amount FROM awards WHERE application_id = $1`, [
      winners[0].applicationId,
    ]);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].amount)).toBe(300000);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'award.recorded' AND entity_id = $1`,
      [rows[0].id],
    );
    expect(n).toBe(1);
  });

  it('says so when the award was changed by someone else meanwhile (a stale version), and keeps the saved one', async () => {
    await browser.get(page());
    const res = await browser.post(
      page(),
      form(1, winners[0].applicationId, { place: '1', prizeKk: 'Планшет', prizeRu: 'Планшет', version: '99' }),
    );
    expect(res.status).toBe(409);
    expect(textOf(res.html)).toContain('Запись уже изменил кто-то другой');
    expect(res.html).toContain('value="Планшет"');
    const [row] = await t.db.query(`SELECT prize_ru FROM awards WHERE application_id = $1`, [winners[0].applicationId]);
    expect(row.prize_ru).toBe('Ноутбук');
  });

  it('refuses an award for an application that is not a winner, with the reason', async () => {
    await browser.get(page());
    const loser = story.applications[3];
    const res = await browser.post(page(), form(2, loser.id, { place: '2', prizeKk: 'Доп', prizeRu: 'Мяч' }));
    expect(res.status).toBe(409);
    expect(textOf(res.html)).toContain(`Заявка ${loser.number} не является победителем по опубликованному отбору`);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM awards WHERE application_id = $1`, [loser.id]);
    expect(n).toBe(0);
  });

  it('records the handover with the signed scan once: a wrong file type refused at the field, a second submit refused', async () => {
    await browser.get(page());
    const [award] = await t.db.query(`SELECT id FROM awards WHERE application_id = $1`, [winners[0].applicationId]);
    const today = new Date().toISOString().slice(0, 10);
    const docx = await t.call('GET', `/competitions/${story.competition.id}/transfer-act.docx?lang=ru`, {
      token: organizer.accessToken,
    });
    const wrong = await postHandover(t, browser, award.id, today, {
      name: 'акт.docx',
      content: docx.raw,
      type: 'application/octet-stream',
    });
    expect(wrong.status).toBe(415);
    expect(fieldError(wrong.html, 'f-h1-file')).toBe('Копия подписанного акта должна быть файлом PDF, JPG или PNG.');
    const [still] = await t.db.query(`SELECT status FROM awards WHERE id = $1`, [award.id]);
    expect(still.status).toBe('recorded');

    const done = await postHandover(t, browser, award.id, today, {
      name: 'акт.pdf',
      content: MINIMAL_PDF,
      type: 'application/pdf',
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${page()}?notice=handed_over#winner-1`);
    const shown = await browser.follow(done);
    expect(textOf(shown.html)).toContain('Передача приза записана, победителю отправлено письмо.');
    expect(textOf(shown.html)).toMatch(/Передан \d+/);
    expect(shown.html).toContain(`/organizer/awards/${award.id}/scan`);
    expect(shown.html).not.toContain(`/organizer/awards/${award.id}/handover`);
    const scan = await browser.get(`/organizer/awards/${award.id}/scan`);
    expect(scan.status).toBe(200);
    expect(scan.headers['content-type']).toBe('application/pdf');

    const again = await postHandover(t, browser, award.id, today, {
      name: 'акт.pdf',
      content: MINIMAL_PDF,
      type: 'application/pdf',
    });
    expect(again.status).toBe(409);
    expect(textOf(again.html)).toMatch(
      /Приз передан \d+ \S+ \d{4} г\.: переданный приз не изменяется и повторно не передаётся\./,
    );
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'award.handed_over' AND entity_id = $1`,
      [award.id],
    );
    expect(n).toBe(1);
    const [app] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [winners[0].applicationId]);
    expect(app.status).toBe('contracted');
  });

  it('downloads the winners list and the transfer act from the page', async () => {
    const list = await browser.get(`/organizer/competitions/${story.competition.id}/winners-list.docx?lang=kk`);
    expect(list.status).toBe(200);
    const act = await browser.get(`/organizer/competitions/${story.competition.id}/transfer-act.docx?lang=ru`);
    expect(act.status).toBe(200);
    expect(act.headers['content-disposition']).toContain('transfer-act-');
    const res = await browser.download(`/organizer/competitions/${story.competition.id}/winners-list.docx?lang=kk`);
    const { paragraphs } = await readDocx(res.rawPayload);
    expect(paragraphs.join(' ')).toContain('Жеңімпаздар тізімі');
  });

  it('shows anyone the winners list once published: names, places, prizes — no phone', async () => {
    const anon = new PageClient(t, '10.40.0.200');
    // The competition's public page leads there.
    const publicPage = await anon.get(`/competitions/${story.competition.id}`);
    expect(publicPage.html).toContain(`href="/competitions/${story.competition.id}/winners"`);
    const kk = await anon.get(`/competitions/${story.competition.id}/winners`);
    expect(kk.status).toBe(200);
    expect(textOf(kk.html)).toContain('Жеңімпаздар тізімі');
    expect(textOf(kk.html)).toContain('1-орын');
    await anon.get(`/language/ru?next=/competitions/${story.competition.id}/winners`);
    const ru = await anon.get(`/competitions/${story.competition.id}/winners`);
    const text = textOf(ru.html);
    expect(text).toContain('Список победителей');
    expect(text).toContain(winners[0].name);
    expect(text).toContain('Ноутбук');
    expect(text).toContain('1 место');
    for (const html of [kk.html, ru.html]) {
      expect(textOf(html)).not.toContain('+7');
      expect(textOf(html)).not.toContain(winners[0].phone.slice(-4));
    }
  });

  it('keeps the pages from other people and from competitions without awards', async () => {
    const grant = await openCompetition(t, organizer.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    expect((await new PageClient(t, '10.40.0.201').get(`/competitions/${grant.id}/winners`)).status).toBe(404);
    const refused = await browser.get(`/organizer/competitions/${grant.id}/awards`);
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain('В этом конкурсе призы не вручаются');
    const stranger = await browserOf(await signUp(t, 'pages-awards-stranger', 'ru'), 'ru');
    expect([403, 404]).toContain((await stranger.get(page())).status);
    const [award] = await t.db.query(`SELECT id FROM awards WHERE application_id = $1`, [winners[0].applicationId]);
    expect((await stranger.get(`/organizer/awards/${award.id}/scan`)).status).toBe(404);
  });
});

describe('web pages: awards by nomination (volunteer awards)', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let story: Story;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'pages-va-organizer', 'kk'));
    story = await competitionStory(t, organizer, {
      templateCode: 'volunteer-awards',
      title: { kk: 'Волонтерлер сыйлығы беттері', ru: 'Премия волонтёров: страницы' },
      projects: ['Қарттар үйіне көмек', 'Өзен жағасын тазалау'],
      stage: 'results_published',
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it("offers the rulebook's nominations, the winner's own chosen, and saves the award in the one picked", async () => {
    const b = new PageClient(t, '10.40.1.10');
    await b.get('/language/kk?next=/sign-in');
    await b.get('/sign-in');
    expect(
      (await b.post('/sign-in', { email: organizer.email, password: TEST_PASSWORD, next: '/organizer' })).status,
    ).toBe(303);
    const path = `/organizer/competitions/${story.competition.id}/awards`;
    const res = await b.get(path);
    expect(res.status).toBe(200);
    expect(textOf(res.html)).toContain('Жарияланған іріктеудің әр жеңімпазына номинация мен сыйлықты жазыңыз.');
    expect(res.html).toMatch(/<select id="f-w1-nomination" name="w1.nomination"[^>]*>/);
    expect(res.html).toContain('<option value="volunteer_of_year" selected>Жыл волонтері</option>');
    expect(textOf(res.html)).toContain('Номинациядағы орын (міндетті емес)');
    const [winner] = (
      await t.call('GET', `/competitions/${story.competition.id}/awards`, { token: organizer.accessToken })
    ).body.winners;
    const saved = await b.post(path, {
      row: '1',
      applicationId: winner.applicationId,
      'w1.nomination': 'eco_volunteering',
      'w1.place': '',
      'w1.prizeKk': 'Алғыс хат',
      'w1.prizeRu': 'Благодарственное письмо',
      'w1.amount': '',
    });
    expect(saved.status).toBe(303);
    const shown = await b.follow(saved);
    expect(textOf(shown.html)).toContain('Экологиялық волонтерлік');
    const [row] = await t.db.query(`SELECT nomination, place, amount FROM awards WHERE application_id = $1`, [
      winner.applicationId,
    ]);
    expect(row).toEqual({ nomination: 'eco_volunteering', place: null, amount: null });
  });
});
