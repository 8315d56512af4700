import { randomUUID } from 'node:crypto';
import { makeBin } from '../../libs/kz';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { formatApplicationNumber, numberSequenceName } from '../../src/modules/applications/domain/application-number';
import { memberOfAge, openCompetition, readyDraft } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

describe('competitions and applications', () => {
  let t: TestApp;
  let admin: TestAccount;
  let youth: any;
  const deadline = new Date(Date.now() + 2 * DAY);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'organizer'));
    youth = await openCompetition(t, admin.accessToken, 'youth-micro-projects', deadline);
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => t.clock.reset());

  describe('competition life', () => {
    it('lists the ready templates for organizers only', async () => {
      const plain = await signUp(t, 'plain');
      expect((await t.call('GET', '/competition-templates', { token: plain.accessToken })).status).toBe(403);
      const res = await t.call('GET', '/competition-templates', { token: admin.accessToken });
      expect(res.status).toBe(200);
      expect(res.body.map((x: { code: string }) => x.code).sort()).toEqual(
        [
          'host-organization-selection',
          'mentor-selection',
          'mini-grants-district',
          'mini-grants-regional',
          'short-term-projects',
          'volunteer-awards',
          'youth-micro-projects',
        ].sort(),
      );
    });

    it('keeps a draft competition invisible to the public and shows an open one with its deadline in local time', async () => {
      const draft = await t.call('POST', '/competitions', {
        token: admin.accessToken,
        body: {
          templateCode: 'mini-grants-district',
          title: { kk: 'Жоба күйіндегі конкурс', ru: 'Черновик конкурса' },
        },
      });
      expect(draft.status).toBe(201);
      expect((await t.call('GET', `/competitions/${draft.body.id}`)).status).toBe(404);
      expect((await t.call('GET', `/competitions/${draft.body.id}`, { token: admin.accessToken })).status).toBe(200);
      const open = await t.call('GET', `/competitions/${youth.id}`);
      expect(open.status).toBe(200);
      expect(open.body).toMatchObject({ status: 'open', counts: { received: expect.any(Number) } });
      expect(open.body.submissionDeadlineLocal).toMatch(/\+05:00$/);
    });

    it('refuses an invalid rulebook with the field named, and refuses to open without a deadline', async () => {
      const bad = await t.call('POST', '/competitions', {
        token: admin.accessToken,
        body: {
          templateCode: 'youth-micro-projects',
          title: { kk: 'Қате ереже', ru: 'Плохие правила' },
          rulebook: { team: { minSize: 5, maxSize: 3 } },
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).join(' ')).toMatch(/rulebook\.team/);
      const noDeadline = await t.call('POST', '/competitions', {
        token: admin.accessToken,
        body: { templateCode: 'volunteer-awards', title: { kk: 'Марапат', ru: 'Награды' } },
      });
      const open = await t.call('POST', `/competitions/${noDeadline.body.id}/open`, { token: admin.accessToken });
      expect(open.status).toBe(400);
      expect(open.body.details[0]).toMatchObject({ field: 'submissionDeadline', code: 'DEADLINE_REQUIRED' });
    });

    it('once open, refuses rule changes but accepts a later deadline and tells applicants with drafts', async () => {
      const c = await openCompetition(t, admin.accessToken, 'short-term-projects', new Date(Date.now() + 3 * DAY));
      const applicant = await signUp(t, 'drafter');
      await t.call('POST', `/competitions/${c.id}/applications`, {
        token: applicant.accessToken,
        body: { applicantKind: c.rulebook.applicantKinds[0] },
      });
      const locked = await t.call('PATCH', `/competitions/${c.id}`, {
        token: admin.accessToken,
        body: { version: c.version, title: { kk: 'Жаңа атау', ru: 'Новое имя' } },
      });
      expect(locked.status).toBe(409);
      expect(locked.body.code).toBe('COMPETITION_LOCKED');
      const earlier = await t.call('PATCH', `/competitions/${c.id}`, {
        token: admin.accessToken,
        body: { version: c.version, submissionDeadline: new Date(Date.now() + DAY).toISOString() },
      });
      expect(earlier.body.details?.[0]?.code).toBe('DEADLINE_NOT_LATER');
      const later = new Date(Date.now() + 5 * DAY);
      const extended = await t.call('PATCH', `/competitions/${c.id}`, {
        token: admin.accessToken,
        body: { version: c.version, submissionDeadline: later.toISOString() },
      });
      expect(extended.status).toBe(200);
      expect(extended.body.submissionDeadline).toBe(later.toISOString());
      const told = await t.db.query(
        `SELECT template FROM notification_outbox WHERE recipient_email = $1 AND template = 'deadline-extended'`,
        [applicant.email],
      );
      expect(told).toHaveLength(1);
      const audit = await t.db.query(
        `SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'competition.deadline_extended'`,
        [c.id],
      );
      expect(audit).toHaveLength(1);
    });
  });

  describe('applying', () => {
    let applicant: TestAccount;
    beforeAll(async () => {
      applicant = await signUp(t, 'applicant');
    });

    it('submits a complete application: public number, receipt e-mail with the number, audit entry', async () => {
      const id = await readyDraft(t, applicant.accessToken, youth);
      const res = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
      expect(res.body.details ?? []).toEqual([]);
      expect(res.status).toBe(200);
      expect(res.body.number).toMatch(/^YC\d+-20\d\d-\d{4}$/);
      const receipt = await t.db.query(
        `SELECT payload FROM notification_outbox WHERE recipient_email = $1 AND template = 'application-receipt'`,
        [applicant.email],
      );
      expect(receipt[0].payload.number).toBe(res.body.number);
      const app = await t.call('GET', `/applications/${id}`, { token: applicant.accessToken });
      expect(app.body).toMatchObject({ status: 'submitted', number: res.body.number });
      expect(
        (
          await t.call('PATCH', `/applications/${id}`, {
            token: applicant.accessToken,
            body: { version: app.body.version, title: 'x' },
          })
        ).status,
      ).toBe(409);
    });

    it('saves an incomplete draft, and submit lists every problem at once', async () => {
      const draft = await t.call('POST', `/competitions/${youth.id}/applications`, {
        token: applicant.accessToken,
        body: { applicantKind: 'initiative_group' },
      });
      const team = [memberOfAge(35), memberOfAge(20)];
      expect(
        (
          await t.call('PUT', `/applications/${draft.body.id}/team`, {
            token: applicant.accessToken,
            body: { leaderIin: team[0].iin, members: team },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.call('PUT', `/applications/${draft.body.id}/budget`, {
            token: applicant.accessToken,
            body: { lines: [{ item: 'Жабдық', quantity: 3, unitCost: 400000 }] },
          })
        ).body.amountRequested,
      ).toBe(1200000);
      const res = await t.call('POST', `/applications/${draft.body.id}/submit`, {
        token: applicant.accessToken,
        lang: 'ru',
      });
      expect(res.status).toBe(400);
      const problems = Object.fromEntries(
        res.body.details.map((d: { field: string; code: string }) => [d.field, d.code]),
      );
      expect(problems).toMatchObject({
        title: 'REQUIRED',
        territoryCode: 'REQUIRED',
        direction: 'REQUIRED',
        team: 'TEAM_TOO_SMALL',
        'team[0].iin': 'AGE_OUT_OF_RANGE',
        budget: 'AMOUNT_OVER_CAP',
      });
      expect(res.body.details.find((d: { field: string }) => d.field === 'team[0].iin').message).toMatch(/35/);
      expect(
        (await t.call('GET', `/applications/${draft.body.id}`, { token: applicant.accessToken })).body.status,
      ).toBe('draft');
    });

    it('names a bad team member or budget line as the form does (team[2].iin, budget.lines[0].unitCost), in kk and ru, and keeps what was saved', async () => {
      const id = await readyDraft(t, applicant.accessToken, youth);
      const saved = (await t.call('GET', `/applications/${id}`, { token: applicant.accessToken })).body;
      const team = [memberOfAge(20), memberOfAge(21), memberOfAge(22)];
      const badIin = team[2].iin.slice(0, 11) + ((Number(team[2].iin[11]) + 1) % 10);
      const badTeam = { leaderIin: team[0].iin, members: [team[0], team[1], { ...team[2], iin: badIin }] };
      const byDto = async (lang: 'kk' | 'ru') =>
        (await t.call('PUT', `/applications/${id}/team`, { token: applicant.accessToken, body: badTeam, lang })).body;
      const [kk, ru] = [await byDto('kk'), await byDto('ru')];
      expect(kk.details).toEqual([expect.objectContaining({ field: 'team[2].iin', code: 'IIN_CHECKSUM' })]);
      expect(kk.details[0].message).toMatch(/ЖСН/);
      expect(ru.details[0].message).toMatch(/ИИН/);

      const twice = await t.call('PUT', `/applications/${id}/team`, {
        token: applicant.accessToken,
        body: { leaderIin: team[0].iin, members: [team[0], team[1], team[1]] },
      });
      expect(twice.body.details).toEqual([expect.objectContaining({ field: 'team[2].iin', code: 'DUPLICATE_MEMBER' })]);

      const budget = await t.call('PUT', `/applications/${id}/budget`, {
        token: applicant.accessToken,
        body: { lines: [{ item: 'Жабдық', quantity: 1, unitCost: -5 }] },
        lang: 'ru',
      });
      expect(budget.status).toBe(400);
      expect(budget.body.details).toEqual([
        expect.objectContaining({
          field: 'budget.lines[0].unitCost',
          code: expect.any(String),
          message: expect.any(String),
        }),
      ]);

      const after = (await t.call('GET', `/applications/${id}`, { token: applicant.accessToken })).body;
      expect(after).toEqual(saved);
    });

    it('enforces the deadline on the server: one second before is accepted, one second after is refused with the local time', async () => {
      const c = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
      const before = await readyDraft(t, applicant.accessToken, c);
      const after = await readyDraft(t, (await signUp(t, 'late')).accessToken, c);
      const late = await t.db.query(
        `SELECT u.email FROM applications a JOIN users u ON u.id = a.applicant_user_id WHERE a.id = $1`,
        [after],
      );
      const deadlineAt = new Date(c.submissionDeadline);
      t.clock.set(new Date(deadlineAt.getTime() - 1000));
      expect((await t.call('POST', `/applications/${before}/submit`, { token: applicant.accessToken })).status).toBe(
        200,
      );
      t.clock.set(new Date(deadlineAt.getTime() + 1000));
      const loginLate = await t.call('POST', '/auth/login', {
        body: { email: late[0].email, password: 'taza-su-kokte-2026' },
      });
      const refused = await t.call('POST', `/applications/${after}/submit`, {
        token: loginLate.body.accessToken,
        lang: 'ru',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('DEADLINE_PASSED');
      const local = new Intl.DateTimeFormat('ru-RU', {
        timeZone: 'Asia/Almaty',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(deadlineAt);
      expect(refused.body.message).toContain(local);
      expect(refused.body.message).toContain('Астаны');
    });

    it('honours Idempotency-Key: the same key replays the answer, another body gets 422', async () => {
      const applicant = await signUp(t, 'repeater');
      const id = await readyDraft(t, applicant.accessToken, youth);
      const key = `submit-${randomUUID()}`;
      const first = await t.call('POST', `/applications/${id}/submit`, {
        token: applicant.accessToken,
        headers: { 'idempotency-key': key },
      });
      const second = await t.call('POST', `/applications/${id}/submit`, {
        token: applicant.accessToken,
        headers: { 'idempotency-key': key },
      });
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      // The group may apply once: a second application of the same group is a clear 409.
      const again = await readyDraft(t, applicant.accessToken, youth);
      const refused = await t.call('POST', `/applications/${again}/submit`, { token: applicant.accessToken });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('GROUP_ALREADY_APPLIED');
      const draftKey = `draft-${randomUUID()}`;
      const a = await t.call('POST', `/competitions/${youth.id}/applications`, {
        token: applicant.accessToken,
        headers: { 'idempotency-key': draftKey },
        body: { applicantKind: 'initiative_group' },
      });
      const b = await t.call('POST', `/competitions/${youth.id}/applications`, {
        token: applicant.accessToken,
        headers: { 'idempotency-key': draftKey },
        body: { applicantKind: 'initiative_group' },
      });
      expect(b.body.id).toBe(a.body.id);
      const c = await t.call('POST', `/competitions/${youth.id}/applications`, {
        token: applicant.accessToken,
        headers: { 'idempotency-key': draftKey },
        body: { applicantKind: 'host_organization' },
      });
      expect(c.status).toBe(422);
      expect(c.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it("stores the answer to an Idempotency-Key in the submission's own transaction, so a retry after a crash past the commit replays it", async () => {
      const applicant = await signUp(t, 'crash-retry');
      const id = await readyDraft(t, applicant.accessToken, youth);
      const key = `submit-${randomUUID()}`;
      const first = await t.call('POST', `/applications/${id}/submit`, {
        token: applicant.accessToken,
        headers: { 'idempotency-key': key },
      });
      expect(first.status).toBe(200);
      const [stored] = await t.db.query(
        `SELECT a.xmin::text = k.xmin::text AS "sameTransaction", k.state, k.response_status AS status, k.response_body AS body
           FROM applications a, idempotency_keys k WHERE a.id = $1 AND k.user_id = $2 AND k.key = $3`,
        [id, applicant.userId, key],
      );
      expect(stored).toEqual({ sameTransaction: true, state: 'done', status: 200, body: first.body });
    });

    it('keeps numbers increasing and formatted past 9 999 (YC2-2026-9999, then YC2-2026-10000)', async () => {
      const c = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
      await t.db.query(`SELECT setval($1::regclass, 9998)`, [numberSequenceName(c.id)]);
      const numbers: string[] = [];
      for (const label of ['ninety-nine', 'ten-thousand']) {
        const who = await signUp(t, label);
        const res = await t.call('POST', `/applications/${await readyDraft(t, who.accessToken, c)}/submit`, {
          token: who.accessToken,
        });
        expect(res.status).toBe(200);
        numbers.push(res.body.number);
      }
      const [code, year] = numbers[0].split('-');
      expect(code).toMatch(/^YC\d+$/);
      expect(numbers).toEqual([
        formatApplicationNumber(code, Number(year), 9999),
        formatApplicationNumber(code, Number(year), 10000),
      ]);
      expect(numbers[1]).toMatch(/^YC\d+-20\d\d-10000$/);
    });

    it('keeps one person in one application: the second submit naming the same person gets 409', async () => {
      const shared = memberOfAge(22);
      const applicant = await signUp(t, 'first');
      const other = await signUp(t, 'rival');
      const a = await readyDraft(t, applicant.accessToken, youth, {
        members: [shared, memberOfAge(23), memberOfAge(24)],
      });
      const b = await readyDraft(t, other.accessToken, youth, { members: [memberOfAge(25), shared, memberOfAge(26)] });
      expect((await t.call('POST', `/applications/${a}/submit`, { token: applicant.accessToken })).status).toBe(200);
      const res = await t.call('POST', `/applications/${b}/submit`, { token: other.accessToken });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'PERSON_IN_ANOTHER_APPLICATION' });
      expect(res.body.message).toContain(shared.iin);
      // Withdrawing the first frees the person.
      expect((await t.call('POST', `/applications/${a}/withdraw`, { token: applicant.accessToken })).status).toBe(200);
      expect((await t.call('POST', `/applications/${b}/submit`, { token: other.accessToken })).status).toBe(200);
    });

    it('fires the 7th and 8th submissions of a host organization at once: exactly one succeeds, the other gets a clear 409', async () => {
      const host = await signUp(t, 'host');
      const org = await t.call('POST', '/organizations', {
        token: host.accessToken,
        body: {
          bin: makeBin('2016-03', Math.floor(Math.random() * 90000) + 1000),
          name: 'Жастар орталығы',
          kind: 'youth_organization',
          regionCode: 'ALM',
          registeredOn: '2016-03-10',
        },
      });
      expect(org.status).toBe(201);
      const ids: string[] = [];
      for (let i = 0; i < 8; i += 1)
        ids.push(
          await readyDraft(t, host.accessToken, youth, {
            applicantKind: 'host_organization',
            organizationId: org.body.id,
          }),
        );
      for (const id of ids.slice(0, 6))
        expect((await t.call('POST', `/applications/${id}/submit`, { token: host.accessToken })).status).toBe(200);
      const [seventh, eighth] = await Promise.all(
        ids.slice(6).map((id) => t.call('POST', `/applications/${id}/submit`, { token: host.accessToken })),
      );
      expect([seventh.status, eighth.status].sort()).toEqual([200, 409]);
      const refused = seventh.status === 409 ? seventh : eighth;
      expect(refused.body.code).toBe('HOST_ORGANIZATION_LIMIT');
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM applications WHERE organization_id = $1 AND status = 'submitted'`,
        [org.body.id],
      );
      expect(n).toBe(7);
    });

    it("hides another applicant's application (404) but shows it to the competition's organizer", async () => {
      const id = await readyDraft(t, applicant.accessToken, youth);
      const stranger = await signUp(t, 'stranger');
      expect((await t.call('GET', `/applications/${id}`, { token: stranger.accessToken })).status).toBe(404);
      expect(
        (
          await t.call('PATCH', `/applications/${id}`, {
            token: stranger.accessToken,
            body: { version: 1, title: 'x' },
          })
        ).status,
      ).toBe(404);
      expect((await t.call('GET', `/applications/${id}`, { token: admin.accessToken })).status).toBe(200);
      // Submit reads its access facts in its own query: a stranger gets the same 404 and changes nothing.
      const submit = await t.call('POST', `/applications/${id}/submit`, { token: stranger.accessToken });
      expect({ status: submit.status, code: submit.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect((await t.call('GET', `/applications/${id}`, { token: applicant.accessToken })).body).toMatchObject({
        status: 'draft',
        number: null,
      });
      const mine = await t.call('GET', '/me/applications', { token: applicant.accessToken });
      expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(id);
    });
  });
});
