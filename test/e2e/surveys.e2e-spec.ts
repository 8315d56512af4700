import { signUp, TestAccount } from '../support/accounts';
import { answersWith, surveyCompetition, SurveyCompetition } from '../support/surveys';
import { createTestApp, TestApp } from '../support/test-app';
import { SurveysService } from '../../src/modules/surveys/surveys.service';

interface Link {
  position: number;
  code: string;
  url: string;
}

describe('participants satisfaction survey (API): links, one answer per link, results', () => {
  let t: TestApp;
  let c: SurveyCompetition;
  let stranger: TestAccount;
  const tag = `sv${Date.now() % 100000}`;

  beforeAll(async () => {
    t = await createTestApp();
    c = await surveyCompetition(t, { tag, winners: 2 });
    stranger = await signUp(t, 'survey-stranger');
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  const tokenOf = (link: Link) => link.url.split('/s/')[1];
  const makeLinks = async (contractId: string, count: number, headers: Record<string, string> = {}) => {
    const res = await t.call('POST', `/contracts/${contractId}/survey-links`, {
      token: c.organizer.accessToken,
      body: { count },
      headers,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; count: number; links: Link[] };
  };
  const answer = (key: string, answers: unknown, lang: 'kk' | 'ru' = 'kk') =>
    t.call('POST', `/public/surveys/${encodeURIComponent(key)}`, { body: { answers }, lang });
  const answerRows = async (linkToken: string) =>
    t.db.query(
      `SELECT a.answers, a.satisfied, a.locale FROM survey_answers a JOIN survey_links l ON l.id = a.link_id WHERE l.token = $1`,
      [linkToken],
    );

  it('makes one link per participant: a long token in the URL and a short code without look-alikes, audited', async () => {
    const batch = await makeLinks(c.contracts[0].id, 3);
    expect(batch.count).toBe(3);
    expect(batch.links.map((l) => l.position)).toEqual([1, 2, 3]);
    for (const link of batch.links) {
      expect(link.code).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}$/);
      expect(link.url).toMatch(/\/s\/[A-Za-z0-9_-]{32}$/);
    }
    expect(new Set(batch.links.map((l) => l.code)).size).toBe(3);
    const [audit] = await t.db.query(
      `SELECT summary FROM audit_log WHERE action = 'survey.links_created' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [c.contracts[0].id],
    );
    expect(audit.summary.after).toMatchObject({ batchId: batch.id, count: 3 });
    const listed = await t.call('GET', `/contracts/${c.contracts[0].id}/survey-links`, {
      token: c.organizer.accessToken,
    });
    expect(listed.body.find((b: { id: string }) => b.id === batch.id).links).toEqual(batch.links);
  });

  it('the same Idempotency-Key makes the links once', async () => {
    const key = `survey-${tag}-once`;
    const first = await makeLinks(c.contracts[1].id, 2, { 'idempotency-key': key });
    const again = await makeLinks(c.contracts[1].id, 2, { 'idempotency-key': key });
    expect(again.id).toBe(first.id);
    expect(again.links).toEqual(first.links);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM survey_batches WHERE contract_id = $1`, [
      c.contracts[1].id,
    ]);
    expect(n).toBe(1);
  });

  it('refuses links for a contract not in force, or a bad count, in the caller language, making none', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM survey_links`);
    await t.db.query(`UPDATE contracts SET status = 'sent' WHERE id = $1`, [c.contracts[1].id]);
    try {
      const kk = await t.call('POST', `/contracts/${c.contracts[1].id}/survey-links`, {
        token: c.organizer.accessToken,
        body: { count: 5 },
      });
      expect(kk.status).toBe(409);
      expect(kk.body.message).toBe(
        `${c.contracts[1].number} шарты күшіне енген жоқ немесе тоқтатылған: сауалнама сілтемелері күшіндегі немесе аяқталған шарт бойынша жобаға жасалады. Ештеңе сақталған жоқ.`,
      );
      const ru = await t.call('POST', `/contracts/${c.contracts[1].id}/survey-links`, {
        token: c.organizer.accessToken,
        body: { count: 5 },
        lang: 'ru',
      });
      expect(ru.body.message).toContain(`Договор ${c.contracts[1].number} не вступил в силу или расторгнут`);
    } finally {
      await t.db.query(`UPDATE contracts SET status = 'active' WHERE id = $1`, [c.contracts[1].id]);
    }
    for (const count of [0, 301, 'пять']) {
      const res = await t.call('POST', `/contracts/${c.contracts[0].id}/survey-links`, {
        token: c.organizer.accessToken,
        body: { count },
        lang: 'ru',
      });
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('count');
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM survey_links`)).toEqual(before);
  });

  it('only the competition organizers make links and read results: others get 404, the anonymous 401', async () => {
    const grantee = c.winners[0].applicant;
    for (const who of [stranger, grantee]) {
      const links = await t.call('POST', `/contracts/${c.contracts[0].id}/survey-links`, {
        token: who.accessToken,
        body: { count: 1 },
      });
      expect(links.status).toBe(404);
      expect(
        (await t.call('GET', `/contracts/${c.contracts[0].id}/survey-links`, { token: who.accessToken })).status,
      ).toBe(404);
      expect((await t.call('GET', `/competitions/${c.id}/survey`, { token: who.accessToken })).status).toBe(404);
    }
    expect((await t.call('POST', `/contracts/${c.contracts[0].id}/survey-links`, { body: { count: 1 } })).status).toBe(
      401,
    );
    expect((await t.call('GET', `/competitions/${c.id}/survey`)).status).toBe(401);
    const admin = await t.call('GET', `/competitions/${c.id}/survey`, { token: c.admin.accessToken });
    expect(admin.status).toBe(200);
  });

  it('shows the survey by its token or its code typed any way; an unknown one is 404 in the caller language', async () => {
    const [link] = (await makeLinks(c.contracts[0].id, 1)).links;
    const byToken = await t.call('GET', `/public/surveys/${tokenOf(link)}`);
    expect(byToken.status).toBe(200);
    expect(byToken.body).toMatchObject({
      code: link.code,
      projectTitle: `Жастар алаңы ${tag} 1`,
      answered: false,
      scaleMax: 5,
      competitionTitle: c.title,
    });
    expect(byToken.body.questions.map((q: { code: string }) => q.code)).toEqual([
      'overall',
      'usefulness',
      'organization',
      'liked',
      'improve',
    ]);
    // Lower case, a space instead of the dash: still the same survey.
    const typed = link.code.toLowerCase().replace('-', ' ');
    expect((await t.call('GET', `/public/surveys/${encodeURIComponent(typed)}`)).body.code).toBe(link.code);
    for (const unknown of ['AAAA-AAAA', 'x'.repeat(32), 'nonsense']) {
      const kk = await t.call('GET', `/public/surveys/${unknown}`);
      expect(kk.status).toBe(404);
      expect(kk.body.message).toBe('Мұндай сауалнама табылмады. Сілтемені немесе кодты тексеріп, қайта енгізіңіз.');
    }
    const ru = await t.call('POST', `/public/surveys/AAAA-AAAA`, { body: { answers: answersWith(5) }, lang: 'ru' });
    expect(ru.status).toBe(404);
    expect(ru.body.message).toBe('Анкета не найдена. Проверьте ссылку или код и введите их ещё раз.');
  });

  it('refuses bad answers all at once, naming each question in the caller language, and saves nothing', async () => {
    const [link] = (await makeLinks(c.contracts[0].id, 1)).links;
    const kk = await answer(tokenOf(link), { usefulness: 7, organization: '2.5', liked: 'x'.repeat(2001) });
    expect(kk.status).toBe(400);
    const byField = Object.fromEntries(
      kk.body.details.map((d: { field: string; message: string }) => [d.field, d.message]),
    );
    expect(byField['answers.overall']).toBe(
      '«Жобаның іс-шараларына жалпы қаншалықты қанағаттандыңыз?» сұрағына жауап беріңіз: 1-ден 5-ке дейінгі бағаның бірін таңдаңыз.',
    );
    expect(byField['answers.usefulness']).toContain('сұрағының жауабы 1-ден 5-ке дейінгі бүтін сан болуы керек');
    expect(Object.keys(byField)).toEqual(
      expect.arrayContaining(['answers.overall', 'answers.usefulness', 'answers.organization', 'answers.liked']),
    );
    const ru = await answer(tokenOf(link), { usefulness: 4, organization: 4 }, 'ru');
    expect(ru.body.details[0].message).toBe(
      'Ответьте на вопрос «Насколько в целом вы удовлетворены мероприятиями проекта?»: выберите оценку от 1 до 5.',
    );
    expect(await answerRows(tokenOf(link))).toEqual([]);
  });

  it('takes one answer per link: a second is refused with a clear message in its language, nothing changed', async () => {
    const [link] = (await makeLinks(c.contracts[0].id, 1)).links;
    const first = await answer(tokenOf(link), answersWith(5, { liked: '  Тренинг пайдалы болды ' }), 'ru');
    expect(first.status).toBe(201);
    expect(await answerRows(tokenOf(link))).toEqual([
      {
        answers: { overall: 5, usefulness: 4, organization: 3, liked: 'Тренинг пайдалы болды' },
        satisfied: true,
        locale: 'ru',
      },
    ]);
    const byCode = await answer(link.code, answersWith(1));
    expect(byCode.status).toBe(409);
    expect(byCode.body.message).toBe(
      'Бұл сілтеме бойынша сауалнамаға жауап беріліп қойған: бір сілтемеге бір ғана жауап қабылданады. Ештеңе өзгерген жоқ.',
    );
    const ru = await answer(tokenOf(link), answersWith(2), 'ru');
    expect(ru.body.message).toBe(
      'На анкету по этой ссылке уже ответили: по одной ссылке принимается только один ответ. Ничего не изменено.',
    );
    expect((await answerRows(tokenOf(link)))[0].answers.overall).toBe(5);
    expect((await t.call('GET', `/public/surveys/${tokenOf(link)}`)).body).toMatchObject({ answered: true });
  });

  it('two answers sent at the same moment on one link leave exactly one', async () => {
    const [link] = (await makeLinks(c.contracts[0].id, 1)).links;
    const results = await Promise.all(
      [5, 4, 3, 2, 1, 5].map((overall, i) => answer(i % 2 ? link.code : tokenOf(link), answersWith(overall))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await answerRows(tokenOf(link))).toHaveLength(1);
  });

  it('keeps a link on the questions it was made with when the rulebook survey changes later', async () => {
    const [old] = (await makeLinks(c.contracts[1].id, 1)).links;
    const [{ rulebook }] = await t.db.query(`SELECT rulebook FROM competitions WHERE id = $1`, [c.id]);
    const survey = {
      questions: [{ code: 'overall', label: { kk: 'Жалпы баға', ru: 'Общая оценка' }, type: 'scale' }],
      satisfiedQuestion: 'overall',
      satisfiedFrom: 5,
      target: 0.9,
    };
    await t.db.query(`UPDATE competitions SET rulebook = $2 WHERE id = $1`, [c.id, { ...rulebook, survey }]);
    try {
      const [fresh] = (await makeLinks(c.contracts[1].id, 1)).links;
      expect((await t.call('GET', `/public/surveys/${tokenOf(old)}`)).body.questions).toHaveLength(5);
      expect((await t.call('GET', `/public/surveys/${tokenOf(fresh)}`)).body.questions).toEqual(survey.questions);
      // Each by its own rule: a 4 satisfies the old link's (4 or 5), not the new one's (5 only).
      expect((await answer(tokenOf(old), answersWith(4))).status).toBe(201);
      expect((await answer(tokenOf(fresh), { overall: 4 })).status).toBe(201);
      expect((await answerRows(tokenOf(old)))[0].satisfied).toBe(true);
      expect((await answerRows(tokenOf(fresh)))[0].satisfied).toBe(false);
    } finally {
      await t.db.query(`UPDATE competitions SET rulebook = $2 WHERE id = $1`, [c.id, rulebook]);
    }
  });

  it('gives results per project and for the competition against the 80% target, and satisfaction() for the final report', async () => {
    const own = await surveyCompetition(t, { tag: `${tag}r`, winners: 2 });
    const service = t.app.get(SurveysService);
    expect(await service.satisfaction(own.id)).toEqual({ answers: 0, satisfied: 0, satisfiedShare: null });
    const empty = await t.call('GET', `/competitions/${own.id}/survey`, { token: own.organizer.accessToken });
    expect(empty.body).toMatchObject({ answers: 0, satisfiedShare: null, meetsTarget: null, target: 0.8, links: 0 });
    expect(empty.body.projects).toHaveLength(2);

    const first = (
      await t.call('POST', `/contracts/${own.contracts[0].id}/survey-links`, {
        token: own.organizer.accessToken,
        body: { count: 5 },
      })
    ).body.links as Link[];
    const second = (
      await t.call('POST', `/contracts/${own.contracts[1].id}/survey-links`, {
        token: own.organizer.accessToken,
        body: { count: 3 },
      })
    ).body.links as Link[];
    // Project 1: 5, 5, 4, 4 and a 2 → 4 of 5 satisfied (80%: meets the target).
    for (const [i, overall] of [5, 5, 4, 4, 2].entries())
      expect(
        (await answer(tokenOf(first[i]), answersWith(overall, i === 4 ? { improve: 'Залы тар' } : {}))).status,
      ).toBe(201);
    // Project 2: a 5 and a 3, one link unused → 1 of 2 (50%: below it).
    expect((await answer(second[0].code, answersWith(5))).status).toBe(201);
    expect((await answer(tokenOf(second[1]), answersWith(3))).status).toBe(201);

    const res = await t.call('GET', `/competitions/${own.id}/survey`, { token: own.organizer.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ answers: 7, satisfied: 5, links: 8, target: 0.8, meetsTarget: false });
    expect(res.body.satisfiedShare).toBeCloseTo(5 / 7, 6);
    const [p1, p2] = own.contracts.map((k) =>
      res.body.projects.find((p: { contractId: string }) => p.contractId === k.id),
    );
    expect(p1).toMatchObject({ answers: 5, satisfied: 4, satisfiedShare: 0.8, meetsTarget: true, links: 5 });
    expect(p2).toMatchObject({ answers: 2, satisfied: 1, satisfiedShare: 0.5, meetsTarget: false, links: 3 });
    const overall = p1.questions.find((q: { code: string }) => q.code === 'overall');
    expect(overall).toMatchObject({ average: 4, distribution: [0, 1, 0, 2, 2] });
    expect(p1.questions.find((q: { code: string }) => q.code === 'improve').texts).toEqual(['Залы тар']);
    expect(res.body.questions.find((q: { code: string }) => q.code === 'overall').answers).toBe(7);

    expect(await service.satisfaction(own.id)).toEqual({ answers: 7, satisfied: 5, satisfiedShare: 5 / 7 });
  });
});
