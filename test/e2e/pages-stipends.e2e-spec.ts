import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { memberOfAge, openCompetition } from '../support/competitions';
import { fieldError, PageClient, signedInPages, textOf } from '../support/page-client';
import { readRegister, StipendFixture, stipendCompetition } from '../support/stipends';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);
const DAY = 24 * 3600 * 1000;

let nextIp = 10;

/** The organizer's stipends page (issue 16.4) and the education status on the applicant's team step. */
describe('web pages: social stipends', () => {
  let t: TestApp;
  let f: StipendFixture;
  let stranger: TestAccount;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru' = 'kk') =>
    signedInPages(t, account, lang, `10.31.0.${nextIp++}`);

  beforeAll(async () => {
    t = await createTestApp();
    f = await stipendCompetition(t, 'stipends-pages');
    const admin = await makeAdmin(t, await signUp(t, 'stipends-pages-stranger'));
    await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    await t.db.query('UPDATE users SET is_admin = false WHERE id = $1', [admin.userId]);
    stranger = admin;
  });
  afterAll(async () => {
    await t.close();
  });

  const page = (id = f.competition.id) => `/organizer/competitions/${id}/stipends`;

  it('opens on the project’s first month when the project is not running now: totals per arm and region, the unstated, downloads', async () => {
    const b = await browserOf(f.organizer);
    const res = await b.get(page());
    expect(res.status).toBe(200);
    const text = textOf(res.html);
    expect(text).toContain('Әлеуметтік стипендиялар');
    expect(text).toContain('колледж бен жоғары оқу орнының түлектеріне — 61 000 ₸');
    expect(text).toContain('Жоба кезеңі: 2026 ж. шілде – 2026 ж. қыркүйек (3 ай).');
    expect(text).toContain('2026 ж. шілде айының тізілімі');
    expect(text).toContain('Барлығы: 7 адам, 287 000 ₸.');
    expect(text).toContain(
      'Топтар бойынша Тобы Адам саны Сомасы A тобы 2 87 000 ₸ B тобы 5 200 000 ₸ Барлығы 7 287 000 ₸',
    );
    expect(text).toContain('Алматы облысы 4 174 000 ₸');
    expect(text).toContain('Түркістан облысы 3 113 000 ₸');
    const unstated = f.applications[1];
    expect(text).toContain('Білімі көрсетілмеген қатысушылар: 1');
    expect(text).toContain(`${unstated.number} — ${unstated.members[2].lastName} ${unstated.members[2].firstName}`);
    expect(res.html).toMatch(/<option value="2026-07" selected>2026 ж. шілде<\/option>/);
    expect(res.html).toContain('<option value="2026-09">2026 ж. қыркүйек</option>');
    expect(res.html).toContain(`href="${page()}.xlsx?month=2026-07&amp;lang=kk"`);
    expect(res.html).toContain(`href="${page()}.xlsx?month=2026-07&amp;lang=ru"`);
  });

  it('shows the month picked, in Russian, with plurals; a month outside the project says the register is empty', async () => {
    const b = await browserOf(f.organizer, 'ru');
    const august = textOf((await b.get(`${page()}?month=2026-08`)).html);
    expect(august).toContain('Период проекта: июль 2026 г. – сентябрь 2026 г. (3 месяца).');
    expect(august).toContain('Реестр за август 2026 г.');
    expect(august).toContain('Итого: 4 человека, 174 000 ₸.');
    expect(august).toContain('Группа A 2 87 000 ₸');
    expect(august).toContain('Группа B 2 87 000 ₸');
    const october = await b.get(`${page()}?month=2026-10`);
    expect(october.status).toBe(200);
    const text = textOf(october.html);
    expect(text).toContain('Этот месяц не входит в период проекта: реестр пуст.');
    expect(text).toContain('Итого: 0 человек, 0 ₸.');
    expect(text).not.toContain('По группам');
  });

  it('downloads the register in kk and in ru: the same rows and totals as the API', async () => {
    const b = await browserOf(f.organizer);
    for (const lang of ['kk', 'ru'] as const) {
      const res = await b.download(`${page()}.xlsx?month=2026-07&lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const sheet = await readRegister(res.rawPayload);
      expect(sheet.rows).toHaveLength(7);
      expect(sheet.totalRow?.[8]).toBe(287_000);
      expect(sheet.header[7]).toBe(lang === 'kk' ? 'Білімі' : 'Образование');
    }
  });

  it('refuses a month that is not YYYY-MM at the month field (400), on the page and on the download', async () => {
    const b = await browserOf(f.organizer, 'ru');
    const bad = await b.get(`${page()}?month=2026-13`);
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'f-month')).toBe('Укажите месяц в виде ГГГГ-ММ, например 2026-07.');
    expect(bad.html).toContain('href="#f-month"');
    expect(bad.html).toContain('value="2026-13"');
    expect(textOf(bad.html)).not.toContain('Итого:');
    const file = await b.download(`${page()}.xlsx?month=июль&lang=kk`);
    expect(file.statusCode).toBe(400);
    expect(file.headers['content-type']).toContain('text/html');
    expect(fieldError(file.body, 'f-month')).toBe('Укажите месяц в виде ГГГГ-ММ, например 2026-07.');
  });

  it('says so for a competition without stipends (409), and refuses another organizer, an applicant and a signed-out visitor', async () => {
    const b = await browserOf(f.organizer, 'kk');
    const grants = await openCompetition(
      t,
      f.organizer.accessToken,
      'mini-grants-district',
      new Date(Date.now() + DAY),
    );
    const none = await b.get(page(grants.id));
    expect(none.status).toBe(409);
    expect(textOf(none.html)).toContain('Бұл конкурстың ережесінде әлеуметтік стипендия жоқ.');
    const other = await browserOf(stranger);
    expect((await other.get(page())).status).toBe(403);
    const file = await other.download(`${page()}.xlsx?month=2026-07&lang=kk`);
    expect(file.statusCode).toBe(403);
    expect(file.headers['content-type']).not.toContain('spreadsheetml');
    const applicant = await browserOf(await signUp(t, 'stipends-pages-applicant'), 'kk');
    expect((await applicant.get(page())).status).toBe(403);
    const anonymous = await new PageClient(t, '10.31.1.1').get(page());
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toContain('/sign-in');
  });

  describe('the team step asks each member’s education status (youth micro-projects)', () => {
    async function draftOf(b: PageClient, competitionId: string): Promise<string> {
      await b.get(`/competitions/${competitionId}/apply`);
      const res = await b.post(`/competitions/${competitionId}/apply`, { applicantKind: 'initiative_group' });
      return /^\/applications\/([0-9a-f-]{36})\//.exec(res.location ?? '')![1];
    }
    function teamForm(members: ReturnType<typeof memberOfAge>[], statuses: string[]): Record<string, string> {
      const form: Record<string, string> = { leader: '0' };
      members.forEach((m, i) => {
        form[`team[${i}].iin`] = m.iin;
        form[`team[${i}].lastName`] = m.lastName;
        form[`team[${i}].firstName`] = m.firstName;
        form[`team[${i}].phone`] = m.phone;
        form[`team[${i}].educationStatus`] = statuses[i];
      });
      return form;
    }

    it('saves the statuses chosen ("not stated" too) and shows them chosen again', async () => {
      const youth = await openCompetition(
        t,
        f.organizer.accessToken,
        'youth-micro-projects',
        new Date(Date.now() + DAY),
      );
      const b = await browserOf(await signUp(t, 'stipends-team'), 'ru');
      const id = await draftOf(b, youth.id);
      const empty = await b.get(`/applications/${id}/team`);
      const text = textOf(empty.html);
      expect(text).toContain('Образование');
      expect(text).toContain(
        'выпускникам школ и студентам 26 000 ₸ в месяц, выпускникам колледжей и вузов 61 000 ₸ в месяц',
      );
      expect(empty.html).toContain('<option value>Не указано</option>');
      expect(empty.html).toContain('<option value="college_graduate">Выпускник колледжа</option>');
      const members = [memberOfAge(20), memberOfAge(22), memberOfAge(25)];
      const res = await b.post(`/applications/${id}/team`, {
        ...teamForm(members, ['university_student', '', 'college_graduate']),
        action: 'save',
      });
      expect(res.status).toBe(303);
      const rows = await t.db.query(
        `SELECT education_status FROM application_members WHERE application_id = $1 ORDER BY position`,
        [id],
      );
      expect(rows.map((r: any) => r.education_status)).toEqual(['university_student', null, 'college_graduate']);
      const again = await b.get(`/applications/${id}/team`);
      expect(again.html).toMatch(
        /name="team\[0\]\.educationStatus"[^>]*>(?:(?!<\/select>)[\s\S])*<option value="university_student" selected>/,
      );
      expect(again.html).toMatch(
        /name="team\[2\]\.educationStatus"[^>]*>(?:(?!<\/select>)[\s\S])*<option value="college_graduate" selected>/,
      );
      // «Not stated»: no status chosen, so the select shows its first choice, «Не указано».
      const second = /name="team\[1\]\.educationStatus"[^>]*>([\s\S]*?)<\/select>/.exec(again.html)![1];
      expect(second).toMatch(/^<option value>Не указано<\/option>/);
      expect(second).not.toContain('selected');
      // The API reads back what the page saved.
      const api = await t.call('GET', `/applications/${id}`, { token: f.organizer.accessToken });
      expect(api.body.team.map((m: any) => m.educationStatus)).toEqual([
        'university_student',
        null,
        'college_graduate',
      ]);
    });

    it('refuses a status that is not one of the six at that member, keeping what was typed and saving nothing', async () => {
      const youth = await openCompetition(
        t,
        f.organizer.accessToken,
        'youth-micro-projects',
        new Date(Date.now() + DAY),
      );
      const b = await browserOf(await signUp(t, 'stipends-team-bad'), 'kk');
      const id = await draftOf(b, youth.id);
      await b.get(`/applications/${id}/team`);
      const members = [memberOfAge(20), memberOfAge(22), memberOfAge(25)];
      const res = await b.post(`/applications/${id}/team`, {
        ...teamForm(members, ['school_leaver', 'phd', '']),
        action: 'save',
      });
      // The team step answers a refused save with the form again (200), its title saying «Қате».
      expect(res.status).toBe(200);
      expect(res.html).toMatch(/<title>Қате: /);
      expect(res.html).toContain('href="#f-team-1-educationStatus"');
      expect(fieldError(res.html, 'f-team-1-educationStatus')).toMatch(/^Рұқсат етілмеген мән/);
      expect(res.html).toContain(`value="${members[2].iin}"`);
      const saved = await t.db.query(`SELECT count(*)::int AS n FROM application_members WHERE application_id = $1`, [
        id,
      ]);
      expect(saved[0].n).toBe(0);
      // The API refuses it the same way, and the database refuses what the API would never send.
      const api = await t.call('GET', `/applications/${id}`, { token: f.organizer.accessToken });
      expect(api.body.team).toEqual([]);
      await expect(
        t.db.query(`UPDATE application_members SET education_status = 'phd' WHERE competition_id = $1`, [
          f.competition.id,
        ]),
      ).rejects.toThrow(/chk_application_members_education_status/);
    });

    it('is not asked where the rulebook pays no stipends', async () => {
      const grants = await openCompetition(
        t,
        f.organizer.accessToken,
        'mini-grants-district',
        new Date(Date.now() + DAY),
      );
      const b = await browserOf(await signUp(t, 'stipends-team-grants'), 'kk');
      const id = await draftOf(b, grants.id);
      const team = await b.get(`/applications/${id}/team`);
      expect(team.status).toBe(200);
      expect(team.html).toContain('name="team[0].iin"');
      expect(team.html).not.toContain('educationStatus');
    });
  });
});
