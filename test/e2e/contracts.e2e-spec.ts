import { signUp, outboxTo, TestAccount } from '../support/accounts';
import { openCompetition } from '../support/competitions';
import { grantCompetition, GrantCompetition, multipartFile } from '../support/contracts';
import { docxText, squeeze } from '../support/document-text';
import { minimalPdf, minimalPng, realDocx } from '../support/files';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

describe('grant contracts (API): generate per winner, send, signed copy, countersign, revise, terminate', () => {
  let t: TestApp;
  let mini: GrantCompetition;
  let youth: GrantCompetition;
  let stranger: TestAccount;
  const tag = `${Date.now() % 100000}`;

  beforeAll(async () => {
    t = await createTestApp();
    mini = await grantCompetition(t, {
      templateCode: 'mini-grants-district',
      tag: `mg${tag}`,
      winners: 3,
      locales: ['kk', 'ru'],
    });
    youth = await grantCompetition(t, {
      templateCode: 'youth-micro-projects',
      tag: `ym${tag}`,
      winners: 1,
      hostOrganization: true,
    });
    stranger = await signUp(t, 'contracts-stranger');
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  const contractsOf = async (competitionId: string): Promise<{ id: string; status: string; number: string }[]> =>
    t.db.query(`SELECT id, status, number FROM contracts WHERE competition_id = $1 ORDER BY sequence_no`, [
      competitionId,
    ]);
  const call = (method: string, path: string, who: TestAccount, body?: unknown, lang: 'kk' | 'ru' = 'kk') =>
    t.call(method, path, { token: who.accessToken, body, lang });

  it('refuses a contract for a non-winner with a clear message in the caller language, and saves nothing', async () => {
    const kk = await call('POST', `/competitions/${mini.id}/contracts`, mini.organizer, {
      applicationIds: [mini.winners[0].id, mini.loser.id],
    });
    expect(kk.status).toBe(409);
    expect(kk.body.code).toBe('CONTRACT_NOT_A_WINNER');
    expect(kk.body.message).toBe(
      `${mini.loser.number} өтінімі жеңімпаз емес: шарт тек жеңімпазбен жасалады. Ештеңе сақталған жоқ.`,
    );
    const ru = await call(
      'POST',
      `/competitions/${mini.id}/contracts`,
      mini.organizer,
      { applicationIds: [mini.loser.id] },
      'ru',
    );
    expect(ru.body.message).toContain(`Заявка ${mini.loser.number} не является победителем`);
    expect(await contractsOf(mini.id)).toEqual([]);
  });

  it('refuses contracts before the results are published: winners hear they won first', async () => {
    await t.db.query(`UPDATE scoring_rounds SET results_published_at = NULL WHERE competition_id = $1`, [mini.id]);
    try {
      const res = await call('POST', `/competitions/${mini.id}/contracts`, mini.organizer, {}, 'ru');
      expect(res.status).toBe(409);
      expect(res.body.message).toBe(
        'Результаты конкурса ещё не опубликованы: договоры с победителями заключаются после публикации результатов.',
      );
      expect(await contractsOf(mini.id)).toEqual([]);
    } finally {
      await t.db.query(`UPDATE scoring_rounds SET results_published_at = now() WHERE competition_id = $1`, [mini.id]);
    }
  });

  it('refuses contracts in a competition that gives none (volunteer awards), and to anyone not organizing it', async () => {
    const awards = await openCompetition(t, mini.admin.accessToken, 'volunteer-awards', new Date(Date.now() + DAY));
    await t.db.query(
      `INSERT INTO scoring_rounds (competition_id, closed_at, results_published_at) VALUES ($1, now(), now())`,
      [awards.id],
    );
    const res = await call('POST', `/competitions/${awards.id}/contracts`, mini.admin, {});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONTRACTS_NOT_IN_COMPETITION');
    expect((await call('POST', `/competitions/${mini.id}/contracts`, youth.organizer, {})).status).toBe(403);
    expect((await call('POST', `/competitions/${mini.id}/contracts`, mini.winners[0].applicant, {})).status).toBe(403);
  });

  it('generates one draft per winner, numbered per competition; twice at once or again creates nothing twice', async () => {
    const [a, b] = await Promise.all([
      call('POST', `/competitions/${mini.id}/contracts`, mini.organizer, {}),
      call('POST', `/competitions/${mini.id}/contracts`, mini.organizer, {}),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.created + b.body.created).toBe(3);
    const rows = await contractsOf(mini.id);
    expect(rows).toHaveLength(3);
    const year = new Date().getFullYear();
    expect(rows.map((r) => r.number)).toEqual([`MG-${year}/001`, `MG-${year}/002`, `MG-${year}/003`]);
    expect(rows.every((r) => r.status === 'draft')).toBe(true);
    const again = await call('POST', `/competitions/${mini.id}/contracts`, mini.organizer, {});
    expect(again.body.created).toBe(0);
    expect(again.body.items.map((i: { id: string }) => i.id)).toEqual(rows.map((r) => r.id));
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'contract.generated' AND entity_id = ANY($1::text[])`,
      [rows.map((r) => r.id)],
    );
    expect(n).toBe(3);
  });

  it('shows the contract to its parties only: the grantee and the organizers; another applicant gets 404', async () => {
    const winner = mini.winners[0];
    const [{ id }] = await t.db.query(`SELECT id FROM contracts WHERE application_id = $1`, [winner.id]);
    const mine = await call('GET', `/contracts/${id}`, winner.applicant);
    expect(mine.status).toBe(200);
    expect(mine.body.role).toBe('grantee');
    const c = mine.body.content;
    expect(c.organizer).toMatchObject({
      name: mini.organizerOrganization.name,
      headName: mini.organizerOrganization.headName,
    });
    expect(c.grantee.kind).toBe('initiative_group');
    expect(c.grantee.person.iin).toMatch(/^\d{12}$/);
    expect(c.application).toMatchObject({ id: winner.id, number: winner.number });
    const [{ amount_requested }] = await t.db.query(`SELECT amount_requested FROM applications WHERE id = $1`, [
      winner.id,
    ]);
    expect(c.amounts).toMatchObject({ budget: Number(amount_requested), overhead: 0, total: Number(amount_requested) });
    expect(c.payments.tranches.reduce((s: number, x: { amount: number }) => s + x.amount, 0)).toBe(c.amounts.total);
    expect((await call('GET', `/contracts/${id}`, mini.organizer)).body.role).toBe('organizer');
    expect((await call('GET', `/contracts/${id}`, mini.winners[1].applicant)).status).toBe(404);
    expect((await call('GET', `/contracts/${id}`, stranger)).status).toBe(404);
    expect((await call('GET', `/contracts/${id}/document.docx?lang=ru`, stranger)).status).toBe(404);
  });

  it("puts a host organization's 15% overhead on its own line with the arithmetic, in kk and ru", async () => {
    const generated = await call('POST', `/competitions/${youth.id}/contracts`, youth.organizer, {});
    expect(generated.status).toBe(200);
    const [item] = generated.body.items;
    const contract = (await call('GET', `/contracts/${item.id}`, youth.winners[0].applicant)).body;
    const { budget, overhead, total } = contract.content.amounts;
    expect(contract.content.grantee.kind).toBe('host_organization');
    expect(contract.content.grantee.organization.headName).toBe('Омаров Ерлан Бауыржанұлы');
    expect(overhead).toBe(Math.round(budget * 0.15));
    expect(total).toBe(budget + overhead);
    expect(contract.content.amounts).toMatchObject({ overheadPercent: 15, overheadMode: 'on_top' });
    const money = (n: number) => `${String(n).replace(/\B(?=(\d{3})+$)/g, ' ')} ₸`;
    for (const lang of ['kk', 'ru'] as const) {
      const res = await t.call('GET', `/contracts/${item.id}/document.docx?lang=${lang}`, {
        token: youth.winners[0].applicant.accessToken,
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const text = squeeze((await docxText(res.raw)).text).replace(/\u00a0/g, ' ');
      expect(text).toContain(lang === 'kk' ? `ГРАНТ ШАРТЫ № ${item.number}` : `ДОГОВОР О ГРАНТЕ № ${item.number}`);
      expect(text).toContain(
        lang === 'kk'
          ? `Есеп: ${money(budget)} × 15% = ${money(overhead)}; ${money(budget)} + ${money(overhead)} = ${money(total)}`
          : `Расчёт: ${money(budget)} × 15% = ${money(overhead)}; ${money(budget)} + ${money(overhead)} = ${money(total)}`,
      );
      expect(text).toContain(
        lang === 'kk' ? 'Қабылдаушы ұйымның үстеме шығындары (15%)' : 'Накладные расходы принимающей организации (15%)',
      );
      expect(text).toContain(lang === 'kk' ? 'Жобаның бекітілген бюджеті' : 'Утверждённый бюджет проекта');
      expect(text).toContain(lang === 'kk' ? 'Төлем кестесі' : 'График платежей');
      // The template's payment rule (70% in force, 30% after the final reports), not the default.
      expect(text).not.toContain(lang === 'kk' ? 'әдепкі кесте қолданылады' : 'применяется график по умолчанию');
      expect(text).toContain(lang === 'kk' ? 'Қорытынды бағдарламалық және' : 'итоговых');
      expect(text).toContain('Омаров Ерлан Бауыржанұлы');
      expect(text).toContain(youth.organizerOrganization.headName);
    }
  });

  it('edits a draft, then send freezes it: an edit of the sent contract is refused and the database keeps it as sent', async () => {
    const winner = mini.winners[0];
    const [{ id }] = await t.db.query(`SELECT id FROM contracts WHERE application_id = $1`, [winner.id]);
    const before = (await call('GET', `/contracts/${id}`, mini.organizer)).body;
    const bad = await call('PATCH', `/contracts/${id}`, mini.organizer, {
      startsOn: '2026-09-01',
      endsOn: '2026-08-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CONTRACT_DATES_ORDER');
    const edited = await call('PATCH', `/contracts/${id}`, mini.organizer, {
      version: before.version,
      startsOn: '2027-03-01',
      endsOn: '2027-05-31',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.content).toMatchObject({ startsOn: '2027-03-01', endsOn: '2027-05-31' });
    expect(edited.body.content.reporting.dueOn).toBe('2027-06-10');
    const stale = await call('POST', `/contracts/${id}/send`, mini.organizer, { version: before.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await call('POST', `/contracts/${id}/send`, winner.applicant, {})).status).toBe(404);
    const [sent, twice] = await Promise.all([
      call('POST', `/contracts/${id}/send`, mini.organizer, {}),
      call('POST', `/contracts/${id}/send`, mini.organizer, {}),
    ]);
    expect([sent.status, twice.status].sort()).toEqual([200, 409]);
    const refused = sent.status === 409 ? sent : twice;
    expect(refused.body.code).toBe('CONTRACT_ALREADY_SENT');
    const after = (await call('GET', `/contracts/${id}`, winner.applicant)).body;
    expect(after.status).toBe('sent');
    expect(after.revisions).toEqual([expect.objectContaining({ revision: 1, supersededAt: null })]);
    const frozen = await call('PATCH', `/contracts/${id}`, mini.organizer, { startsOn: '2027-04-01' }, 'ru');
    expect(frozen.status).toBe(409);
    expect(frozen.body.message).toContain(`Договор ${after.number} отправлен, его содержание больше не меняется`);
    await expect(
      t.db.query(`UPDATE contracts SET content = jsonb_set(content, '{startsOn}', '"2027-04-01"') WHERE id = $1`, [id]),
    ).rejects.toThrow(/frozen/);
    await expect(
      t.db.query(`UPDATE contract_revisions SET content = '{}' WHERE contract_id = $1`, [id]),
    ).rejects.toThrow(/kept as it was sent/);
    const mail = await outboxTo(t, winner.applicant.email, 'contract-update');
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      locale: 'kk',
      payload: expect.objectContaining({ event: 'sent', contractNumber: after.number }),
    });
    const docx = await t.call('GET', `/contracts/${id}/document.docx`, { token: winner.applicant.accessToken });
    const text = squeeze((await docxText(docx.raw)).text);
    expect(text).toContain('1 наурыз 2027 ж.');
    expect(text).not.toContain('Шарттың жобасы');
  });

  it('takes the signed copy from the grantee only, as PDF, JPG or PNG by content; a DOCX is refused and nothing is kept', async () => {
    const winner = mini.winners[0];
    const [{ id }] = await t.db.query(`SELECT id FROM contracts WHERE application_id = $1`, [winner.id]);
    const upload = (who: TestAccount, name: string, content: Buffer, type: string, lang: 'kk' | 'ru' = 'kk') => {
      const m = multipartFile(name, content, type);
      return t.call('POST', `/contracts/${id}/signed-copy`, {
        token: who.accessToken,
        body: m.body,
        headers: m.headers,
        lang,
      });
    };
    expect((await upload(mini.organizer, 'шарт.pdf', minimalPdf(), 'application/pdf')).status).toBe(404);
    expect((await upload(mini.winners[1].applicant, 'шарт.pdf', minimalPdf(), 'application/pdf')).status).toBe(404);
    // A Word file renamed to .pdf: judged by its content.
    const docx = await upload(winner.applicant, 'шарт.pdf', await realDocx(), 'application/pdf', 'ru');
    expect(docx.status).toBe(415);
    expect(docx.body.message).toBe(
      'Подписанная копия договора должна быть файлом PDF, JPG или PNG. Ничего не сохранено.',
    );
    const [still] = await t.db.query(`SELECT status, signed_copy_key FROM contracts WHERE id = $1`, [id]);
    expect(still).toEqual({ status: 'sent', signed_copy_key: null });
    const ok = await upload(winner.applicant, 'қол қойылған шарт.png', minimalPng(), 'image/png');
    expect(ok.status).toBe(201);
    expect(ok.body.status).toBe('signed_by_grantee');
    expect(ok.body.signedCopy).toMatchObject({ kind: 'png' });
    const again = await upload(winner.applicant, 'шарт.pdf', minimalPdf(), 'application/pdf');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONTRACT_NOT_AWAITING_SIGNATURE');
    const file = await t.call('GET', `/contracts/${id}/signed-copy`, { token: mini.organizer.accessToken });
    expect(file.status).toBe(200);
    expect(file.raw.equals(minimalPng())).toBe(true);
    const told = await outboxTo(t, mini.organizer.email, 'contract-update');
    expect(told.map((m) => [m.locale, m.payload.event])).toContainEqual(['ru', 'signed_by_grantee']);
  });

  it('countersigning makes it active and the application contracted; a second countersign changes nothing', async () => {
    const winner = mini.winners[0];
    const [{ id }] = await t.db.query(`SELECT id FROM contracts WHERE application_id = $1`, [winner.id]);
    expect((await call('POST', `/contracts/${id}/countersign`, winner.applicant, {})).status).toBe(404);
    const [one, two] = await Promise.all([
      call('POST', `/contracts/${id}/countersign`, mini.organizer, {}),
      call('POST', `/contracts/${id}/countersign`, mini.organizer, {}),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const [application] = await t.db.query(`SELECT status, version FROM applications WHERE id = $1`, [winner.id]);
    expect(application.status).toBe('contracted');
    const moves = await t.db.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'application.contracted'`,
      [winner.id],
    );
    expect(moves).toHaveLength(1);
    expect((await call('GET', `/contracts/${id}`, winner.applicant)).body.status).toBe('active');
    const mail = await outboxTo(t, winner.applicant.email, 'contract-update');
    expect(mail.map((m) => m.payload.event)).toEqual(['sent', 'active']);
  });

  it('a change after sending is a new revision, back to draft, to be sent and signed again; the old one is kept', async () => {
    const winner = mini.winners[1];
    const [{ id }] = await t.db.query(`SELECT id FROM contracts WHERE application_id = $1`, [winner.id]);
    const notSent = await call('POST', `/contracts/${id}/revise`, mini.organizer, { reason: 'Күндері өзгерді' });
    expect(notSent.status).toBe(409);
    expect(notSent.body.code).toBe('CONTRACT_NOT_SENT_YET');
    expect((await call('POST', `/contracts/${id}/send`, mini.organizer, {})).status).toBe(200);
    const m = multipartFile('шарт.pdf', minimalPdf(), 'application/pdf');
    const signed = await t.call('POST', `/contracts/${id}/signed-copy`, {
      token: winner.applicant.accessToken,
      body: m.body,
      headers: m.headers,
    });
    expect(signed.status).toBe(201);
    expect((await call('POST', `/contracts/${id}/revise`, mini.organizer, {})).status).toBe(400);
    const revised = await call('POST', `/contracts/${id}/revise`, mini.organizer, { reason: 'Бюджет жолы нақтыланды' });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ status: 'draft', revision: 2, signedCopy: null });
    expect(revised.body.revisions).toEqual([
      expect.objectContaining({
        revision: 1,
        reason: 'Бюджет жолы нақтыланды',
        signed: true,
        supersededAt: expect.any(String),
      }),
    ]);
    const [old] = await t.db.query(
      `SELECT signed_copy FROM contract_revisions WHERE contract_id = $1 AND revision = 1`,
      [id],
    );
    expect(old.signed_copy).toMatchObject({ kind: 'pdf' });
    expect((await call('POST', `/contracts/${id}/countersign`, mini.organizer, {})).status).toBe(409);
    expect((await call('POST', `/contracts/${id}/send`, mini.organizer, {})).status).toBe(200);
    const docx = await t.call('GET', `/contracts/${id}/document.docx?lang=ru`, { token: winner.applicant.accessToken });
    expect(squeeze((await docxText(docx.raw)).text)).toContain('Редакция 2');
    const mail = await outboxTo(t, winner.applicant.email, 'contract-update');
    expect(mail.map((x) => [x.locale, x.payload.event])).toEqual([
      ['ru', 'sent'],
      ['ru', 'revised'],
      ['ru', 'sent'],
    ]);
  });

  it('terminating needs a reason (nothing changes without one) and ends the application too', async () => {
    const winner = mini.winners[2];
    const [{ id }] = await t.db.query(`SELECT id FROM contracts WHERE application_id = $1`, [winner.id]);
    for (const body of [{}, { reason: '   ' }]) {
      const res = await call('POST', `/contracts/${id}/terminate`, mini.organizer, body, 'ru');
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    }
    expect((await t.db.query(`SELECT status FROM contracts WHERE id = $1`, [id]))[0].status).toBe('draft');
    const done = await call('POST', `/contracts/${id}/terminate`, mini.organizer, {
      reason: 'Жеңімпаз гранттан бас тартты',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'terminated', terminationReason: 'Жеңімпаз гранттан бас тартты' });
    expect((await t.db.query(`SELECT status FROM applications WHERE id = $1`, [winner.id]))[0].status).toBe(
      'terminated',
    );
    const again = await call('POST', `/contracts/${id}/terminate`, mini.organizer, { reason: 'Тағы да' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONTRACT_ENDED');
    const mail = await outboxTo(t, winner.applicant.email, 'contract-update');
    expect(mail.map((x) => [x.payload.event, x.payload.reason])).toEqual([
      ['terminated', 'Жеңімпаз гранттан бас тартты'],
    ]);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['contract.generated', 'contract.terminated']);
  });
});
