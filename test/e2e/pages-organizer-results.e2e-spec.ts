import { randomUUID } from 'node:crypto';
import { makeAdmin, signUp, TestAccount, tokenFromOutbox, uniquePersonBody } from '../support/accounts';
import { openCompetition } from '../support/competitions';
import { readDocx } from '../support/docx-reader';
import { fieldError, PageClient, signedInPages, textOf } from '../support/page-client';
import { competitionStory, Story } from '../support/published-results';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
let nextIp = 10;

interface Criterion {
  code: string;
  maxPoints: number;
  step: number;
  commentBelow?: number;
}

/**
 * The organizer's commission and results pages (issue 15): members and conflicts, assignment,
 * progress, close with the quorum problems listed, ranking with reasons, selection, the
 * protocol's meeting and download, publish; and the commission member's pages after close.
 */
describe('web pages: the organizer’s commission and results', () => {
  let t: TestApp;
  let admin: TestAccount;
  let organizer: TestAccount;
  let story: Story;
  let others: { id: string };
  const members: TestAccount[] = [];
  const memberNames: string[] = [];
  let browser: PageClient;
  let criteria: Criterion[];
  /** Screened-in applications, in submission order. */
  let scored: Story['applications'];
  const tag = randomUUID().slice(0, 6);
  /** The same tag in Cyrillic letters: a person's name takes no Latin or digits. */
  const nameTag = [...tag].map((ch) => 'абвгдежзиклмнопр'[parseInt(ch, 16)]).join('');
  const TITLE = { kk: `Сәтті қадам нәтижелері ${tag}`, ru: `Сәтті қадам: итоги ${tag}` };
  const CONFLICT_REASON = 'Жоба жетекшісі — менің жиенім';

  const base = () => `/organizer/competitions/${story.competition.id}`;

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru' = 'ru') =>
    signedInPages(t, account, lang, `10.31.0.${nextIp++}`);

  async function score(member: TestAccount, applicationId: string, share: number) {
    const scores = criteria.map((c) => {
      const points = Math.max(0, Math.round((c.maxPoints * share) / c.step) * c.step);
      return {
        criterion: c.code,
        points,
        ...(c.commentBelow !== undefined && points < c.commentBelow ? { comment: 'Дәлелдер жеткіліксіз' } : {}),
      };
    });
    const res = await t.call('PUT', `/applications/${applicationId}/scores/me`, {
      token: member.accessToken,
      body: { version: 0, scores },
    });
    expect(res.status).toBe(200);
  }

  async function assignments(): Promise<{ applicationId: string; memberId: string }[]> {
    return t.db.query(
      `SELECT application_id AS "applicationId", member_id AS "memberId" FROM commission_assignments WHERE competition_id = $1`,
      [story.competition.id],
    );
  }

  async function round(): Promise<{ closed_at: Date | null; results_published_at: Date | null } | undefined> {
    return (
      await t.db.query(`SELECT closed_at, results_published_at FROM scoring_rounds WHERE competition_id = $1`, [
        story.competition.id,
      ])
    )[0];
  }

  async function competitionStatus(): Promise<string> {
    return (await t.db.query(`SELECT status FROM competitions WHERE id = $1`, [story.competition.id]))[0].status;
  }

  async function resultsMails(): Promise<number> {
    return (
      await t.db.query(
        `SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'competition-results' AND competition_id = $1`,
        [story.competition.id],
      )
    )[0].n;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'results-pages-admin'));
    story = await competitionStory(t, admin, {
      templateCode: 'short-term-projects',
      title: TITLE,
      projects: ['Өзен жағасын тазалау', 'Қолөнер шеберханасы', 'Ауыл кітапханасы', 'Аула футболы', 'Бос жоба'],
      screenOut: [4],
      stage: 'screening_published',
    });
    criteria = story.competition.rulebook.criteria;
    scored = story.applications.filter((a) => !a.screenedOut);
    others = await openCompetition(t, admin.accessToken, 'short-term-projects', new Date(Date.now() + DAY));
    // A non-admin organizer of this competition only, invited and accepted as in real life.
    organizer = await signUp(t, 'results-pages-organizer', 'ru');
    const invited = await t.call('POST', `/competitions/${story.competition.id}/members`, {
      token: admin.accessToken,
      body: { email: organizer.email, role: 'organizer' },
    });
    expect(invited.status).toBe(201);
    const accepted = await t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(t, organizer.email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);
    for (const [i, first] of ['Асқар', 'Бақыт', 'Гүлнар'].entries()) {
      const member = await signUp(t, `results-pages-member${i}`);
      const profile = await t.call('PUT', '/me/person', {
        token: member.accessToken,
        body: uniquePersonBody({ lastName: `Комиссиялы${nameTag}`, firstName: first }),
      });
      expect(profile.status).toBe(200);
      await t.db.query(
        `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'active')`,
        [story.competition.id, member.userId],
      );
      members.push(member);
      memberNames.push(`Комиссиялы${nameTag} ${first}`);
    }
    // The first member knows the first project's leader: declared before anything is assigned.
    const declared = await t.call('POST', `/competitions/${story.competition.id}/conflicts`, {
      token: members[0].accessToken,
      body: { applicationId: scored[0].id, reason: CONFLICT_REASON },
    });
    expect(declared.status).toBe(204);
    browser = await browserOf(organizer);
  }, 120_000);
  afterAll(async () => {
    t.clock.reset();
    await t.close();
  });

  it('shows the members and their conflicts as the members declared them, nothing assigned yet', async () => {
    const page = await browser.get(`${base()}/commission`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Конкурсная комиссия');
    for (const name of memberNames) expect(text).toContain(name);
    expect(text).toContain(
      `${memberNames[0]} ${scored[0].number} заявил сам член комиссии подтверждён ${CONFLICT_REASON}`,
    );
    expect(text).toContain('Оценено 0 из 0 заявок');
    // The organizer sees conflicts; nothing on the page decides them.
    expect(page.html).not.toContain('/conflicts');
    expect(page.html).toContain(`href="/organizer/competitions/${story.competition.id}"`);
    expect(page.html).toContain(`action="${base()}/commission/assign"`);
  });

  it('refuses a quorum the API refuses, at its field, and assigns nothing', async () => {
    const res = await browser.post(`${base()}/commission/assign`, { mode: 'quorum', quorum: '0' });
    expect(res.status).toBe(400);
    expect(fieldError(res.html, 'f-quorum')).toBeTruthy();
    expect(res.html).toContain('href="#f-quorum"');
    expect(res.html).toContain('value="0"');
    expect(await assignments()).toEqual([]);
  });

  it('assigns by quorum (the conflicted member never gets that application), and the progress counts the scores saved', async () => {
    const res = await browser.post(`${base()}/commission/assign`, { mode: 'quorum', quorum: '2' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${base()}/commission?notice=assigned`);
    const rows = await assignments();
    expect(rows).toHaveLength(scored.length * 2);
    expect(rows).not.toContainEqual({ applicationId: scored[0].id, memberId: members[0].userId });
    // Every assignment scored but one: the last application gets only one score of two.
    const last = scored[scored.length - 1].id;
    const skipped = rows.find((r) => r.applicationId === last)!;
    for (const r of rows) {
      if (r === skipped) continue;
      const i = scored.findIndex((a) => a.id === r.applicationId);
      await score(
        members.find((m) => m.userId === r.memberId)!,
        r.applicationId,
        0.95 - i * 0.15,
      );
    }
    const page = await browser.follow(res);
    const text = textOf(page.html);
    expect(text).toContain('Заявки распределены между членами комиссии.');
    expect(text).toContain('Кворум: каждой заявке нужно 2 оценки.');
    for (const [i, m] of members.entries()) {
      const mine = rows.filter((r) => r.memberId === m.userId);
      const done = mine.filter((r) => r !== skipped).length;
      const total = mine.length;
      const expected = `${memberNames[i]} Оценено ${done} из ${total} ${total === 1 ? 'заявки' : 'заявок'}`;
      expect(text).toContain(expected);
    }
    for (const a of scored.slice(0, -1))
      expect(text).toContain(`${a.number} ${a.title} 2 Получено оценок: 2 (кворум — 2) кворум есть`);
    expect(text).toContain(`Получено оценок: 1 (кворум — 2) нужно ещё 1 оценка`);
  });

  it('refuses to close below quorum: the page lists what each application lacks, and nothing closes', async () => {
    const res = await browser.post(`${base()}/commission/close`, {});
    expect(res.status).toBe(409);
    const text = textOf(res.html);
    const last = scored[scored.length - 1];
    expect(text).toContain(`Заявка ${last.number}: получено оценок — 1, не хватает ещё 1 оценки`);
    expect(text).toContain('Ничего не изменилось: оценивание продолжается.');
    // The API's own words in the error summary.
    expect(res.html).toContain('class="error-summary"');
    expect(text).toContain(last.number);
    expect((await round())?.closed_at ?? null).toBeNull();
    expect(await competitionStatus()).toBe('scoring');
    // Forcing needs the reason, as the API says: at its field, nothing closes.
    const forced = await browser.post(`${base()}/commission/close`, { force: 'true', reason: '' });
    expect(forced.status).toBe(400);
    expect(fieldError(forced.html, 'f-reason')).toBeTruthy();
    expect((await round())?.closed_at ?? null).toBeNull();
  });

  it('closes once the quorum is met; a second click changes nothing', async () => {
    const last = scored[scored.length - 1].id;
    const rows = await assignments();
    const saved: { member_id: string }[] = await t.db.query(
      `SELECT member_id FROM commission_scores WHERE application_id = $1`,
      [last],
    );
    const missing = rows.find((r) => r.applicationId === last && !saved.some((s) => s.member_id === r.memberId))!;
    await score(
      members.find((m) => m.userId === missing.memberId)!,
      last,
      0.3,
    );
    const res = await browser.post(`${base()}/commission/close`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${base()}/commission?notice=closed`);
    const closedAt = (await round())!.closed_at;
    expect(closedAt).not.toBeNull();
    expect(await competitionStatus()).toBe('results');
    const again = await browser.post(`${base()}/commission/close`, {});
    expect(again.status).toBe(303);
    expect((await round())!.closed_at).toEqual(closedAt);
    const closes = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'scoring.closed'`,
      [story.competition.id],
    );
    expect(closes[0].n).toBe(1);
    const page = await browser.follow(res);
    const text = textOf(page.html);
    expect(text).toContain('Оценивание закрыто, рейтинг зафиксирован.');
    expect(page.html).not.toContain(`action="${base()}/commission/assign"`);
    expect(page.html).not.toContain(`action="${base()}/commission/close"`);
  });

  it('shows the ranking; the selection gives every application its decision and reason in words', async () => {
    const before = await browser.get(`${base()}/results`);
    expect(before.status).toBe(200);
    let text = textOf(before.html);
    expect(text).toContain('Правило отбора');
    expect(text).toContain('3 победителя');
    for (const a of scored) expect(text).toContain(a.number);
    expect(text).toContain('отбор не проведён');
    expect(before.html).not.toContain(`href="${base()}/results/publish"`);
    // Nothing to publish before the selection: the confirmation page says so, a forced POST is refused.
    const early = await browser.get(`${base()}/results/publish`);
    expect(textOf(early.html)).toContain('Сначала примените правило отбора');
    expect(early.html).not.toContain(`action="${base()}/results/publish"`);
    const forced = await browser.post(`${base()}/results/publish`, {});
    expect(forced.status).toBe(409);
    expect(forced.html).toContain('class="error-summary"');
    expect((await round())!.results_published_at).toBeNull();
    expect(await resultsMails()).toBe(0);

    const res = await browser.post(`${base()}/results/select`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${base()}/results?notice=selected`);
    const after = await browser.follow(res);
    text = textOf(after.html);
    // The ranking follows the scores: the first three are winners, the fourth is out with its reason.
    const [a0, a1, a2, a3] = scored;
    expect(text).toMatch(new RegExp(`1 ${a0.number} ${a0.title} .* победитель Отобрана победителем\\.`));
    expect(text).toMatch(new RegExp(`4 ${a3.number} ${a3.title} .* не отобрана Число победителей уже набрано\\.`));
    expect(text).toContain(a1.number);
    expect(text).toContain(a2.number);
    expect(after.html).toContain(`href="${base()}/results/publish"`);
    const statuses: { status: string }[] = await t.db.query(
      `SELECT status FROM applications WHERE id = ANY($1::uuid[]) ORDER BY sequence_no`,
      [scored.map((a) => a.id)],
    );
    expect(statuses.map((s) => s.status)).toEqual(['winner', 'winner', 'winner', 'not_selected']);
  });

  it('saves the protocol’s meeting (refusing what the API refuses), and downloads the protocol in kk and ru', async () => {
    const bad = await browser.post(`${base()}/results/meeting`, {
      number: '7',
      heldOn: '2026-02-30',
      place: 'Жаңаарқа',
      chairUserId: members[0].userId,
      secretaryUserId: members[1].userId,
      attendeeUserIds: [members[2].userId],
    });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'f-heldOn')).toBeTruthy();
    expect(bad.html).toContain('value="Жаңаарқа"');
    expect(
      await t.db.query(`SELECT 1 FROM protocol_meetings WHERE competition_id = $1`, [story.competition.id]),
    ).toEqual([]);
    const place = `Жаңаарқа кенті, мәдениет үйі ${tag}`;
    const ok = await browser.post(`${base()}/results/meeting`, {
      number: `7-${tag}`,
      heldOn: '2026-02-14',
      place,
      chairUserId: members[0].userId,
      secretaryUserId: members[1].userId,
      attendeeUserIds: [members[1].userId, members[2].userId],
    });
    expect(ok.status).toBe(303);
    expect(textOf((await browser.follow(ok)).html)).toContain('Сведения о заседании сохранены.');

    for (const lang of ['kk', 'ru'] as const) {
      const file = await browser.download(`${base()}/results/protocol.docx?lang=${lang}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('wordprocessingml');
      expect(String(file.headers['content-disposition'])).toContain(`-${lang}.docx`);
      const docx = await readDocx(file.rawPayload);
      const text = docx.paragraphs.join('\n');
      expect(text).toContain(TITLE[lang]);
      expect(text).toContain(place);
      expect(text).toContain(scored[3].number);
      expect(text).toContain(memberNames[0]);
      // The same file as the API's.
      const api = await t.call('GET', `/competitions/${story.competition.id}/protocol.docx?lang=${lang}`, {
        token: organizer.accessToken,
      });
      expect(api.status).toBe(200);
      expect((await readDocx(api.raw)).paragraphs).toEqual(docx.paragraphs);
    }
  });

  it('asks before publishing, saying how many applicants will be told what; publishes once, and twice changes nothing', async () => {
    const confirm = await browser.get(`${base()}/results/publish`);
    expect(confirm.status).toBe(200);
    const text = textOf(confirm.html);
    expect(text).toContain('Опубликовать результаты?');
    expect(text).toContain('Письмо получат 4 заявителя:');
    expect(text).toContain('3 заявителя — что заявка отобрана победителем;');
    expect(text).toContain('1 заявитель — что заявка не отобрана, с причиной.');
    expect(await resultsMails()).toBe(0);

    const res = await browser.post(`${base()}/results/publish`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${base()}/results?notice=published`);
    const publishedAt = (await round())!.results_published_at;
    expect(publishedAt).not.toBeNull();
    expect(await resultsMails()).toBe(4);

    const again = await browser.post(`${base()}/results/publish`, {});
    expect(again.status).toBe(303);
    expect(again.location).toBe(`${base()}/results?notice=already_published`);
    expect((await round())!.results_published_at).toEqual(publishedAt);
    expect(await resultsMails()).toBe(4);
    const repeated = await browser.follow(again);
    expect(textOf(repeated.html)).toContain('Результаты уже были опубликованы');

    const page = await browser.get(`${base()}/results`);
    const after = textOf(page.html);
    expect(after).toContain('Результаты опубликованы:');
    expect(after).toContain('Отобрана победителем.');
    expect(page.html).not.toContain(`href="${base()}/results/publish"`);
    expect(page.html).not.toContain(`action="${base()}/results/select"`);
    expect(page.html).not.toContain(`action="${base()}/results/meeting"`);
    expect(after).toContain(`7-${tag}`);
    expect(page.html).toContain(`href="${base()}/results/protocol.docx?lang=kk"`);
    const confirmAfter = await browser.get(`${base()}/results/publish`);
    expect(confirmAfter.html).not.toContain(`action="${base()}/results/publish"`);
  });

  it('refuses another organizer’s competition and a stranger, as the API does', async () => {
    const otherBase = `/organizer/competitions/${others.id}`;
    for (const path of ['commission', 'results', 'results/publish', 'results/protocol.docx?lang=kk']) {
      const res = await browser.get(`${otherBase}/${path}`);
      expect(res.status).toBe(403);
    }
    await browser.get(`${base()}/results`);
    const posted = await browser.post(`${otherBase}/commission/assign`, { mode: 'all' });
    expect(posted.status).toBe(403);
    expect(await t.db.query(`SELECT 1 FROM commission_assignments WHERE competition_id = $1`, [others.id])).toEqual([]);
    const member = await browserOf(members[1]);
    expect((await member.get(`${base()}/results`)).status).toBe(403);
    const anonymous = await new PageClient(t, '10.31.1.1').get(`${base()}/commission`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toContain('/sign-in?next=');
  });

  it('shows a commission member their saved scores to read after close, no form, and refuses a save', async () => {
    const member = members[1];
    const rows = (await assignments()).filter((r) => r.memberId === member.userId);
    const applicationId = rows[0].applicationId;
    const b = await browserOf(member, 'kk');
    const queue = await b.get(`/commission/${story.competition.id}`);
    expect(queue.status).toBe(200);
    expect(textOf(queue.html)).toContain('Бағалау жабылды: өтінімдер мен бағаларыңызды енді тек оқуға болады.');
    const url = `/commission/${story.competition.id}/applications/${applicationId}`;
    const page = await b.get(url);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Бағалау жабылды. Төменде сіз сақтаған бағалар көрсетілген');
    expect(text).toContain('Жалпы балл (салмағымен):');
    expect(page.html).not.toContain('name="version"');
    expect(page.html).not.toContain(`action="${url}"`);
    const before = await t.db.query(
      `SELECT version, criterion_points FROM commission_scores WHERE application_id = $1 AND member_id = $2`,
      [applicationId, member.userId],
    );
    const form: Record<string, string> = { version: String(before[0].version) };
    criteria.forEach((c, i) => {
      form[`scores[${i}].criterion`] = c.code;
      form[`scores[${i}].points`] = '0';
      form[`scores[${i}].comment`] = 'Кейін өзгерттім';
    });
    const posted = await b.post(url, form);
    expect(posted.status).toBe(409);
    expect(posted.html).toContain('class="error-summary"');
    expect(textOf(posted.html)).toContain('Бағалау жабық');
    expect(posted.html).not.toContain('name="version"');
    expect(
      await t.db.query(
        `SELECT version, criterion_points FROM commission_scores WHERE application_id = $1 AND member_id = $2`,
        [applicationId, member.userId],
      ),
    ).toEqual(before);
  });
});
