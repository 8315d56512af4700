import { makeAdmin, signUp, TestAccount, uniquePersonBody } from '../support/accounts';
import { memberOfAge, openCompetition, readyDraft } from '../support/competitions';
import { fieldError, signedInPages, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
let nextIp = 10;

interface Criterion {
  code: string;
  maxPoints: number;
  commentBelow?: number;
}

/** A commission member's pages: my competitions, my queue, scoring with the optimistic lock. */
describe('web pages: the commission member', () => {
  let t: TestApp;
  let competition: { id: string; rulebook: { criteria: Criterion[] } };
  const members: TestAccount[] = [];
  const apps: string[] = [];
  /** Each member's one assigned application (quorum 1, two members, two applications). */
  const mine = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    const organizer = await makeAdmin(t, await signUp(t, 'organizer'));
    competition = await openCompetition(t, organizer.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    for (let i = 0; i < 2; i += 1) {
      const member = await signUp(t, `commission${i}`);
      await t.db.query(
        `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'active')`,
        [competition.id, member.userId],
      );
      members.push(member);
    }
    const districts = (await t.call('GET', '/territories?parent=ZHT')).body.filter(
      (x: { kind: string }) => x.kind === 'district',
    );
    for (let i = 0; i < 2; i += 1) {
      const applicant = await signUp(t, `applicant${i}`);
      const profile = await t.call('PUT', '/me/person', {
        token: applicant.accessToken,
        body: uniquePersonBody({ lastName: 'Өтінімова', firstName: `Айгүл${'аб'[i]}` }, '1995-07-01'),
      });
      expect(profile.status).toBe(200);
      const id = await readyDraft(t, applicant.accessToken, competition, {
        members: [memberOfAge(24), memberOfAge(31, 'male'), memberOfAge(45)],
        territoryCode: districts[i].code,
        applicantKind: 'initiative_group',
      });
      expect((await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken })).status).toBe(200);
      apps.push(id);
    }
    t.clock.advance(DAY + 60_000);
    const token = organizer.accessToken;
    expect((await t.call('POST', `/competitions/${competition.id}/close`, { token })).status).toBe(200);
    await t.call('POST', `/competitions/${competition.id}/screening/run`, { token });
    for (const id of apps)
      await t.call('PUT', `/applications/${id}/screening`, { token, body: { decision: 'screened_in' } });
    expect((await t.call('POST', `/competitions/${competition.id}/screening/publish`, { token })).status).toBe(200);
    const assigned = await t.call('POST', `/competitions/${competition.id}/assignments`, {
      token,
      body: { quorum: 1 },
    });
    expect(assigned.status).toBe(200);
    const rows: { applicationId: string; memberId: string }[] = await t.db.query(
      `SELECT application_id AS "applicationId", member_id AS "memberId" FROM commission_assignments WHERE competition_id = $1`,
      [competition.id],
    );
    for (const r of rows) mine.set(r.memberId, r.applicationId);
    expect(new Set(mine.values()).size).toBe(2);
  });
  afterAll(async () => {
    await t.close();
  });

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru' = 'kk') =>
    signedInPages(t, account, lang, `10.30.0.${nextIp++}`);

  /** A full score sheet at the top of every criterion (no comment needed), or with overrides. */
  function sheet(version: number, points: (c: Criterion) => string = (c) => String(c.maxPoints)) {
    const form: Record<string, string> = { version: String(version) };
    competition.rulebook.criteria.forEach((c, i) => {
      form[`scores[${i}].criterion`] = c.code;
      form[`scores[${i}].points`] = points(c);
      form[`scores[${i}].comment`] = '';
    });
    return form;
  }

  const scoringUrl = (applicationId: string) => `/commission/${competition.id}/applications/${applicationId}`;
  const storedScores = async (member: TestAccount) =>
    t.db.query(`SELECT version, criterion_points AS points FROM commission_scores WHERE member_id = $1`, [
      member.userId,
    ]);

  it('lists my competitions with my progress, and my queue shows only the applications assigned to me', async () => {
    const browser = await browserOf(members[0], 'ru');
    const home = await browser.get('/commission');
    expect(home.status).toBe(200);
    expect(textOf(home.html)).toContain('Оценено 0 из 1 заявки');
    const queue = await browser.get(`/commission/${competition.id}`);
    expect(queue.status).toBe(200);
    const [number0, number1] = await Promise.all(
      apps.map(async (id) => (await t.db.query(`SELECT number FROM applications WHERE id = $1`, [id]))[0].number),
    );
    const myNumber = mine.get(members[0].userId) === apps[0] ? number0 : number1;
    const otherNumber = myNumber === number0 ? number1 : number0;
    expect(textOf(queue.html)).toContain(myNumber);
    expect(queue.html).toContain(`href="/commission/${competition.id}/conflicts"`);
    expect(textOf(queue.html)).toContain('Не оценена');
    expect(textOf(queue.html)).not.toContain(otherNumber);
    expect(queue.html).toContain(`href="${scoringUrl(mine.get(members[0].userId)!)}"`);
  });

  it('another member’s application is the 404 page, and a stranger may not open the queue', async () => {
    const browser = await browserOf(members[0]);
    const other = mine.get(members[1].userId)!;
    expect((await browser.get(scoringUrl(other))).status).toBe(404);
    const posted = await browser.post(scoringUrl(other), sheet(0));
    expect(posted.status).toBe(404);
    expect(await storedScores(members[0])).toEqual([]);
    const stranger = await browserOf(await signUp(t, 'stranger'));
    expect((await stranger.get(`/commission/${competition.id}`)).status).not.toBe(200);
    expect(textOf((await stranger.get('/commission')).html)).toContain('комиссия мүшесі емессіз');
  });

  it('shows a comment missing under the threshold at its field and saves nothing', async () => {
    const browser = await browserOf(members[0]);
    const url = scoringUrl(mine.get(members[0].userId)!);
    const page = await browser.get(url);
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="version" value="0"');
    const low = competition.rulebook.criteria.findIndex((c) => c.commentBelow !== undefined);
    expect(low).toBeGreaterThanOrEqual(0);
    const res = await browser.post(
      url,
      sheet(0, (c) => (c.code === competition.rulebook.criteria[low].code ? '0' : String(c.maxPoints))),
    );
    expect(res.status).toBe(400);
    expect(fieldError(res.html, `f-scores-${low}-comment`)).toContain('түсініктеме жазыңыз');
    expect(res.html).toContain(`href="#f-scores-${low}-comment"`);
    expect(await storedScores(members[0])).toEqual([]);
  });

  it('saves, then a save from an older page shows both versions and overwrites nothing until sent again', async () => {
    const url = scoringUrl(mine.get(members[0].userId)!);
    const criteria = competition.rulebook.criteria;
    const first = await browserOf(members[0], 'ru');
    const second = await browserOf(members[0], 'ru');
    await first.get(url);
    await second.get(url);
    const saved = await first.post(url, sheet(0));
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${url}?notice=saved`);
    const after = await first.follow(saved);
    expect(textOf(after.html)).toContain('Ваша оценка сохранена.');
    expect(after.html).toContain('name="version" value="1"');

    // The second window still holds version 0 and types other points.
    const stale = await second.post(
      url,
      sheet(0, (c) => String(c.maxPoints - 1)),
    );
    expect(stale.status).toBe(409);
    const text = textOf(stale.html);
    expect(text).toContain('Оценку уже сохранили раньше вас');
    expect(text).toContain('Сохранено сейчас');
    expect(text).toContain('Введено вами');
    expect(stale.html).toContain(`value="${criteria[0].maxPoints - 1}"`);
    expect(stale.html).toContain('name="version" value="1"');
    expect(await storedScores(members[0])).toEqual([{ version: 1, points: criteria.map((c) => c.maxPoints) }]);

    // Sent again on purpose, with the version it was shown.
    const again = await second.post(
      url,
      sheet(1, (c) => String(c.maxPoints - 1)),
    );
    expect(again.status).toBe(303);
    expect(await storedScores(members[0])).toEqual([{ version: 2, points: criteria.map((c) => c.maxPoints - 1) }]);
    const queue = await second.get(`/commission/${competition.id}`);
    expect(textOf(queue.html)).toContain('Оценено 1 из 1 заявки');
  });

  it('refuses a forged form without the CSRF token', async () => {
    const browser = await browserOf(members[1]);
    const url = scoringUrl(mine.get(members[1].userId)!);
    await browser.get(url);
    const forged = await browser.post(url, { ...sheet(0), _csrf: null });
    expect(forged.status).toBe(403);
    expect(await storedScores(members[1])).toEqual([]);
  });
});
