import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { MINIMAL_PDF, openCompetition, uploadFile } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

/** Input an attacker's fuzzer sent that once gave a 500: each is a 400 naming the field now. */
const DAY = 24 * 3600 * 1000;

describe('hostile input is a 400, never a 500', () => {
  let t: TestApp;
  let admin: TestAccount;
  let applicant: TestAccount;
  let competition: { id: string };
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'bad-input-admin'));
    applicant = await signUp(t, 'bad-input-applicant');
    competition = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + 5 * DAY));
    const draft = await t.call('POST', `/competitions/${competition.id}/applications`, {
      token: applicant.accessToken,
      body: { applicantKind: 'initiative_group' },
    });
    expect(draft.status).toBe(201);
    draftId = draft.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const detailsOf = (body: { code: string; details?: { field: string; code: string }[] }) =>
    (body.details ?? []).map((d) => `${d.field} ${d.code}`);

  describe('a nested object or list of the wrong shape', () => {
    it('PUT …/budget with a list where a line is expected names the line and stores nothing', async () => {
      for (const lines of [[[]], [[{ item: 'x', quantity: 1, unitCost: 1 }]], ['line'], [null]]) {
        const res = await t.call('PUT', `/applications/${draftId}/budget`, {
          token: applicant.accessToken,
          body: { lines },
        });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(detailsOf(res.body)).toContain('budget.lines[0] NOT_OBJECT');
      }
      const [row] = await t.db.query(`SELECT amount_requested, budget_lines FROM applications WHERE id = $1`, [
        draftId,
      ]);
      expect([Number(row.amount_requested), row.budget_lines]).toEqual([0, []]);
    });

    it('PUT …/budget with an object where the list is expected names the list', async () => {
      const res = await t.call('PUT', `/applications/${draftId}/budget`, {
        token: applicant.accessToken,
        body: { lines: { 0: { item: 'Материалдар', quantity: 1, unitCost: 1000 } } },
      });
      expect(res.status).toBe(400);
      expect(detailsOf(res.body)).toEqual(['budget.lines NOT_ARRAY']);
    });

    it('POST /competitions with a list as the title names title, and so does PATCH', async () => {
      const created = await t.call('POST', '/competitions', {
        token: admin.accessToken,
        body: { templateCode: 'volunteer-awards', title: [] },
      });
      expect(created.status).toBe(400);
      expect(created.body.code).toBe('VALIDATION_FAILED');
      expect(detailsOf(created.body)).toContain('title NOT_OBJECT');

      const wrapped = await t.call('POST', '/competitions', {
        token: admin.accessToken,
        body: { templateCode: 'volunteer-awards', title: [{ kk: 'Марапат', ru: 'Награды' }] },
      });
      expect(wrapped.status).toBe(400);
      expect(detailsOf(wrapped.body)).toContain('title NOT_OBJECT');

      const draft = await t.call('POST', '/competitions', {
        token: admin.accessToken,
        body: { templateCode: 'volunteer-awards', title: { kk: 'Марапат', ru: 'Награды' } },
      });
      expect(draft.status).toBe(201);
      for (const title of [[], [{ kk: 'Жаңа', ru: 'Новое' }]]) {
        const patched = await t.call('PATCH', `/competitions/${draft.body.id}`, {
          token: admin.accessToken,
          body: { version: draft.body.version, title },
        });
        expect(patched.status).toBe(400);
        expect(detailsOf(patched.body)).toContain('title NOT_OBJECT');
      }
      const [row] = await t.db.query(`SELECT title_kk, title_ru FROM competitions WHERE id = $1`, [draft.body.id]);
      expect(row).toEqual({ title_kk: 'Марапат', title_ru: 'Награды' });
    });
  });

  describe('text PostgreSQL cannot store, wherever it comes in', () => {
    it('?q=%00 on the organizer’s list of applications is a 400 naming q', async () => {
      for (const q of ['%00', 'a%00b']) {
        const res = await t.call('GET', `/competitions/${competition.id}/applications?q=${q}`, {
          token: admin.accessToken,
        });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(detailsOf(res.body)).toEqual(['q INVALID_FORMAT']);
      }
      const fine = await t.call('GET', `/competitions/${competition.id}/applications?q=abc`, {
        token: admin.accessToken,
      });
      expect(fine.status).toBe(200);
    });

    it('a NUL in a path parameter or a header is a 400 naming it', async () => {
      const param = await t.call('GET', `/applications/${draftId}%00`, { token: applicant.accessToken });
      expect(param.status).toBe(400);
      expect(detailsOf(param.body)).toEqual(['id INVALID_FORMAT']);
      // Node's HTTP parser refuses a NUL in a header on the wire; inject() passes it through, as a proxy might.
      const header = await t.app.inject({
        method: 'GET',
        url: '/api/v1/competitions',
        headers: { 'x-note': 'a\u0000b' },
      });
      expect(header.statusCode).toBe(400);
      expect(detailsOf(header.json())).toEqual(['x-note INVALID_FORMAT']);
    });

    it('a multipart body that breaks off is a 400 MALFORMED_MULTIPART, before or inside the file', async () => {
      const boundary = 'fuzzboundary';
      const whole = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nincome\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
        MINIMAL_PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      for (const cut of [30, whole.length - MINIMAL_PDF.length - 10, whole.length - 20]) {
        const res = await t.call('POST', `/applications/${draftId}/attachments`, {
          token: applicant.accessToken,
          lang: 'ru',
          body: whole.subarray(0, cut),
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
        expect([cut, res.status, res.body.code]).toEqual([cut, 400, 'MALFORMED_MULTIPART']);
        expect(res.body.message).toMatch(/multipart/);
      }
    });

    it('a NUL byte in an upload’s file name is stored without it', async () => {
      const res = await uploadFile(t, applicant.accessToken, draftId, 'income', 'кел\u0000ісім.pdf', MINIMAL_PDF);
      expect(res.status).toBe(201);
      expect(res.body.originalName).toBe('келісім.pdf');
    });
  });
});
