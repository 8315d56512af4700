import { TestAccount } from '../support/accounts';
import { grantCompetition, GrantCompetition } from '../support/contracts';
import { minimalPng, realDocx } from '../support/files';
import { PageClient, PageResponse, signedInPages, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

describe('contract pages: the organizer generates, sends, countersigns and terminates; the winner reads, downloads and signs', () => {
  let t: TestApp;
  let mini: GrantCompetition;
  let organizer: PageClient;
  let nextIp = 1;
  const tag = `p${Date.now() % 100000}`;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru') => signedInPages(t, account, lang, `10.41.0.${nextIp++}`);

  /** The file form as a browser sends it: the action (with its CSRF token) read from the page. */
  async function uploadFrom(b: PageClient, page: PageResponse, file: { name: string; bytes: Buffer; type: string }) {
    const action = /<form method="post" action="([^"]+signed-copy[^"]*)"/.exec(page.html)![1].replace(/&amp;/g, '&');
    return b.postFile(action, {}, file);
  }

  const contractOf = async (applicationId: string): Promise<{ id: string; number: string; status: string }> =>
    (await t.db.query(`SELECT id, number, status FROM contracts WHERE application_id = $1`, [applicationId]))[0];
  const listUrl = () => `/organizer/competitions/${mini.id}/contracts`;

  beforeAll(async () => {
    t = await createTestApp();
    mini = await grantCompetition(t, { templateCode: 'mini-grants-district', tag, winners: 2, locales: ['kk', 'ru'] });
    organizer = await browserOf(mini.organizer, 'ru');
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('lists nothing at first; the list is for the organizers of this competition only', async () => {
    const page = await organizer.get(listUrl());
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Договоры о гранте');
    expect(textOf(page.html)).toContain('Договоров пока нет.');
    const winner = await browserOf(mini.winners[0].applicant, 'kk');
    const refused = await winner.get(listUrl());
    expect(refused.status).not.toBe(200);
    expect(textOf(refused.html)).not.toContain('Грант шарттары');
  });

  it('generates a contract per winner; a second click creates nothing twice and says so', async () => {
    const first = await organizer.post(`${listUrl()}/generate`, {});
    expect(first.status).toBe(303);
    const shown = await organizer.follow(first);
    expect(textOf(shown.html)).toContain('Создано 2 новых договора.');
    const again = await organizer.follow(await organizer.post(`${listUrl()}/generate`, {}));
    expect(textOf(again.html)).toContain('Новых договоров нет: у каждого победителя договор уже есть.');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM contracts WHERE competition_id = $1`, [mini.id]);
    expect(n).toBe(2);
    const c = await contractOf(mini.winners[0].id);
    expect(textOf(again.html)).toContain(c.number);
    expect(textOf(again.html)).toContain('создан, не отправлен');
  });

  it('sends once: the second click is refused with a clear message and changes nothing', async () => {
    const c = await contractOf(mini.winners[0].id);
    const sent = await organizer.post(`${listUrl()}/${c.id}/send`, {});
    expect(sent.status).toBe(303);
    expect(textOf((await organizer.follow(sent)).html)).toContain('Договор отправлен на подпись');
    const twice = await organizer.post(`${listUrl()}/${c.id}/send`, {});
    expect(twice.status).toBe(409);
    expect(textOf(twice.html)).toContain(`Договор ${c.number} уже отправлен.`);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'contract.sent'`,
      [c.id],
    );
    expect(n).toBe(1);
  });

  it("changes a draft's project dates on its page (the reports' due date follows); a sent contract has no such form", async () => {
    const c = await contractOf(mini.winners[1].id);
    const page = await organizer.get(`/contracts/${c.id}`);
    expect(textOf(page.html)).toContain('Сроки проекта');
    const version = /name="version" value="(\d+)"/.exec(page.html)![1];
    const [before] = await t.db.query(`SELECT content, version FROM contracts WHERE id = $1`, [c.id]);

    const backwards = await organizer.post(`/contracts/${c.id}/dates`, {
      startsOn: '2027-03-01',
      endsOn: '2027-02-01',
      version,
    });
    expect(backwards.status).toBe(400);
    expect(textOf(backwards.html)).toContain('Дата окончания проекта должна быть позже даты начала');
    expect(backwards.html).toContain('value="2027-02-01"'); // as typed
    const [unchanged] = await t.db.query(`SELECT content, version FROM contracts WHERE id = $1`, [c.id]);
    expect(unchanged).toEqual(before);

    const saved = await organizer.post(`/contracts/${c.id}/dates`, {
      startsOn: '2027-03-01',
      endsOn: '2027-04-30',
      version,
    });
    expect(saved.status).toBe(303);
    expect(textOf((await organizer.follow(saved)).html)).toContain('Сроки проекта сохранены');
    const [after] = await t.db.query(`SELECT content FROM contracts WHERE id = $1`, [c.id]);
    expect(after.content).toMatchObject({ startsOn: '2027-03-01', endsOn: '2027-04-30' });
    expect(after.content.reporting.dueOn).toBe('2027-05-10');

    const stale = await organizer.post(`/contracts/${c.id}/dates`, {
      startsOn: '2027-03-02',
      endsOn: '2027-04-30',
      version,
    });
    expect(stale.status).toBe(409);
    const winner = await browserOf(mini.winners[1].applicant, 'kk');
    expect(
      (await winner.post(`/contracts/${c.id}/dates`, { startsOn: '2027-03-02', endsOn: '2027-04-30' })).status,
    ).toBe(404);

    const sent = await contractOf(mini.winners[0].id);
    expect(textOf((await organizer.get(`/contracts/${sent.id}`)).html)).not.toContain('Сохранить сроки');
  });

  it('refuses to terminate without a reason, at the reason field, and saves nothing', async () => {
    const c = await contractOf(mini.winners[1].id);
    const res = await organizer.post(`${listUrl()}/${c.id}/terminate`, { reason: '  ' });
    expect(res.status).toBe(400);
    expect(res.html).toContain(`id="f-terminate-${c.id}-error"`);
    expect(textOf(res.html)).toContain(`Причина для договора ${c.number}`);
    expect((await contractOf(mini.winners[1].id)).status).toBe('draft');
  });

  it('shows the winner their contract in their language; another applicant gets "not found"', async () => {
    const c = await contractOf(mini.winners[0].id);
    const winner = await browserOf(mini.winners[0].applicant, 'kk');
    const page = await winner.get(`/contracts/${c.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain(`${c.number} шарты`);
    expect(text).toContain('қол қоюға жіберілді');
    expect(text).toContain(mini.organizerOrganization.name);
    expect(text).toContain('Төлем кестесі');
    expect(text).toContain('Шарттың қол қойылған көшірмесі');
    const other = await browserOf(mini.winners[1].applicant, 'ru');
    expect((await other.get(`/contracts/${c.id}`)).status).toBe(404);
    expect((await other.download(`/contracts/${c.id}/document.docx?lang=ru`)).statusCode).toBe(404);
    for (const lang of ['kk', 'ru']) {
      const file = await winner.download(`/contracts/${c.id}/document.docx?lang=${lang}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('wordprocessingml');
    }
    // From the application's own page.
    const app = await winner.get(`/applications/${mini.winners[0].id}`);
    expect(textOf(app.html)).toContain('Грант шарты');
    const link = await winner.get(`/applications/${mini.winners[0].id}/contract`);
    expect(link.status).toBe(303);
    expect(link.location).toBe(`/contracts/${c.id}`);
  });

  it('refuses a signed copy that is not PDF, JPG or PNG beside the field, then takes a PNG; the organizer countersigns', async () => {
    const c = await contractOf(mini.winners[0].id);
    const winner = await browserOf(mini.winners[0].applicant, 'kk');
    const page = await winner.get(`/contracts/${c.id}`);
    const refused = await uploadFrom(winner, page, {
      name: 'шарт.pdf',
      bytes: await realDocx(),
      type: 'application/pdf',
    });
    expect(refused.status).toBe(415);
    expect(refused.html).toContain('id="f-file-error"');
    expect(textOf(refused.html)).toContain('Шарттың қол қойылған көшірмесі PDF, JPG немесе PNG файлы болуы керек.');
    expect((await contractOf(mini.winners[0].id)).status).toBe('sent');
    const ok = await uploadFrom(winner, page, { name: 'шарт.png', bytes: minimalPng(), type: 'image/png' });
    expect(ok.status).toBe(303);
    const after = await winner.get(ok.location!);
    expect(textOf(after.html)).toContain('Қол қойылған көшірме жүктелді.');
    expect(textOf(after.html)).toContain('грант алушы қол қойды');

    const list = await organizer.get(listUrl());
    expect(textOf(list.html)).toContain('подписанная копия');
    const copy = await organizer.download(`/contracts/${c.id}/signed-copy`);
    expect(copy.statusCode).toBe(200);
    expect(copy.rawPayload.equals(minimalPng())).toBe(true);
    const signed = await organizer.post(`${listUrl()}/${c.id}/countersign`, {});
    expect(signed.status).toBe(303);
    expect(textOf((await organizer.follow(signed)).html)).toContain('Договор подписан: он вступил в силу.');
    const twice = await organizer.post(`${listUrl()}/${c.id}/countersign`, {});
    expect(twice.status).toBe(409);
    const [application] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [mini.winners[0].id]);
    expect(application.status).toBe('contracted');
    expect(textOf((await winner.get(`/contracts/${c.id}`)).html)).toContain('күшінде');
  });

  it('terminates with a reason, told on the list; the reason shows on the winner page', async () => {
    const c = await contractOf(mini.winners[1].id);
    const done = await organizer.post(`${listUrl()}/${c.id}/terminate`, { reason: 'Победитель отказался от гранта' });
    expect(done.status).toBe(303);
    expect(textOf((await organizer.follow(done)).html)).toContain('Договор расторгнут, сторонам ушли письма.');
    const winner = await browserOf(mini.winners[1].applicant, 'ru');
    expect(textOf((await winner.get(`/contracts/${c.id}`)).html)).toContain(
      'Договор расторгнут. Причина: Победитель отказался от гранта',
    );
    // A second click changes nothing.
    const again = await organizer.post(`${listUrl()}/${c.id}/terminate`, { reason: 'Ещё раз' });
    expect(again.status).toBe(409);
    expect(textOf(again.html)).toContain('завершён или расторгнут');
  });
});
