/**
 * Issue 15, members and conflicts pages: the organizer's team page (invite, resend, withdraw),
 * the invitation's link (a new account with a password and a session; an existing account
 * only when signed in as it; dead links said in words; a second accept), and a commission
 * member's conflicts (confirm or dismiss a suggestion with a reason, declare one; the
 * application leaves the queue and its scoring page is "not found").
 */
import { randomBytes } from 'node:crypto';
import { parseIin } from '../../libs/kz';
import {
  makeAdmin,
  outboxTo,
  signUp,
  TEST_PASSWORD,
  TestAccount,
  tokenFromOutbox,
  uniqueEmail,
} from '../support/accounts';
import { memberOfAge, readyDraft } from '../support/competitions';
import { fieldError, PageClient, PageResponse, textOf } from '../support/page-client';
import { openTitled } from '../support/published-results';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
let nextIp = 10;

describe('web pages: the team, invitations and conflicts', () => {
  let t: TestApp;
  let admin: TestAccount;
  let organizer: TestAccount;
  let otherOrganizer: TestAccount;
  let stranger: TestAccount;
  let competition: { id: string; rulebook: any };
  let elsewhereId: string;
  const title = { kk: '', ru: '' };
  /** Team IINs the two commission members will have: each is suggested a conflict on one application. */
  const teamIin: string[] = [];
  const apps: { id: string; number: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'members-admin'));
    const tag = randomBytes(3).toString('hex');
    title.kk = `Команда беті ${tag} конкурсы`;
    title.ru = `Конкурс страницы команды ${tag}`;
    competition = await openTitled(t, admin, 'mini-grants-district', title, new Date(Date.now() + DAY));
    const elsewhere = await openTitled(
      t,
      admin,
      'mini-grants-district',
      { kk: `Басқа ${tag} конкурсы`, ru: `Другой конкурс ${tag}` },
      new Date(Date.now() + DAY),
    );
    elsewhereId = elsewhere.id;
    organizer = await signUp(t, 'team-organizer');
    otherOrganizer = await signUp(t, 'team-other-organizer');
    stranger = await signUp(t, 'team-stranger');
    const grant = (competitionId: string, userId: string, role: string) =>
      t.db.query(
        `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, $3, 'active')`,
        [competitionId, userId, role],
      );
    await grant(competition.id, organizer.userId, 'organizer');
    await grant(elsewhere.id, otherOrganizer.userId, 'organizer');

    const districts = (await t.call('GET', '/territories?parent=ZHT')).body.filter(
      (x: { kind: string }) => x.kind === 'district',
    );
    for (let i = 0; i < 3; i += 1) {
      const applicant = await signUp(t, `team-applicant${i}`);
      const team = [memberOfAge(24), memberOfAge(31, 'male'), memberOfAge(45)];
      if (i < 2) teamIin.push(team[2].iin);
      const id = await readyDraft(t, applicant.accessToken, competition, {
        members: team,
        territoryCode: districts[i].code,
        applicantKind: 'initiative_group',
      });
      const submitted = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
      expect(submitted.status).toBe(200);
      apps.push({ id, number: submitted.body.number });
    }
    t.clock.advance(DAY + 60_000);
    const token = admin.accessToken;
    expect((await t.call('POST', `/competitions/${competition.id}/close`, { token })).status).toBe(200);
    t.clock.reset();
    await t.call('POST', `/competitions/${competition.id}/screening/run`, { token });
    for (const a of apps) {
      await t.call('PUT', `/applications/${a.id}/screening`, { token, body: { decision: 'screened_in' } });
    }
    expect((await t.call('POST', `/competitions/${competition.id}/screening/publish`, { token })).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  async function browser(lang: 'kk' | 'ru' = 'kk'): Promise<PageClient> {
    const client = new PageClient(t, `10.41.0.${nextIp++}`);
    await client.get(`/language/${lang}?next=/`);
    return client;
  }

  async function signedIn(email: string, lang: 'kk' | 'ru' = 'kk'): Promise<PageClient> {
    const client = await browser(lang);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email, password: TEST_PASSWORD, next: '/me' });
    expect(res.status).toBe(303);
    return client;
  }

  const teamUrl = () => `/organizer/competitions/${competition.id}/members`;
  const acceptUrl = (token: string) => `/invitations/accept?token=${encodeURIComponent(token)}`;
  const invitationsTo = (email: string) =>
    t.db.query(
      `SELECT id, accepted_at, revoked_at, replaced_by FROM competition_invitations WHERE email = $1 ORDER BY created_at`,
      [email],
    );
  const roleOf = async (email: string) =>
    (
      await t.db.query(
        `SELECT m.role FROM competition_memberships m JOIN users u ON u.id = m.user_id
          WHERE u.email = $1 AND m.competition_id = $2 AND m.status = 'active'`,
        [email, competition.id],
      )
    ).map((r: { role: string }) => r.role);
  const audits = async (action: string, entityId: string) =>
    (await t.db.query(`SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2`, [action, entityId])).length;

  /** Invites through the team page's form (a fresh page, so a fresh form key) and returns the e-mailed token. */
  async function inviteByPage(client: PageClient, email: string, role: string): Promise<string> {
    const page = await client.get(teamUrl());
    const key = /name="key" value="([^"]+)"/.exec(page.html)![1];
    const res = await client.post(`${teamUrl()}/invite`, { key, email, role });
    expect(res.status).toBe(303);
    return tokenFromOutbox(t, email, 'competition-invitation');
  }

  // Filled in by the tests in order: the first commission member (a new account) and the second (existing).
  const memberA = { email: uniqueEmail('team-member-a'), userId: '' };
  let memberB: TestAccount;

  describe('the organizer’s team page', () => {
    it('lists the members by role with the way back to the competition, and invites by e-mail once per form', async () => {
      const client = await signedIn(organizer.email);
      const page = await client.get(teamUrl());
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain('Конкурс командасы');
      expect(text).toContain(title.kk);
      expect(text).toContain('Ұйымдастырушылар');
      expect(text).toContain(organizer.email);
      expect(text).toContain('Комиссия мүшелері');
      expect(text).toContain('Тәлімгерлер');
      expect(page.html).toContain(`href="/organizer/competitions/${competition.id}"`);

      const key = /name="key" value="([^"]+)"/.exec(page.html)![1];
      const form = { key, email: `  ${memberA.email.toUpperCase()} `, role: 'commission' };
      const first = await client.post(`${teamUrl()}/invite`, form);
      expect(first.status).toBe(303);
      expect(first.location).toBe(`${teamUrl()}?notice=invited`);
      // The same form posted again (a double click): no second invitation, no second e-mail.
      const second = await client.post(`${teamUrl()}/invite`, form);
      expect(second.status).toBe(303);
      expect(await invitationsTo(memberA.email)).toHaveLength(1);
      const mails = await outboxTo(t, memberA.email, 'competition-invitation');
      expect(mails).toHaveLength(1);
      expect(mails[0].payload).toMatchObject({ role: 'commission', bothLanguages: true });

      const after = await client.follow(first);
      const listed = textOf(after.html);
      expect(listed).toContain('Шақыру жіберілді.');
      expect(listed).toContain(memberA.email);
      expect(listed).toContain('Жауап күтуде');
      expect(after.html).toContain(`aria-label="${memberA.email} мекенжайына шақыруды қайта жіберу"`);
    });

    it('refuses a bad e-mail and a missing role at their fields and invites nobody', async () => {
      const client = await signedIn(organizer.email, 'ru');
      const page = await client.get(teamUrl());
      const key = /name="key" value="([^"]+)"/.exec(page.html)![1];
      const bad = await client.post(`${teamUrl()}/invite`, { key, email: 'not-an-address', role: '' });
      expect(bad.status).toBe(400);
      expect(fieldError(bad.html, 'f-email')).toBe('Неверный адрес электронной почты.');
      expect(fieldError(bad.html, 'f-role')).toBe('Обязательное поле.');
      expect(bad.html).toContain('href="#f-email"');
      expect(bad.html).toContain('value="not-an-address"');
      expect(await invitationsTo('not-an-address')).toEqual([]);
      // A role the form does not offer (a tampered post) is refused at the role's field too.
      const email = uniqueEmail('team-wrong-role');
      const wrong = await client.post(`${teamUrl()}/invite`, { key, email, role: 'admin' });
      expect(wrong.status).toBe(400);
      expect(fieldError(wrong.html, 'f-role')).toContain('Недопустимое значение');
      expect(fieldError(wrong.html, 'f-email')).toBeUndefined();
      expect(await invitationsTo(email)).toEqual([]);
    });

    it('is refused to another competition’s organizer as the API refuses, and asks a visitor to sign in', async () => {
      const other = await signedIn(otherOrganizer.email);
      expect((await other.get(teamUrl())).status).toBe(403);
      const email = uniqueEmail('team-never');
      const posted = await other.post(`${teamUrl()}/invite`, { key: '', email, role: 'mentor' });
      expect(posted.status).toBe(403);
      expect(await invitationsTo(email)).toEqual([]);
      const api = await t.call('GET', `/competitions/${competition.id}/members`, { token: otherOrganizer.accessToken });
      expect(api.status).toBe(404);
      // Not signed in: sign in and come back.
      const anonymous = await browser();
      const res = await anonymous.get(teamUrl());
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(teamUrl())}`);
    });

    it('resends with a new link (the old one says so) and withdraws an invitation, each once', async () => {
      const client = await signedIn(organizer.email);
      const email = uniqueEmail('team-resent');
      const oldToken = await inviteByPage(client, email, 'mentor');
      const [invitation] = await invitationsTo(email);
      const resend = `/organizer/competitions/${competition.id}/invitations/${invitation.id}/resend`;
      const first = await client.post(resend, {});
      expect(first.status).toBe(303);
      expect(first.location).toBe(`${teamUrl()}?notice=resent`);
      // A second click: the invitation was replaced already; that is what was asked, no third e-mail.
      const second = await client.post(resend, {});
      expect(second.status).toBe(303);
      expect(await outboxTo(t, email, 'competition-invitation')).toHaveLength(2);
      const newToken = await tokenFromOutbox(t, email, 'competition-invitation');
      expect(newToken).not.toBe(oldToken);
      expect(textOf((await client.follow(first)).html)).toContain('Шақыру жаңа сілтемемен қайта жіберілді');

      const visitor = await browser();
      const old = await visitor.get(acceptUrl(oldToken));
      expect(old.status).toBe(400);
      expect(textOf(old.html)).toContain('Сізге жаңа шақыру жіберілді, бұл сілтеме енді жарамсыз.');
      expect((await visitor.get(acceptUrl(newToken))).status).toBe(200);

      const current = (await invitationsTo(email))[1];
      const revoke = `/organizer/competitions/${competition.id}/invitations/${current.id}/revoke`;
      const revoked = await client.post(revoke, {});
      expect(revoked.status).toBe(303);
      expect(revoked.location).toBe(`${teamUrl()}?notice=revoked`);
      expect((await client.post(revoke, {})).status).toBe(303);
      expect(await audits('membership.invitation_revoked', competition.id)).toBe(1);
      const page = await client.follow(revoked);
      expect(textOf(page.html)).toContain('Шақыру кері қайтарып алынды');
      expect(textOf(page.html)).not.toContain(email);
      const dead = await visitor.get(acceptUrl(newToken));
      expect(dead.status).toBe(400);
      expect(textOf(dead.html)).toContain('Бұл шақыруды конкурс ұйымдастырушысы кері қайтарып алды');
      // Resending a withdrawn invitation is said on the page, and changes nothing.
      const late = await client.post(resend.replace(invitation.id, current.id), {});
      expect(late.status).toBe(409);
      expect(textOf(late.html)).toContain('Бұл шақыру бұрын кері қайтарып алынған');
      expect(await outboxTo(t, email, 'competition-invitation')).toHaveLength(2);
    });

    it('shows an expired invitation as expired, its link says so in words, and a made-up link is invalid', async () => {
      const client = await signedIn(organizer.email, 'ru');
      const email = uniqueEmail('team-expired');
      const token = await inviteByPage(client, email, 'mentor');
      await t.db.query(`UPDATE competition_invitations SET expires_at = now() - interval '1 hour' WHERE email = $1`, [
        email,
      ]);
      const page = textOf((await client.get(teamUrl())).html);
      expect(page).toContain(email);
      expect(page).toContain('Срок истёк');
      const visitor = await browser('ru');
      const expired = await visitor.get(acceptUrl(token));
      expect(expired.status).toBe(400);
      expect(textOf(expired.html)).toContain('Срок действия приглашения истёк.');
      expect(textOf(expired.html)).toContain(title.ru);
      for (const bad of ['x'.repeat(43), 'short', '']) {
        const res = await visitor.get(acceptUrl(bad));
        expect(res.status).toBe(400);
        expect(textOf(res.html)).toContain('Ссылка приглашения недействительна.');
      }
      // A form from a page that was live once, sent after its invitation was gone.
      await visitor.get('/sign-in');
      const posted = await visitor.post('/invitations/accept', { token: 'y'.repeat(43), password: TEST_PASSWORD });
      expect(posted.status).toBe(400);
      expect(textOf(posted.html)).toContain('Ссылка приглашения недействительна.');
    });
  });

  describe('accepting an invitation', () => {
    it('a newcomer reads who invites whom, sets a password, is signed in and lands on the commission page', async () => {
      const token = await tokenFromOutbox(t, memberA.email, 'competition-invitation');
      const visitor = await browser();
      const page = await visitor.get(acceptUrl(token));
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain(`сізді (${memberA.email}) «${title.kk}» конкурсының комиссия мүшесі болуға шақырады`);
      expect(text).toContain('Конкурс ұйымдастырушысы'); // the organizer has no profile name
      expect(page.html).toContain('autocomplete="new-password"');

      const empty = await visitor.post('/invitations/accept', { token, password: '', locale: 'ru' });
      expect(empty.status).toBe(400);
      expect(fieldError(empty.html, 'f-password')).toContain('құпиясөз ойлап табыңыз');
      const short = await visitor.post('/invitations/accept', { token, password: 'abc', locale: 'ru' });
      expect(short.status).toBe(400);
      expect(fieldError(short.html, 'f-password')).toBe('Құпиясөз кемінде 8 таңбадан тұруы керек.');
      expect(await t.db.query(`SELECT 1 FROM users WHERE email = $1`, [memberA.email])).toEqual([]);

      // A second tab of the same link, opened before the first was sent.
      const secondTab = await browser();
      await secondTab.get(acceptUrl(token));

      const accepted = await visitor.post('/invitations/accept', { token, password: TEST_PASSWORD, locale: 'ru' });
      expect(accepted.status).toBe(303);
      expect(accepted.location).toBe('/commission');
      const home = await visitor.get('/commission');
      expect(home.status).toBe(200);
      expect(textOf(home.html)).toContain(title.ru);
      const [user] = await t.db.query(`SELECT id, locale, email_verified_at FROM users WHERE email = $1`, [
        memberA.email,
      ]);
      expect(user.locale).toBe('ru');
      expect(user.email_verified_at).not.toBeNull();
      memberA.userId = user.id;
      expect(await roleOf(memberA.email)).toEqual(['commission']);

      const again = await secondTab.post('/invitations/accept', { token, password: 'another-pass-2026', locale: 'kk' });
      expect(again.status).toBe(200);
      expect(textOf(again.html)).toContain('Бұл шақыру бұрын қабылданған');
      expect(again.html).toContain('href="/commission"');
      expect(await audits('membership.accepted', competition.id)).toBe(1);
      // The password is the first one: the second tab changed nothing.
      const login = await t.call('POST', '/auth/login', { body: { email: memberA.email, password: TEST_PASSWORD } });
      expect(login.status).toBe(200);
      const reopened = await visitor.get(acceptUrl(token));
      expect(reopened.status).toBe(200);
      expect(textOf(reopened.html)).toContain('Это приглашение уже принято');
    });

    it('an existing account accepts only when signed in as itself; signed in as another, nothing changes', async () => {
      memberB = await signUp(t, 'team-member-b');
      const organizerClient = await signedIn(organizer.email);
      const token = await inviteByPage(organizerClient, memberB.email, 'commission');
      const url = acceptUrl(token);

      const anonymous = await browser();
      const page = await anonymous.get(url);
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain(`${memberB.email} мекенжайымен есептік жазба бар`);
      expect(page.html).toContain(`href="/sign-in?next=${encodeURIComponent(url)}"`);
      expect(page.html).not.toContain('name="password"');
      // A form sent without being signed in as the invitee (a page left open, a forged post): sign in first.
      await anonymous.get('/sign-in');
      const posted = await anonymous.post('/invitations/accept', { token });
      expect(posted.status).toBe(303);
      expect(posted.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
      expect(await roleOf(memberB.email)).toEqual([]);

      const someoneElse = await signedIn(stranger.email);
      const asOther = await someoneElse.get(url);
      expect(textOf(asOther.html)).toContain('Сіз сайтқа басқа есептік жазбамен кіргенсіз');
      const refused = await someoneElse.post('/invitations/accept', { token });
      expect(refused.status).toBe(403);
      expect(await roleOf(memberB.email)).toEqual([]);
      expect(await roleOf(stranger.email)).toEqual([]);
      // "Sign out and go on": the session ends on the server, and the page asks to sign in as the invitee.
      const switched = await someoneElse.post('/invitations/switch', { token });
      expect(switched.status).toBe(303);
      expect(switched.location).toBe(url);
      expect(textOf((await someoneElse.get(url)).html)).toContain(`${memberB.email} мекенжайымен есептік жазба бар`);
      expect((await someoneElse.get('/me')).status).toBe(303);

      const invitee = await browser();
      await invitee.get(`/sign-in?next=${encodeURIComponent(url)}`);
      const signIn = await invitee.post('/sign-in', { email: memberB.email, password: TEST_PASSWORD, next: url });
      expect(signIn.location).toBe(url);
      const mine = await invitee.get(url);
      expect(mine.html).toContain('name="token"');
      expect(mine.html).not.toContain('name="password"');
      const done = await invitee.post('/invitations/accept', { token });
      expect(done.status).toBe(303);
      expect(done.location).toBe('/commission');
      expect(await roleOf(memberB.email)).toEqual(['commission']);
      // The same button once more (a double click): said, with the way on, and nothing granted twice.
      const twice = await invitee.post('/invitations/accept', { token });
      expect(twice.status).toBe(200);
      expect(textOf(twice.html)).toContain('Бұл шақыру бұрын қабылданған');
      expect(twice.html).toContain('href="/commission"');
      // Withdrawing it now is too late: said on the team page.
      const [row] = await invitationsTo(memberB.email);
      const late = await organizerClient.post(
        `/organizer/competitions/${competition.id}/invitations/${row.id}/revoke`,
        {},
      );
      expect(late.status).toBe(409);
      expect(textOf(late.html)).toContain('Бұл шақыру қабылданып қойған: адам командада.');
      const team = textOf((await organizerClient.get(teamUrl())).html);
      expect(team).toContain(memberB.email);
      expect(team).toContain(memberA.email);
    });

    it('an organizer lands on the competition’s page and a mentor on the home page', async () => {
      const organizerClient = await signedIn(organizer.email);
      for (const [role, landing] of [
        ['organizer', `/organizer/competitions/${competition.id}`],
        ['mentor', '/'],
      ]) {
        const email = uniqueEmail(`team-${role}`);
        const token = await inviteByPage(organizerClient, email, role);
        const visitor = await browser();
        await visitor.get(acceptUrl(token));
        const res = await visitor.post('/invitations/accept', { token, password: TEST_PASSWORD, locale: 'kk' });
        expect(res.status).toBe(303);
        expect(res.location).toBe(landing);
        expect(await roleOf(email)).toEqual([role]);
      }
      // Another competition's invitation through this competition's address is not found, and stays as it was.
      const theirs = await t.call('POST', `/competitions/${elsewhereId}/members`, {
        token: admin.accessToken,
        body: { email: uniqueEmail('team-theirs'), role: 'mentor' },
      });
      expect(theirs.status).toBe(201);
      for (const action of ['revoke', 'resend']) {
        const res = await organizerClient.post(
          `/organizer/competitions/${competition.id}/invitations/${theirs.body.id}/${action}`,
          {},
        );
        expect(res.status).toBe(404);
      }
      expect(
        await t.db.query(`SELECT revoked_at, replaced_by FROM competition_invitations WHERE id = $1`, [theirs.body.id]),
      ).toEqual([{ revoked_at: null, replaced_by: null }]);
    });
  });

  describe('a commission member’s conflicts', () => {
    const conflictsUrl = () => `/commission/${competition.id}/conflicts`;
    const queueUrl = () => `/commission/${competition.id}`;
    const scoringUrl = (applicationId: string) => `/commission/${competition.id}/applications/${applicationId}`;
    const conflictOf = async (memberId: string, applicationId: string) =>
      (
        await t.db.query(
          `SELECT source, status, reason FROM commission_conflicts WHERE member_id = $1 AND application_id = $2`,
          [memberId, applicationId],
        )
      )[0];
    let clientA: PageClient;
    let clientB: PageClient;

    beforeAll(async () => {
      // Each member's IIN is in one application's team: the assignment suggests that conflict.
      for (const [email, iin] of [
        [memberA.email, teamIin[0]],
        [memberB.email, teamIin[1]],
      ]) {
        const login = await t.call('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } });
        const parsed = parseIin(iin);
        if (!parsed.ok) throw new Error('team IIN');
        const profile = await t.call('PUT', '/me/person', {
          token: login.body.accessToken,
          body: {
            iin,
            lastName: 'Комиссиялық',
            firstName: 'Мүше',
            birthDate: parsed.birthDate,
            gender: parsed.sex,
            phone: '8 (701) 555-12-34',
            socialCategories: ['unemployed'],
            educationStatus: 'college_graduate',
            hasDisability: false,
          },
        });
        expect(profile.status).toBe(200);
      }
      const assigned = await t.call('POST', `/competitions/${competition.id}/assignments`, {
        token: admin.accessToken,
        body: {},
      });
      expect(assigned.status).toBe(200);
      clientA = await signedIn(memberA.email);
      clientB = await signedIn(memberB.email, 'ru');
    });

    it('lists the suggested conflict with why, and refuses a dismissal without a reason at its field', async () => {
      const page = await clientA.get(conflictsUrl());
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain('Жүйе анықтаған ықтимал мүдделер қақтығысы');
      expect(text).toContain(apps[0].number);
      expect(text).toContain('Сіздің ЖСН-іңіз осы өтінімнің команда құрамында бар.');
      expect(page.html).toContain(`href="${queueUrl()}"`);
      const field = `reason_${apps[0].id}`;
      const res = await clientA.post(`${conflictsUrl()}/resolve`, {
        applicationId: apps[0].id,
        decision: 'dismiss',
        [field]: '  ',
      });
      expect(res.status).toBe(400);
      expect(fieldError(res.html, `f-${field}`)).toBe('Міндетті өріс.');
      expect(res.html).toContain(`href="#f-${field}"`);
      expect(await conflictOf(memberA.userId, apps[0].id)).toMatchObject({ status: 'pending' });
    });

    it('dismisses a suggestion with a reason, once, and the other decision afterwards is refused in words', async () => {
      const field = `reason_${apps[0].id}`;
      const form = { applicationId: apps[0].id, decision: 'dismiss', [field]: 'Аттас адам, мен емеспін' };
      const res = await clientA.post(`${conflictsUrl()}/resolve`, form);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`${conflictsUrl()}?notice=dismissed`);
      expect((await clientA.post(`${conflictsUrl()}/resolve`, form)).status).toBe(303);
      expect(await audits('commission.conflict_dismissed', apps[0].id)).toBe(1);
      expect(await conflictOf(memberA.userId, apps[0].id)).toMatchObject({
        status: 'dismissed',
        reason: 'Аттас адам, мен емеспін',
      });
      const after = textOf((await clientA.follow(res)).html);
      expect(after).toContain('Ұсыныс қабылданбады');
      expect(after).toContain('Аттас адам, мен емеспін');
      const flip = await clientA.post(`${conflictsUrl()}/resolve`, { ...form, decision: 'confirm' });
      expect(flip.status).toBe(409);
      expect(textOf(flip.html)).toContain('Бұл ұсыныс бойынша сіз бұрын басқа шешім қабылдағансыз.');
      expect(await conflictOf(memberA.userId, apps[0].id)).toMatchObject({ status: 'dismissed' });

      // The API answers the same: the same decision again records nothing, the other one is refused.
      const login = await t.call('POST', '/auth/login', { body: { email: memberA.email, password: TEST_PASSWORD } });
      const decide = (confirm: boolean) =>
        t.call('POST', `/competitions/${competition.id}/conflicts/suggestions`, {
          token: login.body.accessToken,
          body: { applicationId: apps[0].id, confirm, reason: 'Қайта жіберілді' },
        });
      expect((await decide(false)).status).toBe(204);
      expect(await audits('commission.conflict_dismissed', apps[0].id)).toBe(1);
      const turned = await decide(true);
      expect(turned.status).toBe(409);
      expect(turned.body.code).toBe('CONFLICT_ALREADY_DECIDED');
      expect(turned.body.message).toContain('қабылданбаған');
      expect(await conflictOf(memberA.userId, apps[0].id)).toMatchObject({
        status: 'dismissed',
        reason: 'Аттас адам, мен емеспін',
      });
    });

    it('confirms a suggestion: the application is not in my queue and its scoring page is not found', async () => {
      const field = `reason_${apps[1].id}`;
      const res = await clientB.post(`${conflictsUrl()}/resolve`, {
        applicationId: apps[1].id,
        decision: 'confirm',
        [field]: 'Командада менің інім бар',
      });
      expect(res.status).toBe(303);
      expect(textOf((await clientB.follow(res)).html)).toContain('Конфликт интересов подтверждён');
      expect(await conflictOf(memberB.userId, apps[1].id)).toMatchObject({ status: 'confirmed' });
      expect(textOf((await clientB.get(queueUrl())).html)).not.toContain(apps[1].number);
      expect((await clientB.get(scoringUrl(apps[1].id))).status).toBe(404);
    });

    it('declares a conflict on an assigned application: it leaves my queue and its scoring page is not found', async () => {
      const before = await clientA.get(queueUrl());
      expect(textOf(before.html)).toContain(apps[1].number);
      expect((await clientA.get(scoringUrl(apps[1].id))).status).toBe(200);

      const refused = await clientA.post(`${conflictsUrl()}/declare`, { applicationId: '', reason: 'аб' });
      expect(refused.status).toBe(400);
      expect(fieldError(refused.html, 'f-applicationId')).toBe('Міндетті өріс.');
      expect(fieldError(refused.html, 'f-reason')).toBe('Тым қысқа: кемінде 3 таңба.');
      expect(refused.html).toContain('>аб</textarea>');

      const page = await clientA.get(conflictsUrl());
      expect(page.html).toContain(`<option value="${apps[1].id}">${apps[1].number} — `);
      const form = { applicationId: apps[1].id, reason: 'Өтінім беруші — менің туысым' };
      const res = await clientA.post(`${conflictsUrl()}/declare`, form);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`${conflictsUrl()}?notice=declared`);
      expect((await clientA.post(`${conflictsUrl()}/declare`, form)).status).toBe(303);
      expect(await audits('commission.conflict_declared', apps[1].id)).toBe(1);
      const after = textOf((await clientA.follow(res)).html);
      expect(after).toContain('Мүдделер қақтығысы жарияланды');
      expect(after).toContain('Өзім жарияладым');
      expect(textOf((await clientA.get(queueUrl())).html)).not.toContain(apps[1].number);
      expect((await clientA.get(scoringUrl(apps[1].id))).status).toBe(404);
    });

    it('is refused to whoever is not on this commission, the organizer included; the team page to a member', async () => {
      expect((await clientA.get(teamUrl())).status).toBe(403);
      for (const account of [stranger, organizer]) {
        const client = await signedIn(account.email);
        expect((await client.get(conflictsUrl())).status).toBe(403);
        const res: PageResponse = await client.post(`${conflictsUrl()}/declare`, {
          applicationId: apps[2].id,
          reason: 'Менде қақтығыс бар',
        });
        expect(res.status).toBe(403);
        expect(await conflictOf(account.userId, apps[2].id)).toBeUndefined();
      }
    });
  });
});
