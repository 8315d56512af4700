import { makeAdmin, signUp, TestAccount, tokenFromOutbox } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { signedInPages, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
let nextIp = 10;

/** A competition's page for its organizer, and the menu that leads staff to their pages (issue 15). */
describe('web pages: the organizer’s competition page and the staff menu', () => {
  let t: TestApp;
  let admin: TestAccount;
  let organizer: TestAccount;
  let applicant: TestAccount;
  let open: { id: string; rulebook: any };
  let others: { id: string };

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru') => signedInPages(t, account, lang, `10.31.0.${nextIp++}`);

  async function invite(competitionId: string, account: TestAccount, role: string): Promise<void> {
    const invited = await t.call('POST', `/competitions/${competitionId}/members`, {
      token: admin.accessToken,
      body: { email: account.email, role },
    });
    expect(invited.status).toBe(201);
    const accepted = await t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(t, account.email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'hub-admin'));
    organizer = await signUp(t, 'hub-organizer', 'ru');
    applicant = await signUp(t, 'hub-applicant');
    open = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    others = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    await t.db.query(`UPDATE competitions SET title_ru = 'Конкурс с главной страницей' WHERE id = $1`, [open.id]);
    await invite(open.id, organizer, 'organizer');
  });
  afterAll(async () => {
    await t.close();
  });

  it('an applicant’s menu has no staff links; an organizer’s has the organizer’s and operations pages', async () => {
    const nav = (html: string) => textOf(/<nav class="site-nav"[\s\S]*?<\/nav>/.exec(html)![0]);
    const plain = await browserOf(applicant, 'kk');
    const applicantNav = nav((await plain.get('/me')).html);
    expect(applicantNav).toContain('Менің бетім');
    expect(applicantNav).not.toContain('Ұйымдастырушы');
    expect(applicantNav).not.toContain('Комиссия');

    const org = await browserOf(organizer, 'ru');
    const organizerNav = nav((await org.get('/me')).html);
    expect(organizerNav).toContain('Организатор');
    // Organizers retry their competitions' failed e-mails there.
    expect(organizerNav).toContain('Работа системы');
    expect(organizerNav).not.toContain('Комиссия');
    expect((await org.get('/me')).html).toContain('href="/organizer"');

    const adm = await browserOf(admin, 'ru');
    expect(nav((await adm.get('/me')).html)).toContain('Работа системы');

    // A mentor finds their teams' page.
    const mentor = await signUp(t, 'hub-mentor', 'ru');
    await invite(open.id, mentor, 'mentor');
    const mentorNav = nav((await (await browserOf(mentor, 'ru')).get('/me')).html);
    expect(mentorNav).toContain('Наставник');
    expect(mentorNav).not.toContain('Организатор');
  });

  it('my competitions link to each competition’s page, which says where it stands and what comes next', async () => {
    const org = await browserOf(organizer, 'ru');
    const list = await org.get('/organizer');
    expect(list.html).toContain(`href="/organizer/competitions/${open.id}"`);
    expect(list.html).toContain('href="/organizer/competitions/new"');

    const page = await org.get(`/organizer/competitions/${open.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Конкурс с главной страницей');
    expect(text).toContain('приём заявок');
    expect(text).toMatch(/Заявки принимаются до \d{1,2} \S+ \d{4}, \d{2}:\d{2}/);
    // Every part of the work is one click away; the draw only where the rulebook has one.
    for (const part of ['rules', 'members', 'applications']) {
      expect(page.html).toContain(`href="/organizer/competitions/${open.id}/${part}"`);
    }
    expect(text).toContain('Жеребьёвка');
    expect(text).toContain('Наставники');
    expect(text).toContain('Социальные стипендии');
    // Arms A and B sign grant contracts; no prizes here.
    expect(text).toContain('Договоры');
    expect(text).not.toContain('Призы и акт приема-передачи');
    // What comes later is listed, not linked, until the competition gets there.
    expect(page.html).not.toContain(`href="/organizer/competitions/${open.id}/results"`);
    expect(text).toContain('Раздел откроется, когда конкурс дойдёт до этого этапа.');
  });

  it('a draft says to check the rules and open it, in Kazakh too; a mini-grants competition has no draw part', async () => {
    const draft = (
      await t.call('POST', '/competitions', {
        token: admin.accessToken,
        body: { templateCode: 'mini-grants-district', title: { kk: 'Нобай конкурс', ru: 'Черновик конкурса' } },
      })
    ).body as { id: string };
    const adm = await browserOf(admin, 'kk');
    const page = await adm.get(`/organizer/competitions/${draft.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Келесі қадам: конкурс ережесін тексеріп, конкурсты ашыңыз.');
    expect(text).not.toContain('Жеребе');
    // Training and mentors come with a draw's arms only.
    expect(text).not.toContain('Оқыту және алынғаны');
    expect(text).not.toContain('Тәлімгерлер');
    expect(page.html).toContain('aria-current="step"');
  });

  it('an application opens in full for the organizer; its screening page before screening is run says so', async () => {
    const id = await readyDraft(t, applicant.accessToken, open);
    const submitted = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
    expect(submitted.status).toBe(200);
    const org = await browserOf(organizer, 'ru');
    const full = await org.get(`/organizer/competitions/${open.id}/applications/${id}`);
    expect(full.status).toBe(200);
    const text = textOf(full.html);
    expect(text).toContain(`Заявка ${submitted.body.number}`);
    expect(text).toContain('Лист технического отбора');
    // The team as the applicant entered it (names, not only counts).
    expect(text).toContain('Қатысушы');

    const screening = await org.get(`/organizer/competitions/${open.id}/applications/${id}/screening`);
    expect(screening.status).toBe(200);
    expect(textOf(screening.html)).toContain('Технический отбор по этой заявке ещё не запускался.');
    const save = await org.post(`/organizer/competitions/${open.id}/applications/${id}/screening`, {
      decision: 'screened_in',
      comment: 'рано',
    });
    expect(save.status).toBe(409);
    const after = await t.call('GET', `/applications/${id}`, { token: applicant.accessToken });
    expect(after.body.status).toBe('submitted');

    // The same application under another competition's address is not found.
    const wrong = await org.get(`/organizer/competitions/${others.id}/applications/${id}`);
    expect([403, 404]).toContain(wrong.status);
  });

  it('once the deadline has passed, says intake is over and screening comes next', async () => {
    const org = await browserOf(organizer, 'ru');
    t.clock.set(new Date(Date.now() + 2 * DAY));
    try {
      const text = textOf((await org.get(`/organizer/competitions/${open.id}`)).html);
      expect(text).toMatch(
        /Приём заявок завершился \d{1,2} \S+ \d{4}, \d{2}:\d{2}\. Следующий шаг: запустите технический отбор/,
      );
      expect(text).not.toContain('Заявки принимаются до');
    } finally {
      t.clock.reset();
    }
  });

  it('another organizer’s competition is refused, as the API refuses it', async () => {
    const org = await browserOf(organizer, 'ru');
    const page = await org.get(`/organizer/competitions/${others.id}`);
    expect([403, 404]).toContain(page.status);
    expect(textOf(page.html)).not.toContain('Следующий шаг');
  });
});
