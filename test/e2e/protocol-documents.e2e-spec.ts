import { makeBin } from '../../libs/kz';
import { readZipEntries } from '../support/docx-reader';
import { docxText } from '../support/document-text';
import { makeAdmin, signUp, TestAccount, uniquePersonBody } from '../support/accounts';
import { memberOfAge, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const DAY = 24 * 3600 * 1000;
const ORG = {
  name: '«Ашық алаң» қоғамдық бірлестігі',
  address: 'Талдықорған қ., Тәуелсіздік к-сі, 12, 4-кеңсе',
};
const PLACE = 'Талдықорған қ., Тәуелсіздік к-сі, 12 (анықтама: +7 701 111 22 33, info@ashyq-alan.kz)';
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const PHONE = /(?:\+\s*7|\b8)[\s\-()]*7\d{2}[\s\-()]*\d{3}[\s-]*\d{2}[\s-]*\d{2}/;

/** Every criterion at `share` of its maximum, on its step, with a comment where one is required. */
function scoresAt(criteria: { code: string; maxPoints: number; step: number; commentBelow?: number }[], share: number) {
  return criteria.map((c) => {
    const points = Math.round((c.maxPoints * share) / c.step) * c.step;
    return {
      criterion: c.code,
      points,
      ...(c.commentBelow !== undefined && points < c.commentBelow ? { comment: 'Негізделмеген бюджет' } : {}),
    };
  });
}

describe('documents an organizer can sign and file: protocol and score sheets', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let organizationId: string;
  let competition: any;
  const experts: { account: TestAccount; name: string }[] = [];
  const apps: { id: string; number: string; leader: string }[] = [];
  const emails: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'organizer'));
    emails.push(organizer.email);
    const org = await t.call('POST', '/organizations', {
      token: organizer.accessToken,
      body: {
        bin: makeBin('2015-05', 7000 + Math.floor(Math.random() * 2000)),
        name: ORG.name,
        kind: 'ngo',
        regionCode: 'ZHT',
        registeredOn: '2015-05-20',
        address: ORG.address,
      },
    });
    expect(org.status).toBe(201);
    expect(org.body.address).toBe(ORG.address);
    organizationId = org.body.id;
    const created = await t.call('POST', '/competitions', {
      token: organizer.accessToken,
      body: {
        templateCode: 'mini-grants-district',
        title: { kk: 'Жетісу ауылдарына шағын гранттар', ru: 'Мини-гранты для сёл Жетісу' },
        submissionDeadline: new Date(Date.now() + DAY).toISOString(),
        organizerOrganizationId: organizationId,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.organizerOrganizationId).toBe(organizationId);
    competition = (await t.call('POST', `/competitions/${created.body.id}/open`, { token: organizer.accessToken }))
      .body;
    const people = [
      {
        lastName: 'Сейітова',
        firstName: 'Гүлнар',
        middleName: 'Ерланқызы',
        position: 'ҮЕҰ ресурстық орталығының директоры',
      },
      { lastName: 'Омаров', firstName: 'Данияр', middleName: 'Бекұлы', position: 'аудандық мәслихат депутаты' },
      { lastName: 'Ким', firstName: 'Елена', middleName: 'Викторовна' },
    ];
    for (const [i, person] of people.entries()) {
      const account = await signUp(t, `expert${i}`);
      const profile = await t.call('PUT', '/me/person', {
        token: account.accessToken,
        body: uniquePersonBody({ ...person, phone: `+7 702 555 00 1${i}` }),
      });
      expect(profile.status).toBe(200);
      expect(profile.body.person.position ?? null).toBe(person.position ?? null);
      await t.db.query(
        `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'commission', 'active')`,
        [competition.id, account.userId],
      );
      experts.push({ account, name: `${person.lastName} ${person.firstName} ${person.middleName}` });
      emails.push(account.email);
    }
    const districts = (await t.call('GET', '/territories?parent=ZHT')).body.filter(
      (x: { kind: string }) => x.kind === 'district',
    );
    for (let i = 0; i < 2; i += 1) {
      const applicant = await signUp(t, `group${i}`);
      emails.push(applicant.email);
      const members = [memberOfAge(25), memberOfAge(26), memberOfAge(27)];
      const id = await readyDraft(t, applicant.accessToken, competition, {
        members,
        territoryCode: districts[i].code,
        applicantKind: 'initiative_group',
      });
      const submitted = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
      expect(submitted.status).toBe(200);
      apps.push({ id, number: submitted.body.number, leader: `${members[0].lastName} ${members[0].firstName}` });
    }
    t.clock.advance(DAY + 60_000);
    await t.call('POST', `/competitions/${competition.id}/close`, { token: organizer.accessToken });
    await t.call('POST', `/competitions/${competition.id}/screening/run`, { token: organizer.accessToken });
    for (const a of apps)
      await t.call('PUT', `/applications/${a.id}/screening`, {
        token: organizer.accessToken,
        body: { decision: 'screened_in' },
      });
    await t.call('POST', `/competitions/${competition.id}/screening/publish`, { token: organizer.accessToken });
    expect(
      (await t.call('POST', `/competitions/${competition.id}/assignments`, { token: organizer.accessToken, body: {} }))
        .status,
    ).toBe(200);
    for (const [e, expert] of experts.entries()) {
      const mine = await t.call('GET', `/competitions/${competition.id}/assignments`, {
        token: expert.account.accessToken,
      });
      for (const item of mine.body.items) {
        const share = item.applicationId === apps[0].id ? 0.9 - e * 0.1 : 0.6;
        const saved = await t.call('PUT', `/applications/${item.applicationId}/scores/me`, {
          token: expert.account.accessToken,
          body: { version: item.scoreVersion ?? 0, scores: scoresAt(competition.rulebook.criteria, share) },
        });
        expect(saved.status).toBe(200);
      }
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the organizer organization to its representatives and to drafts', async () => {
    const stranger = await signUp(t, 'other-organizer');
    const draft = await t.call('POST', '/competitions', {
      token: organizer.accessToken,
      body: {
        templateCode: 'mini-grants-district',
        title: { kk: 'Екінші байқау', ru: 'Второй конкурс' },
      },
    });
    await t.db.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'organizer', 'active')`,
      [draft.body.id, stranger.userId],
    );
    const foreign = await t.call('PATCH', `/competitions/${draft.body.id}`, {
      token: stranger.accessToken,
      body: { version: draft.body.version, organizerOrganizationId: organizationId },
    });
    expect(foreign.status).toBe(404);
    const locked = await t.call('PATCH', `/competitions/${competition.id}`, {
      token: organizer.accessToken,
      body: { version: competition.version, organizerOrganizationId: organizationId },
    });
    expect(locked.status).toBe(409);
  });

  it('answers "not yet" (409, in kk and ru) for the protocol and score sheets before scoring closes', async () => {
    const kk = await t.call('GET', `/competitions/${competition.id}/protocol.docx`, { token: organizer.accessToken });
    expect(kk.status).toBe(409);
    expect(kk.body.code).toBe('RESULTS_NOT_YET');
    expect(kk.body.message).toMatch(/хаттама/);
    const ru = await t.call('GET', `/competitions/${competition.id}/protocol.docx`, {
      token: organizer.accessToken,
      lang: 'ru',
    });
    expect(ru.body.message).toMatch(/протокол/);
    const sheet = await t.call('GET', `/competitions/${competition.id}/score-sheets/me.docx`, {
      token: experts[0].account.accessToken,
    });
    expect(sheet.status).toBe(409);
    expect(sheet.body.code).toBe('RESULTS_NOT_YET');
    // The public still does not know it exists.
    expect((await t.call('GET', `/competitions/${competition.id}/protocol.docx`)).status).toBe(404);
    const closed = await t.call('POST', `/competitions/${competition.id}/scoring/close`, {
      token: organizer.accessToken,
      body: {},
    });
    expect(closed.status).toBe(200);
    expect(
      (await t.call('POST', `/competitions/${competition.id}/selection`, { token: organizer.accessToken })).status,
    ).toBe(200);
  });

  it('records the meeting the organizer enters: only commission members with names, audited', async () => {
    const url = `/competitions/${competition.id}/protocol/meeting`;
    const body = {
      number: '7',
      heldOn: '2026-07-15',
      place: PLACE,
      chairUserId: experts[0].account.userId,
      secretaryUserId: experts[2].account.userId,
      attendeeUserIds: [experts[1].account.userId],
    };
    const outsider = await signUp(t, 'outsider');
    const refused = await t.call('PUT', url, {
      token: organizer.accessToken,
      body: { ...body, chairUserId: outsider.userId },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'chairUserId', code: 'NOT_COMMISSION_MEMBER' }),
    ]);
    const member = await t.call('PUT', url, { token: experts[0].account.accessToken, body });
    expect(member.status).toBe(403);
    const saved = await t.call('PUT', url, { token: organizer.accessToken, body });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ number: '7', heldOn: '2026-07-15', place: PLACE });
    const [audit] = await t.db.query(
      `SELECT summary FROM audit_log WHERE action = 'protocol.meeting_set' AND entity_id = $1`,
      [competition.id],
    );
    expect(audit.summary.after).toMatchObject({ number: '7', chairUserId: experts[0].account.userId });
  });

  it.each(['kk', 'ru'] as const)('prints a protocol in %s a commission can sign', async (lang) => {
    const res = await t.call('GET', `/competitions/${competition.id}/protocol.docx?lang=${lang}`, {
      token: organizer.accessToken,
    });
    expect(res.status).toBe(200);
    const { text } = await docxText(res.raw);
    const w =
      lang === 'kk'
        ? {
            title: 'ХАТТАМА № 7',
            date: '15 шілде 2026 ж.',
            bin: 'БСН:',
            chair: 'комиссия төрағасы',
            secretary: 'Комиссия хатшысы',
            amountWord: 'Сомасы',
            total: 'бөлінетін қаражаттың жалпы сомасы: 300 000 ₸',
            group: 'бастамашыл топ (топ жетекшісі —',
          }
        : {
            title: 'ПРОТОКОЛ № 7',
            date: '15 июля 2026 г.',
            bin: 'БИН:',
            chair: 'председатель комиссии',
            secretary: 'Секретарь комиссии',
            amountWord: 'Сумма',
            total: 'общая сумма выделяемых средств: 300 000 ₸',
            group: 'инициативная группа (руководитель группы —',
          };
    expect(text).toContain(w.title);
    expect(text).toContain(ORG.name);
    expect(text).toContain(w.bin);
    expect(text).toContain(ORG.address);
    expect(text).toContain(w.date);
    expect(text).toContain('Талдықорған қ., Тәуелсіздік к-сі, 12');
    // The commission by full name and position, the chair and the secretary named as such.
    expect(text).toContain(`${experts[0].name}, ҮЕҰ ресурстық орталығының директоры — ${w.chair}`);
    expect(text).toContain(experts[1].name);
    expect(text).toContain(`${w.secretary} _____________ / ${experts[2].name} /`);
    expect(text.match(/_____________ \//g)).toHaveLength(3);
    // Criteria by name, never by code.
    for (const c of competition.rulebook.criteria) {
      expect(text).toContain(c.label[lang]);
      expect(text).not.toContain(c.code);
    }
    // Decisions name the project, the applicant (the group's leader) and the amount; then the total.
    for (const a of apps) {
      expect(text).toContain(a.number);
      expect(text).toContain(a.leader);
    }
    expect(text).toContain('Ауылдағы жастар алаңы');
    expect(text).toContain(w.group);
    expect(text).toContain('150 000 ₸'); // each group asked for 2 × 75 000 ₸
    expect(text).toContain(w.total);
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it("prints each member's own score sheet; the organizer can print anyone's", async () => {
    const mine = await t.call('GET', `/competitions/${competition.id}/score-sheets/me.docx?lang=kk`, {
      token: experts[1].account.accessToken,
    });
    expect(mine.status).toBe(200);
    const { text } = await docxText(mine.raw);
    expect(text).toContain('КОМИССИЯ МҮШЕСІНІҢ БАҒАЛАУ ПАРАҒЫ');
    expect(text).toContain(ORG.name);
    expect(text).toContain(`${experts[1].name}, аудандық мәслихат депутаты`);
    for (const c of competition.rulebook.criteria) expect(text).toContain(c.label.kk);
    for (const a of apps) expect(text).toContain(a.number);
    expect(text).toContain(`Комиссия мүшесі _____________ / ${experts[1].name} /`);
    expect(text).not.toMatch(EMAIL);

    const other = await t.call(
      'GET',
      `/competitions/${competition.id}/score-sheets/${experts[2].account.userId}.docx?lang=ru`,
      { token: organizer.accessToken },
    );
    expect(other.status).toBe(200);
    expect((await docxText(other.raw)).text).toContain(`Член комиссии _____________ / ${experts[2].name} /`);
    // A member cannot print someone else's; a person outside the commission is "not found".
    expect(
      (
        await t.call('GET', `/competitions/${competition.id}/score-sheets/${experts[2].account.userId}.docx`, {
          token: experts[1].account.accessToken,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('GET', `/competitions/${competition.id}/score-sheets/${organizer.userId}.docx`, {
          token: organizer.accessToken,
        })
      ).status,
    ).toBe(404);
  });

  it('publishes a protocol with no e-mail address or phone number of anyone, and freezes the meeting', async () => {
    const published = await t.call('POST', `/competitions/${competition.id}/results/publish`, {
      token: organizer.accessToken,
    });
    expect(published.status).toBe(200);
    const frozen = await t.call('PUT', `/competitions/${competition.id}/protocol/meeting`, {
      token: organizer.accessToken,
      body: {
        number: '8',
        heldOn: '2026-07-16',
        place: 'Талдықорған',
        chairUserId: experts[0].account.userId,
        secretaryUserId: experts[2].account.userId,
        attendeeUserIds: [],
      },
    });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('RESULTS_PUBLISHED');
    for (const lang of ['kk', 'ru']) {
      const res = await t.call('GET', `/competitions/${competition.id}/protocol.docx?lang=${lang}`);
      expect(res.status).toBe(200);
      for (const [name, part] of await readZipEntries(res.raw)) {
        const xml = part.toString('utf8');
        expect({ name, email: xml.match(EMAIL)?.[0] }).toEqual({ name, email: undefined });
        expect({ name, phone: xml.match(PHONE)?.[0] }).toEqual({ name, phone: undefined });
        for (const email of emails) expect(xml).not.toContain(email);
      }
    }
  });
});
