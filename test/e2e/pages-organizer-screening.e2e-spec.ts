import { makeAdmin, signUp, TestAccount, tokenFromOutbox } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { fieldError, PageClient, signedInPages, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

/** Application numbers linked in the applications table, in order. */
function numbersIn(html: string): string[] {
  return [...html.matchAll(/\/screening">([^<]+)<\/a>/g)].map((m) => m[1]);
}

let nextIp = 10;

/** The organizer's intake and screening pages (issue 15): lists, filters, the journal, overrides, decisions. */
describe('web pages: organizer intake and screening', () => {
  let t: TestApp;
  let admin: TestAccount;
  let organizer: TestAccount;
  let mine: { id: string; rulebook: any };
  let others: { id: string; rulebook: any };
  const submitted: { id: string; number: string; territoryCode: string }[] = [];
  let browser: PageClient;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru' = 'ru') =>
    signedInPages(t, account, lang, `10.30.0.${nextIp++}`);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'org-pages-admin'));
    organizer = await signUp(t, 'org-pages-organizer', 'ru');
    mine = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    others = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    await t.db.query(`UPDATE competitions SET title_ru = 'Конкурс другого организатора' WHERE id = $1`, [others.id]);
    await t.db.query(`UPDATE competitions SET title_ru = 'Мой конкурс отбора' WHERE id = $1`, [mine.id]);
    // A non-admin organizer of `mine` only: invited by the admin, accepted from the e-mail.
    const invited = await t.call('POST', `/competitions/${mine.id}/members`, {
      token: admin.accessToken,
      body: { email: organizer.email, role: 'organizer' },
    });
    expect(invited.status).toBe(201);
    const accepted = await t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(t, organizer.email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);

    const region = mine.rulebook.territory.scope[0];
    const districts = (await t.call('GET', `/territories?parent=${region}`)).body as { code: string }[];
    const territoryCodes = districts.length >= 2 ? [districts[0].code, districts[1].code] : [region, region];
    for (const [i, territoryCode] of [territoryCodes[0], territoryCodes[1], territoryCodes[1]].entries()) {
      const applicant = await signUp(t, `org-pages-applicant-${i}`);
      const id = await readyDraft(t, applicant.accessToken, mine, { territoryCode });
      const res = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
      expect(res.status).toBe(200);
      submitted.push({ id, number: res.body.number, territoryCode });
    }
    // A draft is listed too, with its own status.
    const drafter = await signUp(t, 'org-pages-drafter');
    await readyDraft(t, drafter.accessToken, mine);
    browser = await browserOf(organizer);
  });
  afterAll(async () => {
    t.clock.reset();
    await t.close();
  });

  it('lists only the competitions I organize, with status, deadline and the number received', async () => {
    const page = await browser.get('/organizer');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Мой конкурс отбора');
    expect(text).not.toContain('Конкурс другого организатора');
    expect(page.html).toContain(`href="/organizer/competitions/${mine.id}"`);
    expect(text).toContain('приём заявок');
    // Three submitted; the draft is not received.
    expect(page.html).toContain('<td class="num">3</td>');
  });

  it('refuses another organizer’s competition and a stranger, as the API does', async () => {
    const other = await browser.get(`/organizer/competitions/${others.id}/applications`);
    expect(other.status).toBe(403);
    const api = await t.call('GET', `/competitions/${others.id}/applications`, { token: organizer.accessToken });
    expect(api.status).toBe(403);
    const journal = await browser.get(`/organizer/competitions/${others.id}/journal.xlsx`);
    expect(journal.status).toBe(403);
    expect(journal.headers['content-type']).not.toContain('spreadsheetml');
    const anonymous = await new PageClient(t, '10.30.1.1').get(`/organizer/competitions/${mine.id}/applications`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toContain('/sign-in?next=');
  });

  it('narrows the applications by status, territory and search, without JavaScript (a GET form)', async () => {
    const base = `/organizer/competitions/${mine.id}/applications`;
    const all = await browser.get(base);
    expect(all.status).toBe(200);
    expect(all.html).toContain(`<form method="get" action="${base}"`);
    expect(numbersIn(all.html).sort()).toEqual(submitted.map((s) => s.number).sort());
    expect(textOf(all.html)).toContain('Найдено: 4 заявки');

    const drafts = await browser.get(`${base}?status=draft`);
    expect(textOf(drafts.html)).toContain('Найдено: 1 заявка');
    expect(numbersIn(drafts.html)).toEqual([]);

    const byNumber = await browser.get(`${base}?q=${encodeURIComponent(submitted[1].number)}`);
    expect(numbersIn(byNumber.html)).toEqual([submitted[1].number]);

    expect(submitted[0].territoryCode).not.toBe(submitted[1].territoryCode);
    const byTerritory = await browser.get(`${base}?territoryCode=${submitted[0].territoryCode}`);
    expect(numbersIn(byTerritory.html)).toEqual([submitted[0].number]);
    const both = await browser.get(`${base}?territoryCode=${submitted[1].territoryCode}&status=submitted`);
    expect(numbersIn(both.html).sort()).toEqual([submitted[1].number, submitted[2].number].sort());

    const nothing = await browser.get(`${base}?q=${encodeURIComponent('нет такого проекта')}`);
    expect(textOf(nothing.html)).toContain('Найдено: 0 заявок');

    const bad = await browser.get(`${base}?status=nonsense`);
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'f-status')).toBeTruthy();
  });

  it('downloads the registration journal from the page', async () => {
    const page = await browser.get(`/organizer/competitions/${mine.id}/applications`);
    expect(page.html).toContain(`/organizer/competitions/${mine.id}/journal.xlsx?lang=ru`);
    const file = await browser.get(`/organizer/competitions/${mine.id}/journal.xlsx?lang=ru`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toContain('-ru.xlsx');
  });

  it('before the deadline offers no screening run, and a forced one is refused with intake left open', async () => {
    const list = await browser.get(`/organizer/competitions/${mine.id}/applications`);
    expect(textOf(list.html)).not.toContain('Запустить технический отбор');
    const run = await browser.post(`/organizer/competitions/${mine.id}/screening/run`, {});
    expect(run.status).toBe(409);
    expect(run.html).toContain('error-summary');
    expect(textOf(run.html)).toContain('Срок окончания приёма заявок ещё не истёк');
    expect((await t.call('GET', `/competitions/${mine.id}`)).body.status).toBe('open');
  });

  it('shows the checklist, refuses an override without a comment at its field, saves an override and a decision', async () => {
    const target = submitted[0];
    // Once the deadline has passed the applications page offers the run, which closes intake first.
    t.clock.advance(DAY + 1000);
    const list = await browser.get(`/organizer/competitions/${mine.id}/applications`);
    expect(textOf(list.html)).toContain('Запустить технический отбор');
    const run = await browser.post(`/organizer/competitions/${mine.id}/screening/run`, {});
    t.clock.reset();
    expect(run.status).toBe(303);
    const afterRun = await browser.follow(run);
    expect(textOf(afterRun.html)).toContain('Технический отбор выполнен.');
    expect((await t.call('GET', `/competitions/${mine.id}`)).body.status).toBe('screening');
    // A second press (a double click) finds intake closed and is no error.
    const again = await browser.post(`/organizer/competitions/${mine.id}/screening/run`, {});
    expect(again.status).toBe(303);

    const url = `/organizer/competitions/${mine.id}/applications/${target.id}/screening`;
    const page = await browser.get(url);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain(`Технический отбор заявки ${target.number}`);
    expect(text).toContain('Обязательные документы приложены');
    expect(text).toContain('решение не принято');

    const noComment = await browser.post(url, {
      verdict_required_documents: 'fail',
      comment_required_documents: ' ',
      decision: 'screened_out',
      comment: '',
    });
    expect(noComment.status).toBe(400);
    expect(fieldError(noComment.html, 'f-comment_required_documents')).toBeTruthy();
    // What was typed stays.
    expect(noComment.html).toMatch(/value="fail" selected/);
    const untouched = await t.call('GET', `/applications/${target.id}/screening`, { token: admin.accessToken });
    expect(untouched.body.decision).toBeNull();

    const saved = await browser.post(url, {
      verdict_required_documents: 'fail',
      comment_required_documents: 'Согласие не подписано',
      decision: 'screened_out',
      comment: 'Нет подписанного согласия',
    });
    expect(saved.status).toBe(303);
    const after = await browser.follow(saved);
    expect(textOf(after.html)).toContain('Решение сохранено.');
    expect(textOf(after.html)).toContain('Комментарий организатора: Согласие не подписано');
    const api = await t.call('GET', `/applications/${target.id}/screening`, { token: admin.accessToken });
    expect(api.body.decision).toBe('screened_out');
    expect(api.body.decisionComment).toBe('Нет подписанного согласия');
    expect(api.body.lines.find((l: { rule: string }) => l.rule === 'required_documents').override).toMatchObject({
      passed: false,
      comment: 'Согласие не подписано',
    });
  });

  it('asks for a decision, and answers an application of another competition as not found', async () => {
    const url = `/organizer/competitions/${mine.id}/applications/${submitted[1].id}/screening`;
    await browser.get(url);
    const noDecision = await browser.post(url, { comment: '' });
    expect(noDecision.status).toBe(400);
    expect(fieldError(noDecision.html, 'f-decision')).toBeTruthy();

    const applicant = await signUp(t, 'org-pages-other-applicant');
    const foreign = await readyDraft(t, applicant.accessToken, others);
    const wrongPath = await browser.get(`/organizer/competitions/${mine.id}/applications/${foreign}/screening`);
    expect(wrongPath.status).toBe(404);
  });

  it('refuses a forged form without the CSRF token', async () => {
    const url = `/organizer/competitions/${mine.id}/applications/${submitted[2].id}/screening`;
    const forged = await browser.post(url, { _csrf: null, decision: 'screened_in', comment: '' });
    expect(forged.status).toBe(403);
    const api = await t.call('GET', `/applications/${submitted[2].id}/screening`, { token: admin.accessToken });
    expect(api.body.decision).toBeNull();
  });
  it('publishes the screening after a confirmation page that counts who will be told what', async () => {
    const url = `/organizer/competitions/${mine.id}/screening/publish`;
    const early = await browser.get(url);
    expect(early.status).toBe(200);
    const earlyText = textOf(early.html);
    expect(earlyText).toContain('Узнают, что прошли отбор: 0 заявителей');
    expect(earlyText).toContain('Узнают, что не прошли отбор, с причинами: 1 заявитель');
    expect(earlyText).toContain('Без решения: 2 заявки');
    const refused = await browser.post(url, {});
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('error-summary');
    expect(textOf(refused.html)).not.toMatch(/errors\.|pages\.organizer\./);
    expect((await t.call('GET', `/competitions/${mine.id}`)).body.status).toBe('screening');

    for (const s of [submitted[1], submitted[2]]) {
      const res = await t.call('PUT', `/applications/${s.id}/screening`, {
        token: organizer.accessToken,
        body: { decision: 'screened_in' },
      });
      expect(res.status).toBe(200);
    }
    const ready = await browser.get(url);
    expect(textOf(ready.html)).toContain('Узнают, что прошли отбор: 2 заявителя');
    expect(textOf(ready.html)).not.toContain('Без решения');
    const published = await browser.post(url, {});
    expect(published.status).toBe(303);
    expect(textOf((await browser.follow(published)).html)).toContain('Итоги технического отбора опубликованы.');
    expect((await t.call('GET', `/competitions/${mine.id}`)).body.status).toBe('scoring');
    const told: { count: number }[] = await t.db.query(
      `SELECT count(*)::int AS count FROM notification_outbox WHERE template = 'screening-result' AND competition_id = $1`,
      [mine.id],
    );
    expect(told[0].count).toBe(3);
  });
});
