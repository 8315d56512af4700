import { makeAdmin, signUp, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { memberOfAge, openCompetition, readyDraft } from '../support/competitions';
import { PageClient, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

/** A browser signed in as the account, through the sign-in form. */
async function signedIn(t: TestApp, account: TestAccount): Promise<PageClient> {
  const browser = new PageClient(t);
  await browser.get('/sign-in');
  const res = await browser.post('/sign-in', { email: account.email, password: TEST_PASSWORD, next: '/me' });
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  return browser;
}

/** The application's steps as pages (issue 14): start, project, team, budget; each saves on the server. */
describe('web pages: the application in steps', () => {
  let t: TestApp;
  let admin: TestAccount;
  let youth: any;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'steps-organizer'));
    youth = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + 20 * DAY));
  });
  afterAll(async () => {
    await t.close();
  });

  /** Starts a draft through the apply page; returns its id. */
  async function startDraft(browser: PageClient, competitionId = youth.id): Promise<string> {
    await browser.get(`/competitions/${competitionId}/apply`);
    const res = await browser.post(`/competitions/${competitionId}/apply`, { applicantKind: 'initiative_group' });
    expect(res.status).toBe(303);
    const id = /^\/applications\/([0-9a-f-]{36})\/project\?notice=started$/.exec(res.location ?? '')?.[1];
    if (!id) throw new Error(`no draft in ${res.location}`);
    return id;
  }

  describe('start', () => {
    it('sends a signed-out visitor to sign in and back to the apply page', async () => {
      const res = await new PageClient(t).get(`/competitions/${youth.id}/apply`);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(`/competitions/${youth.id}/apply`)}`);
    });

    it('explains what an application needs, starts a draft once', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-start'));
      const page = await browser.get(`/competitions/${youth.id}/apply`);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain('Командада 3–5 адам');
      expect(text).toContain('Мүшелердің жасы: 18–29.');
      expect(text).toContain('Сұралатын соманың ең көбі: 1 000 000 ₸.');
      expect(text).toContain('Дербес деректерді жинауға және өңдеуге келісім');

      const id = await startDraft(browser);
      // Back on the apply page, the draft is the way forward; pressing start again opens it, not a second one.
      const again = await browser.get(`/competitions/${youth.id}/apply`);
      expect(again.html).toContain(`href="/applications/${id}/project"`);
      const repeated = await browser.post(`/competitions/${youth.id}/apply`, { applicantKind: 'initiative_group' });
      expect(repeated.location).toBe(`/applications/${id}/project`);
    });

    it('refuses an applicant kind the rulebook does not allow, at the field', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-kind'));
      await browser.get(`/competitions/${youth.id}/apply`);
      const res = await browser.post(`/competitions/${youth.id}/apply`, { applicantKind: 'individual' });
      expect(res.status).toBe(200);
      expect(res.html).toMatch(/<title>Қате: /);
      expect(res.html).toContain('href="#f-applicantKind"');
    });
  });
  describe('project', () => {
    it('shows every question of the rulebook with a label and its limits, saves and shows what was saved', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-project'));
      const id = await startDraft(browser);
      const page = await browser.get(`/applications/${id}/project`);
      expect(page.status).toBe(200);
      for (const [, inputId] of page.html.matchAll(/<(?:input|select|textarea)[^>]*\bid="([^"]+)"/g)) {
        expect(page.html).toContain(`for="${inputId}"`);
      }
      const text = textOf(page.html);
      expect(text).toContain('Кіші жобаның мақсаты');
      expect(text).toContain('Ең көбі 1000 таңба.');
      expect(text).toContain('Мәні: 1–5.');
      // The territories in scope, the rulebook's directions.
      expect(page.html).toContain('<option value="PAV">');
      expect(page.html).not.toContain('<option value="MAN">');
      expect(page.html).toContain('<option value="ecology_landscaping">Экология және абаттандыру</option>');
      expect(page.html).toContain('data-autosave="/applications/');

      const saved = await browser.post(`/applications/${id}/project`, {
        version: /name="version" value="(\d+)"/.exec(page.html)![1],
        title: 'Ауыл жастарының шеберханасы',
        territoryCode: 'PAV',
        direction: 'ecology_landscaping',
        'answers.goal': 'Жастарды қолөнерге баулу',
        'answers.durationMonths': '4',
        action: 'save',
      });
      expect(saved.status).toBe(303);
      expect(saved.location).toBe(`/applications/${id}/project?notice=saved`);
      const [row] = await t.db.query(
        `SELECT title, territory_code, direction, answers FROM applications WHERE id = $1`,
        [id],
      );
      expect(row).toMatchObject({
        title: 'Ауыл жастарының шеберханасы',
        territory_code: 'PAV',
        direction: 'ecology_landscaping',
      });
      expect(row.answers).toMatchObject({ goal: 'Жастарды қолөнерге баулу', durationMonths: 4 });

      const again = await browser.follow(saved);
      expect(textOf(again.html)).toContain('Сақталды.');
      expect(again.html).toContain('value="Ауыл жастарының шеберханасы"');
      expect(again.html).toContain('<option value="PAV" selected>');
      expect(again.html).toContain('>Жастарды қолөнерге баулу</textarea>');

      // "Save and continue" goes on to the team.
      const next = await browser.post(`/applications/${id}/project`, {
        version: /name="version" value="(\d+)"/.exec(again.html)![1],
        title: 'Ауыл жастарының шеберханасы',
        territoryCode: 'PAV',
        action: 'continue',
      });
      expect(next.location).toBe(`/applications/${id}/team`);
    });

    it('keeps everything typed when a save is refused, with the problem at its field', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-project-bad'));
      const id = await startDraft(browser);
      const page = await browser.get(`/applications/${id}/project`);
      const res = await browser.post(`/applications/${id}/project`, {
        version: /name="version" value="(\d+)"/.exec(page.html)![1],
        title: 'Ұ'.repeat(301),
        'answers.goal': 'Мақсат осында жазылған',
        action: 'save',
      });
      expect(res.status).toBe(200);
      expect(res.html).toMatch(/<title>Қате: /);
      expect(res.html).toContain('href="#f-title"');
      expect(res.html).toContain('id="f-title-error"');
      expect(res.html).toContain('>Мақсат осында жазылған</textarea>');
      const [row] = await t.db.query(`SELECT title FROM applications WHERE id = $1`, [id]);
      expect(row.title).toBeNull();
    });

    it('saves a value of the wrong kind as typed and names the problem at the question', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-project-kind'));
      const id = await startDraft(browser);
      const page = await browser.get(`/applications/${id}/project`);
      const res = await browser.post(`/applications/${id}/project`, {
        version: /name="version" value="(\d+)"/.exec(page.html)![1],
        'answers.durationMonths': 'екі ай',
        action: 'continue',
      });
      // Saved (nothing typed is lost), but the step stays open on its problem.
      expect(res.location).toBe(`/applications/${id}/project?notice=saved`);
      const shown = await browser.follow(res);
      expect(shown.html).toContain('id="f-answers-durationMonths-error"');
      expect(shown.html).toContain('value="екі ай"');
      expect(shown.html).not.toMatch(/<title>Қате: /);
    });
    it('asks what a competition without a team or budget asks: its nominations, and no team or budget step', async () => {
      const awards = await openCompetition(t, admin.accessToken, 'volunteer-awards', new Date(Date.now() + 20 * DAY));
      const browser = await signedIn(t, await signUp(t, 'steps-awards'));
      await browser.get(`/competitions/${awards.id}/apply`);
      const res = await browser.post(`/competitions/${awards.id}/apply`, { applicantKind: 'individual' });
      const id = /\/applications\/([0-9a-f-]{36})\/project/.exec(res.location ?? '')![1];
      const page = await browser.get(`/applications/${id}/project`);
      expect(page.html).toContain('name="nomination"');
      expect(page.html).not.toContain(`href="/applications/${id}/team"`);
      expect(page.html).not.toContain(`href="/applications/${id}/budget"`);
      const next = await browser.post(`/applications/${id}/project`, {
        version: /name="version" value="(\d+)"/.exec(page.html)![1],
        nomination: awards.rulebook.nominations[0].code,
        action: 'continue',
      });
      expect(next.location).toBe(`/applications/${id}/documents`);
    });

    it('shows a submitted application’s step without a form, and refuses a save of it at the form', async () => {
      const account = await signUp(t, 'steps-submitted');
      const id = await readyDraft(t, account.accessToken, youth);
      const submitted = await t.call('POST', `/applications/${id}/submit`, { token: account.accessToken });
      expect(submitted.status).toBe(200);
      const browser = await signedIn(t, account);
      const page = await browser.get(`/applications/${id}/project`);
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain('Өтінім жіберілген, оны енді өзгертуге болмайды.');
      expect(textOf(page.html)).toContain(submitted.body.number);
      expect(page.html).not.toContain('name="title"');
      expect(page.html).not.toContain('autosave.js');
      const res = await browser.post(`/applications/${id}/project`, { title: 'Кейін өзгерту', action: 'save' });
      expect(res.status).toBe(200);
      expect(res.html).toContain('class="error-summary"');
      const [row] = await t.db.query(`SELECT title FROM applications WHERE id = $1`, [id]);
      expect(row.title).toBe('Ауылдағы жастар алаңы');
    });
  });

  describe('team', () => {
    function teamForm(members: ReturnType<typeof memberOfAge>[], leader = 0): Record<string, string> {
      const form: Record<string, string> = { leader: String(leader) };
      members.forEach((m, i) => {
        form[`team[${i}].iin`] = m.iin;
        form[`team[${i}].lastName`] = m.lastName;
        form[`team[${i}].firstName`] = m.firstName;
        form[`team[${i}].phone`] = m.phone;
      });
      return form;
    }

    it('saves members by IIN with the leader, and shows their ages read from the IIN', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-team'));
      const id = await startDraft(browser);
      const empty = await browser.get(`/applications/${id}/team`);
      expect(empty.html).toContain('name="team[2].iin"');
      const members = [memberOfAge(20), memberOfAge(22), memberOfAge(25)];
      const res = await browser.post(`/applications/${id}/team`, { ...teamForm(members, 1), action: 'continue' });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/applications/${id}/budget`);
      const rows = await t.db.query(
        `SELECT iin, is_leader, phone FROM application_members WHERE application_id = $1 ORDER BY position`,
        [id],
      );
      expect(rows.map((r: any) => [r.iin, r.is_leader])).toEqual([
        [members[0].iin, false],
        [members[1].iin, true],
        [members[2].iin, false],
      ]);
      expect(rows[0].phone).toBe('+77015550000');
      const page = await browser.get(`/applications/${id}/team`);
      expect(textOf(page.html)).toContain('ЖСН бойынша жасы: 22.');
      expect(page.html).toMatch(/name="leader" value="1" checked/);
    });

    it('puts a wrong IIN at its own row, keeping every row typed (an empty row before it included)', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-team-iin'));
      const id = await startDraft(browser);
      await browser.get(`/applications/${id}/team`);
      const members = [memberOfAge(20), memberOfAge(21), memberOfAge(22)];
      const wrong = members[2].iin.slice(0, 11) + String((Number(members[2].iin[11]) + 1) % 10);
      // Row 1 left empty: the service's team[2] is the form's row 3.
      const form = teamForm([members[0], memberOfAge(23), members[1], { ...members[2], iin: wrong }]);
      for (const f of ['iin', 'lastName', 'firstName', 'phone']) form[`team[1].${f}`] = '';
      const res = await browser.post(`/applications/${id}/team`, { ...form, action: 'save' });
      expect(res.status).toBe(200);
      expect(res.html).toMatch(/<title>Қате: /);
      expect(res.html).toContain('href="#f-team-3-iin"');
      expect(res.html).toContain('id="f-team-3-iin-error"');
      expect(res.html).not.toContain('id="f-team-2-iin-error"');
      expect(res.html).toContain(`value="${wrong}"`);
      expect(res.html).toContain(`value="${members[1].iin}"`);
      expect(res.html).toContain('name="team[1].iin"');
      expect(textOf(res.html)).toContain('4-мүше, ЖСН');
      const [{ count }] = await t.db.query(
        `SELECT count(*)::int AS count FROM application_members WHERE application_id = $1`,
        [id],
      );
      expect(count).toBe(0);
    });

    it('saves a too-young member and names the age problem at that member’s IIN', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-team-age'));
      const id = await startDraft(browser);
      await browser.get(`/applications/${id}/team`);
      const members = [memberOfAge(20), memberOfAge(16), memberOfAge(22)];
      const res = await browser.post(`/applications/${id}/team`, { ...teamForm(members), action: 'continue' });
      expect(res.location).toBe(`/applications/${id}/team?notice=saved`);
      const page = await browser.follow(res);
      expect(page.html).toContain('id="f-team-1-iin-error"');
      expect(page.html).not.toContain('id="f-team-0-iin-error"');
      expect(textOf(page.html)).toContain('ЖСН бойынша жасы 16: конкурсқа 18–29 жастағылар қатысады.');
    });

    it('adds and removes a row without script, losing nothing typed and saving nothing yet', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-team-add'));
      const id = await startDraft(browser);
      await browser.get(`/applications/${id}/team`);
      const members = [memberOfAge(20), memberOfAge(21), memberOfAge(22)];
      const added = await browser.post(`/applications/${id}/team`, {
        ...teamForm(members, 2),
        'team[1].lastName': 'Жазылып жатыр',
        'team[1].iin': '',
        action: 'add',
      });
      expect(added.status).toBe(200);
      expect(added.html).toContain('name="team[3].iin"');
      expect(added.html).not.toContain('name="team[4].iin"');
      expect(added.html).toContain('value="Жазылып жатыр"');
      expect(added.html).toContain(`value="${members[2].iin}"`);
      expect(added.html).toMatch(/name="leader" value="2" checked/);
      expect(added.html).not.toContain('error-summary');

      const removed = await browser.post(`/applications/${id}/team`, { ...teamForm(members, 2), action: 'remove:0' });
      expect(removed.html).not.toContain(`value="${members[0].iin}"`);
      expect(removed.html).toContain(`value="${members[1].iin}"`);
      expect(removed.html).not.toContain('name="team[2].iin"');
      expect(removed.html).toMatch(/name="leader" value="1" checked/);
      const [{ count }] = await t.db.query(
        `SELECT count(*)::int AS count FROM application_members WHERE application_id = $1`,
        [id],
      );
      expect(count).toBe(0);
    });
  });

  describe('budget', () => {
    it('saves lines and shows the totals the server computed, and the cap', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-budget'));
      const id = await startDraft(browser);
      const empty = await browser.get(`/applications/${id}/budget`);
      expect(textOf(empty.html)).toContain('Сұралатын соманың ең көбі: 1 000 000 ₸.');
      const res = await browser.post(`/applications/${id}/budget`, {
        'lines[0].item': 'Бояу',
        'lines[0].quantity': '4',
        'lines[0].unitCost': '12 500',
        'lines[1].item': 'Көшет',
        'lines[1].quantity': '30',
        'lines[1].unitCost': '2000',
        'lines[2].item': '',
        'lines[2].quantity': '',
        'lines[2].unitCost': '',
        total: '1',
        action: 'save',
      });
      expect(res.location).toBe(`/applications/${id}/budget?notice=saved`);
      const page = await browser.follow(res);
      const text = textOf(page.html);
      expect(text).toContain('Баптың сомасы: 50 000 ₸');
      expect(text).toContain('Баптың сомасы: 60 000 ₸');
      expect(text).toContain('Сақталған бюджеттің жиынтығы: 110 000 ₸');
      const [row] = await t.db.query(`SELECT amount_requested FROM applications WHERE id = $1`, [id]);
      expect(Number(row.amount_requested)).toBe(110000);
    });

    it('names a budget above the cap at its total, and a quantity that is not a number at its line', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-budget-cap'));
      const id = await startDraft(browser);
      await browser.get(`/applications/${id}/budget`);
      const over = await browser.post(`/applications/${id}/budget`, {
        'lines[0].item': 'Жабдық',
        'lines[0].quantity': '3',
        'lines[0].unitCost': '400000',
        action: 'continue',
      });
      expect(over.location).toBe(`/applications/${id}/budget?notice=saved`);
      const page = await browser.follow(over);
      expect(page.html).toContain('href="#f-budget"');
      expect(textOf(page.html)).toContain('Сұралатын сома шектен асады: ең көбі 1 000 000 ₸.');

      const bad = await browser.post(`/applications/${id}/budget`, {
        'lines[0].item': 'Жабдық',
        'lines[0].quantity': '1',
        'lines[0].unitCost': '400000',
        'lines[1].item': 'Көлік',
        'lines[1].quantity': 'бірнеше',
        'lines[1].unitCost': '5000',
        action: 'save',
      });
      expect(bad.status).toBe(200);
      expect(bad.html).toContain('id="f-lines-1-quantity-error"');
      expect(bad.html).toContain('value="бірнеше"');
      expect(bad.html).toContain('value="Көлік"');
    });

    it('adds a line without script, keeping what was typed', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-budget-add'));
      const id = await startDraft(browser);
      await browser.get(`/applications/${id}/budget`);
      const res = await browser.post(`/applications/${id}/budget`, {
        'lines[0].item': 'Бояу',
        'lines[0].quantity': '4',
        'lines[0].unitCost': '12500',
        'lines[1].item': 'Көшет',
        'lines[1].quantity': '',
        'lines[1].unitCost': '',
        action: 'add',
      });
      expect(res.status).toBe(200);
      expect(res.html).toContain('name="lines[2].item"');
      expect(res.html).toContain('value="Көшет"');
      expect(res.html).toContain('value="12500"');
    });
  });

  describe('access and autosave', () => {
    it('answers another applicant’s application with the not-found page, for every step and every save', async () => {
      const owner = await signedIn(t, await signUp(t, 'steps-owner'));
      const id = await startDraft(owner);
      const other = await signedIn(t, await signUp(t, 'steps-other'));
      for (const step of ['project', 'team', 'budget']) {
        const page = await other.get(`/applications/${id}/${step}`);
        expect(page.status).toBe(404);
        expect(textOf(page.html)).toContain('Бет табылмады');
        const post = await other.post(`/applications/${id}/${step}`, { title: 'Бөтен', action: 'save' });
        expect(post.status).toBe(404);
      }
      expect((await other.get('/applications/not-an-id/project')).status).toBe(404);
      const [row] = await t.db.query(`SELECT title FROM applications WHERE id = $1`, [id]);
      expect(row.title).toBeNull();
    });

    it('refuses a forged form without the CSRF token, and sends a signed-out save to sign in', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-csrf'));
      const id = await startDraft(browser);
      const forged = await browser.post(`/applications/${id}/project`, {
        _csrf: null,
        title: 'Жалған',
        action: 'save',
      });
      expect(forged.status).toBe(403);
      expect(textOf(forged.html)).toContain('Форманың мерзімі өтті');
      const [row] = await t.db.query(`SELECT title FROM applications WHERE id = $1`, [id]);
      expect(row.title).toBeNull();

      const stranger = new PageClient(t);
      await stranger.get('/sign-in');
      const signedOut = await stranger.post(
        `/applications/${id}/team`,
        { action: 'save' },
        { referer: `http://localhost/applications/${id}/team` },
      );
      expect(signedOut.status).toBe(303);
      expect(signedOut.location).toBe(`/sign-in?next=${encodeURIComponent(`/applications/${id}/team`)}`);
    });

    it('answers an autosave with 204 and the new version, or 422 with the problems at their inputs', async () => {
      const browser = await signedIn(t, await signUp(t, 'steps-autosave'));
      const id = await startDraft(browser);
      const page = await browser.get(`/applications/${id}/project`);
      const version = Number(/name="version" value="(\d+)"/.exec(page.html)![1]);
      const ok = await browser.post(
        `/applications/${id}/project`,
        { version: String(version), title: 'Өздігінен сақталды' },
        { 'x-autosave': '1' },
      );
      expect(ok.status).toBe(204);
      expect(Number(ok.headers['x-version'])).toBe(version + 1);
      expect(ok.location).toBeUndefined();

      const bad = await browser.post(
        `/applications/${id}/project`,
        { version: String(version + 1), title: 'Ұ'.repeat(301) },
        { 'x-autosave': '1' },
      );
      expect(bad.status).toBe(422);
      const body = JSON.parse(bad.html);
      expect(body.errors).toEqual([{ field: 'title', id: 'f-title', message: expect.stringContaining('300') }]);

      // A stale version (saved meanwhile elsewhere) is refused, with the version to save over.
      const stale = await browser.post(
        `/applications/${id}/project`,
        { version: String(version), title: 'Ескі нұсқа' },
        { 'x-autosave': '1' },
      );
      expect(stale.status).toBe(422);
      expect(JSON.parse(stale.html).version).toBe(version + 1);

      const team = await browser.post(
        `/applications/${id}/team`,
        { 'team[0].iin': '123', 'team[0].lastName': 'Ж', leader: '0' },
        { 'x-autosave': '1' },
      );
      expect(team.status).toBe(422);
      expect(JSON.parse(team.html).errors.map((e: any) => e.id)).toContain('f-team-0-iin');
    });
  });
});
