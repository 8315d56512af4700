import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { giveOrganizer, handoverUpload } from '../support/awards';
import { MINIMAL_PDF, openCompetition } from '../support/competitions';
import { readablePhone } from '../../src/modules/awards/documents/awards-documents.builder';
import { readDocx } from '../support/docx-reader';
import { minimalPng } from '../support/files';
import { competitionStory, Story } from '../support/published-results';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
const today = () => new Date().toISOString().slice(0, 10);

async function docText(buffer: Buffer): Promise<string> {
  const { xml } = await readDocx(buffer);
  return (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((p) => p.replace(/<[^>]+>/g, '')).join(' ');
}

async function auditCount(t: TestApp, action: string, entityId: string): Promise<number> {
  const [row] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity_id = $2`, [
    action,
    entityId,
  ]);
  return row.n;
}

describe('awards: prizes for the winners of a published selection, the winners list, the transfer act, the handover', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let outsider: TestAccount;
  let prize: Story;
  let winners: { applicationId: string; number: string; name: string; phone: string | null }[];
  const prizeBody = (applicationId: string, place: number, extra: Record<string, unknown> = {}) => ({
    applicationId,
    place,
    prize: { kk: `Ноутбук (${place}-орын)`, ru: `Ноутбук (${place} место)` },
    amount: 350000 - place * 50000,
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'awards-organizer'));
    outsider = await signUp(t, 'awards-outsider');
    prize = await competitionStory(t, organizer, {
      templateCode: 'short-term-projects',
      title: { kk: 'Сәтті қадам сыйлықтары 2026', ru: 'Призы «Сәтті қадам» 2026' },
      projects: ['Ауыл кітапханасы', 'Жастар алаңы', 'Таза өзен', 'Қарттарға көмек', 'Спорт үйірмесі'],
      stage: 'results_published',
    });
    await giveOrganizer(t, prize.competition.id, organizer.userId, '«Жаңаарқа жастары» қоғамдық бірлестігі');
    const list = await t.call('GET', `/competitions/${prize.competition.id}/awards`, { token: organizer.accessToken });
    expect(list.status).toBe(200);
    winners = list.body.winners;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const path = () => `/competitions/${prize.competition.id}/awards`;
  const post = (body: unknown, lang: 'kk' | 'ru' = 'kk', token = organizer.accessToken) =>
    t.call('POST', path(), { token, body, lang });

  it('lists the three winners of the published selection in the ranking order, places suggested', async () => {
    const list = await t.call('GET', path(), { token: organizer.accessToken });
    expect(list.body.placement).toBe('place');
    expect(list.body.resultsPublished).toBe(true);
    expect(winners.map((w) => w.number)).toEqual(prize.applications.slice(0, 3).map((a) => a.number));
    expect(list.body.winners.map((w: { suggestedPlace: number }) => w.suggestedPlace)).toEqual([1, 2, 3]);
    expect(winners[0].name).toMatch(/^Қатысушы Мүше-/);
    expect(winners[0].phone).toMatch(/^\+7/);
  });

  it('refuses an award for an application that is not a winner, in the caller language, and saves nothing', async () => {
    const loser = prize.applications[4];
    const ru = await post(prizeBody(loser.id, 1), 'ru');
    expect(ru.status).toBe(409);
    expect(ru.body.code).toBe('AWARD_NOT_A_WINNER');
    expect(ru.body.message).toBe(
      `Заявка ${loser.number} не является победителем по опубликованному отбору: приз записывается только победителю.`,
    );
    const kk = await post(prizeBody(loser.id, 1), 'kk');
    expect(kk.body.message).toContain(`${loser.number} өтінімі жарияланған іріктеу бойынша жеңімпаз емес`);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM awards WHERE application_id = $1`, [loser.id]);
    expect(n).toBe(0);
  });

  it('asks for a place from 1 to the number of winners, and no nomination where the rulebook has none', async () => {
    const w = winners[0].applicationId;
    const noPlace = await post({ applicationId: w, prize: { kk: 'Ноутбук', ru: 'Ноутбук' } }, 'ru');
    expect(noPlace.status).toBe(400);
    expect(noPlace.body.details).toEqual([expect.objectContaining({ field: 'place', code: 'REQUIRED' })]);
    const fourth = await post(prizeBody(w, 4), 'ru');
    expect(fourth.body.details).toEqual([
      expect.objectContaining({
        field: 'place',
        code: 'AWARD_PLACE_RANGE',
        message: 'Место должно быть от 1 до 3: победителей — 3.',
      }),
    ]);
    const nomination = await post(prizeBody(w, 1, { nomination: 'volunteer_of_year' }));
    expect(nomination.body.details).toEqual([
      expect.objectContaining({ field: 'nomination', code: 'AWARD_NO_NOMINATIONS' }),
    ]);
    const badPrize = await post({ applicationId: w, place: 1, prize: { kk: '', ru: 'Ноутбук' }, amount: -5 });
    expect(badPrize.status).toBe(400);
    expect(badPrize.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['amount', 'prize.kk']);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM awards WHERE competition_id = $1`, [
      prize.competition.id,
    ]);
    expect(n).toBe(0);
  });

  it('records an award once: the same award sent twice changes nothing; a change needs the version read', async () => {
    const w = winners[0].applicationId;
    const first = await post(prizeBody(w, 1));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'recorded',
      place: 1,
      amount: 300000,
      prize: { kk: 'Ноутбук (1-орын)' },
    });
    const again = await post(prizeBody(w, 1));
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(first.body.version);
    expect(await auditCount(t, 'award.recorded', first.body.id)).toBe(1);

    const blind = await post(prizeBody(w, 1, { amount: 310000 }), 'ru');
    expect(blind.status).toBe(409);
    expect(blind.body.code).toBe('AWARD_ALREADY_RECORDED');
    const stale = await post(prizeBody(w, 1, { amount: 310000, version: first.body.version + 5 }));
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const changed = await post(prizeBody(w, 1, { amount: 310000, version: first.body.version }));
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ amount: 310000, version: first.body.version + 1 });
    expect(await auditCount(t, 'award.changed', first.body.id)).toBe(1);

    // The winner is told once of the prize and once of the change, not of the repeated save.
    const told = await t.db.query(
      `SELECT o.payload FROM notification_outbox o JOIN applications a ON a.applicant_user_id = o.recipient_user_id
        WHERE o.template = 'award-recorded' AND a.id = $1 ORDER BY o.created_at`,
      [w],
    );
    expect(told.map((m: { payload: { changed: boolean } }) => m.payload.changed)).toEqual([false, true]);
    expect(told[0].payload).toMatchObject({ number: winners[0].number, prize: 'Ноутбук (1-орын)' });
    expect(told[0].payload.placement).toMatch(/1/);
  });

  it('gives a place to one winner only, also when two organizers save at once', async () => {
    const taken = await post(prizeBody(winners[1].applicationId, 1), 'ru');
    expect(taken.status).toBe(400);
    expect(taken.body.details).toEqual([
      expect.objectContaining({
        field: 'place',
        code: 'AWARD_PLACE_TAKEN',
        message: 'Место 1 уже присуждено другому победителю.',
      }),
    ]);
    const [a, b] = await Promise.all([
      post(prizeBody(winners[1].applicationId, 2)),
      post(prizeBody(winners[2].applicationId, 2)),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    const loser = a.status === 400 ? a : b;
    expect(loser.body.details[0].code).toBe('AWARD_PLACE_TAKEN');
    const ok = await post(prizeBody(a.status === 400 ? winners[1].applicationId : winners[2].applicationId, 3));
    expect(ok.status).toBe(200);
  });

  it('keeps other organizers and non-award competitions out', async () => {
    // The access guard's answer to a non-member of the competition, as on every organizer route.
    expect((await t.call('GET', path(), { token: outsider.accessToken })).status).toBe(403);
    expect((await post(prizeBody(winners[0].applicationId, 1), 'kk', outsider.accessToken)).status).toBe(403);
    expect(
      (await t.call('GET', `/competitions/${prize.competition.id}/transfer-act.docx`, { token: outsider.accessToken }))
        .status,
    ).toBe(403);
    const grant = await openCompetition(t, organizer.accessToken, 'mini-grants-district', new Date(Date.now() + DAY));
    const refused = await t.call('GET', `/competitions/${grant.id}/awards`, {
      token: organizer.accessToken,
      lang: 'ru',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('NOT_AN_AWARD_COMPETITION');
    expect((await t.call('GET', `/competitions/${grant.id}/winners-list.docx`)).status).toBe(404);
  });

  it("prints the organizer's winners list with phones and a signature column, in kk and ru", async () => {
    const kk = await t.call('GET', `/competitions/${prize.competition.id}/winners-list.docx?lang=kk`, {
      token: organizer.accessToken,
    });
    expect(kk.status).toBe(200);
    expect(kk.headers['content-type']).toContain('wordprocessingml');
    const kkText = await docText(kk.raw);
    for (const s of [
      '«Жаңаарқа жастары» қоғамдық бірлестігі',
      'Жеңімпаздар тізімі',
      'Сәтті қадам сыйлықтары 2026',
      'Телефоны',
      'Қолы',
      '1-орын',
      'Сәрсенова Әлия Қайратқызы',
    ])
      expect(kkText).toContain(s);
    for (const w of winners) expect(kkText).toContain(w.name);
    expect(kkText).toContain(readablePhone(winners[0].phone!));
    const ru = await t.call('GET', `/competitions/${prize.competition.id}/winners-list.docx?lang=ru`, {
      token: organizer.accessToken,
    });
    const ruText = await docText(ru.raw);
    for (const s of [
      'Список победителей',
      'Призы «Сәтті қадам» 2026',
      'Телефон',
      'Подпись',
      '1 место',
      'Руководитель организации-организатора',
    ])
      expect(ruText).toContain(s);
  });

  it('gives anyone the published winners list without phones or signatures', async () => {
    const anon = await t.call('GET', `/competitions/${prize.competition.id}/winners-list.docx?lang=ru`);
    expect(anon.status).toBe(200);
    const text = await docText(anon.raw);
    expect(text).toContain('Список победителей');
    expect(text).toContain(winners[0].name);
    expect(text).toContain('Ноутбук (1 место)');
    expect(text).not.toContain(readablePhone(winners[0].phone!));
    expect(text).not.toContain(winners[0].phone!);
    expect(text).not.toContain('Телефон');
    expect(text).not.toContain('Подпись');
  });

  it('prints the transfer act (the glossary term) with each prize, its value, the total and the signatures', async () => {
    const ru = await t.call('GET', `/competitions/${prize.competition.id}/transfer-act.docx?lang=ru`, {
      token: organizer.accessToken,
    });
    expect(ru.status).toBe(200);
    const ruText = await docText(ru.raw);
    for (const s of [
      'Акт приема-передачи призов',
      'Номер заявки',
      'Ноутбук (1 место)',
      'Подпись получателя',
      'Итого призов: 3',
      'Передал:',
      'М.П.',
    ])
      expect(ruText).toContain(s);
    expect(ruText).toContain(winners[0].number);
    const kk = await t.call('GET', `/competitions/${prize.competition.id}/transfer-act.docx?lang=kk`, {
      token: organizer.accessToken,
    });
    const kkText = await docText(kk.raw);
    for (const s of ['Сыйлықтарды қабылдау-тапсыру актісі', 'Алушының қолы', 'Барлық сыйлық саны: 3', 'Тапсырды:'])
      expect(kkText).toContain(s);
  });

  it('opens in LibreOffice where it is installed: both documents in both languages convert to PDF with their title', async () => {
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
    const expected = {
      'winners-list': { kk: 'Жеңімпаздар тізімі', ru: 'Список победителей' },
      'transfer-act': { kk: 'Сыйлықтарды қабылдау-тапсыру актісі', ru: 'Акт приема-передачи призов' },
    } as const;
    const dir = mkdtempSync(join(tmpdir(), 'awards-docx-'));
    try {
      for (const file of ['winners-list', 'transfer-act'] as const) {
        for (const lang of ['kk', 'ru'] as const) {
          const res = await t.call('GET', `/competitions/${prize.competition.id}/${file}.docx?lang=${lang}`, {
            token: organizer.accessToken,
          });
          expect(res.status).toBe(200);
          // Without LibreOffice the document's text is what can be checked (the tests above do).
          if (!soffice) {
            expect(await docText(res.raw)).toContain(expected[file][lang]);
            continue;
          }
          const docx = join(dir, `${file}-${lang}.docx`);
          writeFileSync(docx, res.raw);
          execFileSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 120_000 });
          const pdf = join(dir, `${file}-${lang}.pdf`);
          expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
          // The PDF's own text where poppler is there to read it, else the document's.
          const text = existsSync('/usr/bin/pdftotext')
            ? execFileSync('/usr/bin/pdftotext', [pdf, '-'], { encoding: 'utf8' })
            : await docText(res.raw);
          expect(text).toContain(expected[file][lang]);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  describe('handover', () => {
    let award: { id: string; version: number };
    beforeAll(async () => {
      const list = await t.call('GET', path(), { token: organizer.accessToken });
      award = list.body.winners[0].award;
    });

    it('refuses a scan that is not PDF, JPG or PNG, and a handover dated tomorrow, keeping nothing', async () => {
      const docx = await t.call('GET', `/competitions/${prize.competition.id}/transfer-act.docx?lang=kk`, {
        token: organizer.accessToken,
      });
      const refused = await handoverUpload(
        t,
        organizer.accessToken,
        award.id,
        today(),
        { name: 'act.docx', content: docx.raw, type: 'application/octet-stream' },
        'ru',
      );
      expect(refused.status).toBe(415);
      expect(refused.body.message).toBe('Копия подписанного акта должна быть файлом PDF, JPG или PNG.');
      const tomorrow = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
      const future = await handoverUpload(t, organizer.accessToken, award.id, tomorrow, {
        name: 'act.pdf',
        content: MINIMAL_PDF,
      });
      expect(future.status).toBe(400);
      expect(future.body.details).toEqual([
        expect.objectContaining({ field: 'handedOverOn', code: 'AWARD_HANDOVER_IN_FUTURE' }),
      ]);
      const noDate = await handoverUpload(t, organizer.accessToken, award.id, null, {
        name: 'act.pdf',
        content: MINIMAL_PDF,
      });
      expect(noDate.status).toBe(400);
      const [row] = await t.db.query(`SELECT status, scan_storage_key FROM awards WHERE id = $1`, [award.id]);
      expect(row).toEqual({ status: 'recorded', scan_storage_key: null });
    });

    it('is refused to anyone but the organizer', async () => {
      const res = await handoverUpload(t, outsider.accessToken, award.id, today(), {
        name: 'act.pdf',
        content: MINIMAL_PDF,
      });
      expect(res.status).toBe(404);
    });

    it('records the handover once: the scan kept, the winner contracted and told, a second one refused', async () => {
      const done = await handoverUpload(t, organizer.accessToken, award.id, today(), {
        name: 'акт.pdf',
        content: MINIMAL_PDF,
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'handed_over', handedOverOn: today(), scan: { kind: 'pdf' } });
      const [app] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [winners[0].applicationId]);
      expect(app.status).toBe('contracted');
      const mail = await t.db.query(
        `SELECT o.payload FROM notification_outbox o JOIN applications a ON a.applicant_user_id = o.recipient_user_id
          WHERE o.template = 'award-handed-over' AND a.id = $1`,
        [winners[0].applicationId],
      );
      expect(mail).toHaveLength(1);
      expect(mail[0].payload).toMatchObject({ number: winners[0].number, prize: 'Ноутбук (1-орын)' });
      expect(await auditCount(t, 'award.handed_over', award.id)).toBe(1);

      const twice = await handoverUpload(
        t,
        organizer.accessToken,
        award.id,
        today(),
        { name: 'акт.pdf', content: MINIMAL_PDF },
        'ru',
      );
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('AWARD_ALREADY_HANDED_OVER');
      expect(twice.body.message).toMatch(/^Приз передан \d+ \S+ \d{4} г\.: переданный приз не изменяется/);
      expect(await auditCount(t, 'award.handed_over', award.id)).toBe(1);
      const change = await post(prizeBody(winners[0].applicationId, 1, { amount: 1, version: done.body.version }));
      expect(change.status).toBe(409);
      expect(change.body.code).toBe('AWARD_ALREADY_HANDED_OVER');

      const scan = await t.call('GET', `/awards/${award.id}/scan`, { token: organizer.accessToken });
      expect(scan.status).toBe(200);
      expect(scan.raw.equals(MINIMAL_PDF)).toBe(true);
      expect((await t.call('GET', `/awards/${award.id}/scan`, { token: outsider.accessToken })).status).toBe(404);
    });

    it('leaves an application its grant contract already moved where it is («Сәтті қадам» signs a contract too)', async () => {
      const list = await t.call('GET', path(), { token: organizer.accessToken });
      const second = list.body.winners.find((w: { award: { place: number } | null }) => w.award?.place === 2);
      await t.db.query(`UPDATE applications SET status = 'contracted' WHERE id = $1`, [second.applicationId]);
      const done = await handoverUpload(t, organizer.accessToken, second.award.id, today(), {
        name: 'act.png',
        content: minimalPng(),
        type: 'image/png',
      });
      expect(done.status).toBe(200);
      const [app] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [second.applicationId]);
      expect(app.status).toBe('contracted');
    });
  });
});

describe('awards: volunteer awards by nomination', () => {
  let t: TestApp;
  let organizer: TestAccount;
  let story: Story;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await makeAdmin(t, await signUp(t, 'va-organizer'));
    story = await competitionStory(t, organizer, {
      templateCode: 'volunteer-awards',
      title: { kk: 'Волонтерлер сыйлығы — сынақ', ru: 'Премия волонтёров — проверка' },
      projects: ['Қарттар үйіне көмек', 'Өзен жағасын тазалау'],
      stage: 'results_published',
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it("records the winner's award in the application's nomination, refuses one not in the rulebook, and ends the application at the handover", async () => {
    const list = await t.call('GET', `/competitions/${story.competition.id}/awards`, { token: organizer.accessToken });
    expect(list.body.placement).toBe('nomination');
    expect(list.body.winners).toHaveLength(1);
    const winner = list.body.winners[0];
    const unknown = await t.call('POST', `/competitions/${story.competition.id}/awards`, {
      token: organizer.accessToken,
      body: { applicationId: winner.applicationId, nomination: 'chess', prize: { kk: 'Сертификат', ru: 'Сертификат' } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'nomination', code: 'NOT_ALLOWED_VALUE' });
    const saved = await t.call('POST', `/competitions/${story.competition.id}/awards`, {
      token: organizer.accessToken,
      body: {
        applicationId: winner.applicationId,
        prize: { kk: 'Алғыс хат және сертификат', ru: 'Благодарственное письмо и сертификат' },
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.nomination).toBe(winner.nomination);
    const list2 = await t.call('GET', `/competitions/${story.competition.id}/winners-list.docx?lang=kk`);
    expect(await docText(list2.raw)).toContain('Жыл волонтері');
    const done = await handoverUpload(t, organizer.accessToken, saved.body.id, today(), {
      name: 'act.jpg',
      content: MINIMAL_PDF,
    });
    expect(done.status).toBe(200);
    const [app] = await t.db.query(`SELECT status FROM applications WHERE id = $1`, [winner.applicationId]);
    expect(app.status).toBe('completed');
  });

  it('refuses awards before the results are published, and keeps the list from the public', async () => {
    const early = await competitionStory(t, organizer, {
      templateCode: 'volunteer-awards',
      title: { kk: 'Волонтерлер сыйлығы — ерте', ru: 'Премия волонтёров — рано' },
      projects: ['Кітап жинау'],
      stage: 'screening_published',
    });
    const res = await t.call('POST', `/competitions/${early.competition.id}/awards`, {
      token: organizer.accessToken,
      lang: 'ru',
      body: { applicationId: early.applications[0].id, prize: { kk: 'Сертификат', ru: 'Сертификат' } },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('AWARD_RESULTS_NOT_PUBLISHED');
    expect((await t.call('GET', `/competitions/${early.competition.id}/winners-list.docx`)).status).toBe(404);
    const organizerList = await t.call('GET', `/competitions/${early.competition.id}/awards`, {
      token: organizer.accessToken,
    });
    expect(organizerList.body).toMatchObject({ resultsPublished: false, winners: [] });
  });
});
