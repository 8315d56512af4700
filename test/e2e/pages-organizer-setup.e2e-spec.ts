import { randomBytes, randomInt } from 'node:crypto';
import { makeBin, toZonedIso } from '../../libs/kz';
import { makeAdmin, signUp, TestAccount, tokenFromOutbox } from '../support/accounts';
import { fieldError, PageClient, PageResponse, signedInPages, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

/** The value an input shows. */
function inputValue(html: string, id: string): string | undefined {
  const tag = new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

/** A date and time on the competition's clock (Almaty), `days` from now, at 18:00. */
function localDeadline(days: number): { date: string; time: string; instant: Date } {
  const date = toZonedIso(new Date(Date.now() + days * DAY), 'Asia/Almaty').slice(0, 10);
  return { date, time: '18:00', instant: new Date(`${date}T18:00:00+05:00`) };
}

let nextIp = 10;

/** The organizer's set-up pages (issue 15): create from a template, the rules form, open, move the deadline. */
describe('web pages: organizer sets up a competition', () => {
  let t: TestApp;
  let admin: TestAccount;
  let organizer: TestAccount;
  let browser: PageClient;
  let organizationId: string;
  let othersId: string;
  const tag = randomBytes(3).toString('hex');

  const browserOf = (account: TestAccount, lang: 'kk' | 'ru' = 'ru') =>
    signedInPages(t, account, lang, `10.31.0.${nextIp++}`);

  async function row(id: string) {
    const [c] = await t.db.query('SELECT * FROM competitions WHERE id = $1', [id]);
    return c;
  }

  /** The create form's fields, read from the page (its one-time key included). */
  async function createForm(title: string, templateCode = 'mini-grants-district') {
    const page = await browser.get('/organizer/competitions/new');
    expect(page.status).toBe(200);
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(page.html)![1];
    return { templateCode, 'title.kk': `${title} (қаз)`, 'title.ru': title, requestKey };
  }

  async function createDraft(title: string): Promise<string> {
    const res = await browser.post('/organizer/competitions/new', await createForm(title));
    expect(res.status).toBe(303);
    return /competitions\/([0-9a-f-]{36})\/rules/.exec(res.location!)![1];
  }

  /** A section's form as the page shows it, changed by `changes` (null removes a field). */
  async function sectionForm(id: string, section: string, changes: Record<string, string | string[] | null>) {
    const page = await browser.get(`/organizer/competitions/${id}/rules/${section}`);
    expect(page.status).toBe(200);
    const form: Record<string, string | string[] | null> = {};
    for (const tagHtml of page.html.match(/<(input|select|textarea)[^>]*>/g) ?? []) {
      const name = /name="([^"]+)"/.exec(tagHtml)?.[1];
      if (!name || name === '_csrf') continue;
      const type = /type="([^"]+)"/.exec(tagHtml)?.[1];
      const value = /value="([^"]*)"/.exec(tagHtml)?.[1] ?? '';
      if (type === 'checkbox' || type === 'radio') {
        if (!/\schecked/.test(tagHtml)) continue;
        if (type === 'checkbox') form[name] = [...((form[name] as string[] | undefined) ?? []), value];
        else form[name] = value;
      } else if (tagHtml.startsWith('<select')) {
        const select = new RegExp(`<select[^>]*name="${name}"[\\s\\S]*?</select>`).exec(page.html)![0];
        form[name] = /<option value="([^"]*)" selected/.exec(select)?.[1] ?? '';
      } else if (tagHtml.startsWith('<textarea')) {
        form[name] = textOf(
          new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(page.html)![1],
        );
      } else {
        form[name] = value
          .replace(/&#x27;|&#39;/g, "'")
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"');
      }
    }
    return { ...form, ...changes };
  }

  async function save(id: string, section: string, changes: Record<string, string | string[] | null>) {
    return browser.post(`/organizer/competitions/${id}/rules/${section}`, await sectionForm(id, section, changes));
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'setup-admin'));
    organizer = await signUp(t, 'setup-organizer', 'ru');
    // An organizer is one who already organizes a competition: invited to one by the admin.
    const first = await t.call('POST', '/competitions', {
      token: admin.accessToken,
      body: { templateCode: 'mini-grants-district', title: { kk: `Бірінші ${tag}`, ru: `Первый ${tag}` } },
    });
    expect(first.status).toBe(201);
    const invited = await t.call('POST', `/competitions/${first.body.id}/members`, {
      token: admin.accessToken,
      body: { email: organizer.email, role: 'organizer' },
    });
    expect(invited.status).toBe(201);
    const accepted = await t.call('POST', '/invitations/accept', {
      body: { token: await tokenFromOutbox(t, organizer.email, 'competition-invitation') },
    });
    expect(accepted.status).toBe(200);
    const organization = await t.call('POST', '/organizations', {
      token: organizer.accessToken,
      body: {
        bin: makeBin('2015-05', randomInt(100000)),
        name: `«Жетісу жастары» ${tag}`,
        kind: 'ngo',
        regionCode: 'ZHT',
        registeredOn: '2015-05-20',
      },
    });
    expect(organization.status).toBe(201);
    organizationId = organization.body.id;
    const others = await t.call('POST', '/competitions', {
      token: admin.accessToken,
      body: { templateCode: 'mini-grants-district', title: { kk: `Басқа ${tag}`, ru: `Чужой ${tag}` } },
    });
    othersId = others.body.id;
    browser = await browserOf(organizer);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a draft from a template, then shows every section of its rules in words', async () => {
    const page = await browser.get('/organizer/competitions/new');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Конкурс мини-грантов: один грант на район (город)');
    expect(page.html).toContain(`<option value="${organizationId}"`);

    const form = { ...(await createForm(`Мини-гранты ${tag}`)), organizerOrganizationId: organizationId };
    const res = await browser.post('/organizer/competitions/new', form);
    expect(res.status).toBe(303);
    const id = /competitions\/([0-9a-f-]{36})\/rules\?notice=created$/.exec(res.location!)![1];
    const saved = await row(id);
    expect(saved).toMatchObject({
      status: 'draft',
      title_ru: `Мини-гранты ${tag}`,
      template_code: 'mini-grants-district',
    });
    expect(saved.organizer_organization_id).toBe(organizationId);

    const overview = await browser.follow(res);
    expect(overview.status).toBe(200);
    const text = textOf(overview.html);
    expect(text).toContain('Черновик конкурса создан');
    expect(text).toContain(`«Жетісу жастары» ${tag}`);
    expect(text).toContain('300 000 ₸');
    expect(text).toContain('от 3 до 10 человек');
    expect(text).toContain('один на район или город');
    for (const section of ['basics', 'eligibility', 'money', 'territories', 'questions', 'documents', 'criteria']) {
      expect(overview.html).toContain(`href="/organizer/competitions/${id}/rules/${section}"`);
    }
    expect(overview.html).toContain(`action="/organizer/competitions/${id}/open"`);
    expect(overview.html).toContain(`href="/organizer/competitions/${id}"`);
  });

  it('refuses a create form without a template or with a short title, creating nothing', async () => {
    const title = `Без шаблона ${tag}`;
    const none = await browser.post('/organizer/competitions/new', { ...(await createForm(title)), templateCode: '' });
    expect(none.status).toBe(400);
    expect(fieldError(none.html, 'f-templateCode')).toBe('Выберите шаблон конкурса.');
    const short = await browser.post('/organizer/competitions/new', { ...(await createForm(title)), 'title.ru': 'аб' });
    expect(short.status).toBe(400);
    expect(fieldError(short.html, 'f-title-ru')).toContain('не менее 3 символов');
    expect(inputValue(short.html, 'f-title-kk')).toBe(`${title} (қаз)`);
    expect(await t.db.query('SELECT id FROM competitions WHERE title_ru = $1', [title])).toHaveLength(0);
  });

  it('creates one competition when the same form is sent twice, one after the other or at once', async () => {
    const title = `Двойной клик ${tag}`;
    const form = await createForm(title);
    const first = await browser.post('/organizer/competitions/new', form);
    const again = await browser.post('/organizer/competitions/new', form);
    expect(first.status).toBe(303);
    expect(again.location).toBe(first.location);
    const together = await createForm(`${title} вместе`);
    const [a, b] = await Promise.all([
      browser.post('/organizer/competitions/new', together),
      browser.post('/organizer/competitions/new', together),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.location).toBe(b.location);
    expect(await t.db.query('SELECT id FROM competitions WHERE title_ru = $1', [title])).toHaveLength(1);
    expect(await t.db.query('SELECT id FROM competitions WHERE title_ru = $1', [`${title} вместе`])).toHaveLength(1);
    // A new form (a new key) is a new competition.
    await browser.post('/organizer/competitions/new', await createForm(title));
    expect(await t.db.query('SELECT id FROM competitions WHERE title_ru = $1', [title])).toHaveLength(2);
  });

  it('refuses the create page to someone who organizes nothing', async () => {
    const stranger = await browserOf(await signUp(t, 'setup-stranger', 'ru'));
    const page = await stranger.get('/organizer/competitions/new');
    expect(page.status).toBe(403);
    expect(textOf(page.html)).toContain('Создавать конкурсы могут только организаторы');
  });

  it('saves the basics with the deadline as a local date and time, and shows refusals at their fields', async () => {
    const id = await createDraft(`Основное ${tag}`);
    const deadline = localDeadline(30);
    const ok = await save(id, 'basics', {
      'title.ru': `Основное изменено ${tag}`,
      'description.ru': 'Гранты для сёл',
      'submissionDeadline.date': deadline.date,
      'submissionDeadline.time': deadline.time,
      numberPrefix: 'jt',
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/organizer/competitions/${id}/rules?saved=basics`);
    const saved = await row(id);
    expect(new Date(saved.submission_deadline).toISOString()).toBe(deadline.instant.toISOString());
    expect(saved).toMatchObject({
      title_ru: `Основное изменено ${tag}`,
      description_ru: 'Гранты для сёл',
      number_prefix: 'JT',
    });
    expect(textOf((await browser.follow(ok)).html)).toContain('Раздел «Основное» сохранён.');
    const page = await browser.get(`/organizer/competitions/${id}/rules/basics`);
    expect(inputValue(page.html, 'f-submissionDeadline')).toBe(deadline.date);
    expect(inputValue(page.html, 'f-submissionDeadline-time')).toBe('18:00');

    const version = saved.version;
    const badPrefix = await save(id, 'basics', { numberPrefix: 'M1' });
    expect(badPrefix.status).toBe(400);
    expect(fieldError(badPrefix.html, 'f-numberPrefix')).toBe('Неверный формат.');
    const oneLanguage = await save(id, 'basics', { languages: ['kk'] });
    expect(oneLanguage.status).toBe(400);
    expect(fieldError(oneLanguage.html, 'f-languages')).toBe('В списке должен быть русский язык.');
    const noTime = await save(id, 'basics', { 'submissionDeadline.time': '' });
    expect(noTime.status).toBe(400);
    expect(fieldError(noTime.html, 'f-submissionDeadline')).toContain('Укажите и дату, и время');
    expect((await row(id)).version).toBe(version);
  });

  it('keeps an organization an administrator named, which the organizer does not represent, when saving the basics', async () => {
    const id = await createDraft(`Чужая организация ${tag}`);
    const adminOrg = await t.call('POST', '/organizations', {
      token: admin.accessToken,
      body: {
        bin: makeBin('2016-03', randomInt(100000)),
        name: `«Облыс қоры» ${tag}`,
        kind: 'ngo',
        regionCode: 'ZHT',
        registeredOn: '2016-03-20',
      },
    });
    const named = await t.call('PATCH', `/competitions/${id}`, {
      token: admin.accessToken,
      body: { version: (await row(id)).version, organizerOrganizationId: adminOrg.body.id },
    });
    expect(named.status).toBe(200);
    const page = await browser.get(`/organizer/competitions/${id}/rules/basics`);
    expect(textOf(page.html)).toContain(`«Облыс қоры» ${tag}`);
    const res = await save(id, 'basics', { 'title.ru': `Чужая организация, новое название ${tag}` });
    expect(res.status).toBe(303);
    expect(await row(id)).toMatchObject({
      title_ru: `Чужая организация, новое название ${tag}`,
      organizer_organization_id: adminOrg.body.id,
    });
  });

  it('saves who may apply, and refuses an inverted team size and a missing team at their fields', async () => {
    const id = await createDraft(`Участники ${tag}`);
    const ok = await save(id, 'eligibility', {
      applicantKinds: ['initiative_group'],
      'team.minSize': '2',
      'team.maxSize': '5',
      'team.minAge': '18',
      'team.maxAge': '30',
      'limits.oneApplicationPerGroup': null,
    });
    expect(ok.status).toBe(303);
    const rulebook = (await row(id)).rulebook;
    expect(rulebook.applicantKinds).toEqual(['initiative_group']);
    expect(rulebook.team).toEqual({ minSize: 2, maxSize: 5, minAge: 18, maxAge: 30 });
    expect(rulebook.limits).toEqual({ onePersonOneApplication: true, oneApplicationPerGroup: false });

    const version = (await row(id)).version;
    const inverted = await save(id, 'eligibility', { 'team.minSize': '6', 'team.maxSize': '3' });
    expect(inverted.status).toBe(400);
    expect(fieldError(inverted.html, 'f-team-maxSize')).toContain('Верхняя граница не может быть меньше нижней');
    expect(inputValue(inverted.html, 'f-team-minSize')).toBe('6');
    const noTeam = await save(id, 'eligibility', { 'team.enabled': 'no' });
    expect(noTeam.status).toBe(400);
    expect(fieldError(noTeam.html, 'f-team-enabled')).toContain('укажите требования к составу команды');
    const nobody = await save(id, 'eligibility', { applicantKinds: null });
    expect(fieldError(nobody.html, 'f-applicantKinds')).toBeDefined();
    expect((await row(id)).version).toBe(version);
  });

  it('saves money as whole tenge typed with spaces, and refuses a cap above the fund and kopecks', async () => {
    const id = await createDraft(`Деньги ${tag}`);
    const ok = await save(id, 'money', { 'funding.amountCap': '250 000', 'funding.totalFund': '2 500 000 ₸' });
    expect(ok.status).toBe(303);
    expect((await row(id)).rulebook.funding).toEqual({ amountCap: 250000, totalFund: 2500000 });
    const page = await browser.get(`/organizer/competitions/${id}/rules/money`);
    expect(page.html).toContain('₸');
    expect(inputValue(page.html, 'f-funding-amountCap')).toBe('250000');
    // How a host organization's overhead is counted is a rule of the form too, and survives a save
    // (host organizations apply here once the eligibility says so).
    expect(textOf(page.html)).toContain('Сверх гранта: сумма договора = бюджет + надбавка');
    await t.db.query(
      `UPDATE competitions SET rulebook = jsonb_set(rulebook, '{applicantKinds}', '["initiative_group","host_organization"]') WHERE id = $1`,
      [id],
    );
    const inside = await save(id, 'money', {
      'funding.hostOrganizationOverheadPercent': '15',
      'funding.hostOrganizationOverheadMode': 'inside',
    });
    expect(inside.status).toBe(303);
    expect((await row(id)).rulebook.funding).toMatchObject({
      hostOrganizationOverheadPercent: 15,
      hostOrganizationOverheadMode: 'inside',
    });
    expect((await save(id, 'money', { 'funding.amountCap': '260 000' })).status).toBe(303);
    expect((await row(id)).rulebook.funding.hostOrganizationOverheadMode).toBe('inside');

    const version = (await row(id)).version;
    const above = await save(id, 'money', { 'funding.amountCap': '3 000 000' });
    expect(above.status).toBe(400);
    expect(fieldError(above.html, 'f-funding-amountCap')).toContain('не может превышать общий фонд');
    const kopecks = await save(id, 'money', { 'funding.amountCap': '250000,50' });
    expect(fieldError(kopecks.html, 'f-funding-amountCap')).toBe('Должно быть целым числом.');
    expect((await row(id)).version).toBe(version);
  });

  it('saves the territory from grouped checkboxes, and refuses an empty scope or a level the selection cannot use', async () => {
    const id = await createDraft(`Территория ${tag}`);
    const districts = (await t.call('GET', '/territories?parent=ZHT')).body as { code: string }[];
    const page = await browser.get(`/organizer/competitions/${id}/rules/territories`);
    expect(page.html).toContain('<details class="region-choice" open');
    expect(page.html).toContain(`value="${districts[0].code}"`);
    const ok = await save(id, 'territories', {
      'territory.scope': [districts[0].code, districts[1].code],
      directions: ['rural_civic_initiatives'],
    });
    expect(ok.status).toBe(303);
    const rulebook = (await row(id)).rulebook;
    expect(rulebook.territory).toEqual({ scope: [districts[0].code, districts[1].code], level: 'district' });
    expect(rulebook.directions).toEqual(['rural_civic_initiatives']);

    const version = (await row(id)).version;
    const empty = await save(id, 'territories', { 'territory.scope': null });
    expect(empty.status).toBe(400);
    expect(fieldError(empty.html, 'f-territory-scope')).toContain('Слишком мало элементов');
    // One winner per district (the criteria section) needs applications to name a district.
    const region = await save(id, 'territories', { 'territory.level': 'region' });
    expect(region.status).toBe(400);
    expect(textOf(region.html)).toContain('Критерии и отбор: Для правила «один победитель на район»');
    expect((await row(id)).version).toBe(version);
  });

  it('says so when someone else saved first (409) and shows the saved values; a double click is not that', async () => {
    const id = await createDraft(`Конфликт ${tag}`);
    const form = await sectionForm(id, 'money', { 'funding.amountCap': '200 000' });
    const twice = await browser.post(`/organizer/competitions/${id}/rules/money`, form);
    const second = await browser.post(`/organizer/competitions/${id}/rules/money`, form);
    expect(twice.status).toBe(303);
    expect(second.status).toBe(303);
    expect((await row(id)).rulebook.funding.amountCap).toBe(200000);

    const stale = await sectionForm(id, 'money', { 'funding.amountCap': '150 000' });
    const other = await t.call('PATCH', `/competitions/${id}`, {
      token: organizer.accessToken,
      body: { version: (await row(id)).version, rulebook: { funding: { amountCap: 280000, totalFund: 3000000 } } },
    });
    expect(other.status).toBe(200);
    const conflict = await browser.post(`/organizer/competitions/${id}/rules/money`, stale);
    expect(conflict.status).toBe(409);
    expect(textOf(conflict.html)).toContain('кто-то другой сохранил этот раздел');
    expect(inputValue(conflict.html, 'f-funding-amountCap')).toBe('280000');
    expect((await row(id)).rulebook.funding.amountCap).toBe(280000);
  });

  it('refuses to open with problems listed by section, asks to confirm the territory warnings, then opens', async () => {
    const id = await createDraft(`Открытие ${tag}`);
    const refused = await browser.post(`/organizer/competitions/${id}/open`, {});
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(`href="/organizer/competitions/${id}/rules/basics#f-submissionDeadline"`);
    expect(textOf(refused.html)).toContain('Основное: Чтобы открыть конкурс, укажите срок приёма заявок.');

    const deadline = localDeadline(20);
    await save(id, 'basics', { 'submissionDeadline.date': deadline.date, 'submissionDeadline.time': deadline.time });
    const units = (await t.call('GET', `/competitions/${id}/proposals`, { token: organizer.accessToken })).body
      .territories.length;
    await save(id, 'money', { 'funding.amountCap': '300 000', 'funding.totalFund': String(300000 * (units + 1)) });

    const warned = await browser.post(`/organizer/competitions/${id}/open`, {});
    expect(warned.status).toBe(409);
    const text = textOf(warned.html);
    expect(text).toContain('Подтвердите открытие конкурса');
    expect(text).toContain(`Общий фонд — ${(300000 * (units + 1)).toLocaleString('ru-RU').replace(/\s/g, ' ')}`);
    expect(text).toContain(`Фонд по территории ${(300000 * units).toLocaleString('ru-RU').replace(/\s/g, ' ')} ₸`);
    expect(warned.html).toContain('name="acknowledgeWarnings" value="yes"');
    expect((await row(id)).status).toBe('draft');

    const opened = await browser.post(`/organizer/competitions/${id}/open`, { acknowledgeWarnings: 'yes' });
    expect(opened.status).toBe(303);
    expect(opened.location).toBe(`/organizer/competitions/${id}/rules?notice=opened`);
    expect((await row(id)).status).toBe('open');
    const overview = await browser.follow(opened);
    expect(textOf(overview.html)).toContain('Конкурс открыт');
    expect(overview.html).toContain(`href="/organizer/competitions/${id}/deadline"`);
    expect(overview.html).not.toContain(`action="/organizer/competitions/${id}/open"`);
    // Sent again (a double click): nothing more happens, the same answer.
    const again = await browser.post(`/organizer/competitions/${id}/open`, { acknowledgeWarnings: 'yes' });
    expect(again.location).toBe(opened.location);
    // Once open the sections are read-only.
    const locked = await browser.get(`/organizer/competitions/${id}/rules/money`);
    expect(textOf(locked.html)).toContain('Конкурс уже открыт');
    expect(locked.html).not.toContain(`action="/organizer/competitions/${id}/rules/money"`);
  });

  it('moves an open competition’s deadline later only, and tells the applicants with drafts', async () => {
    const deadline = localDeadline(10);
    const created = await t.call('POST', '/competitions', {
      token: organizer.accessToken,
      body: {
        templateCode: 'youth-micro-projects',
        title: { kk: `Мерзім ${tag}`, ru: `Срок ${tag}` },
        submissionDeadline: deadline.instant.toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await t.call('POST', `/competitions/${id}/open`, { token: organizer.accessToken })).status).toBe(200);
    const applicant = await signUp(t, 'setup-applicant', 'ru');
    const draft = await t.call('POST', `/competitions/${id}/applications`, {
      token: applicant.accessToken,
      body: { applicantKind: created.body.rulebook.applicantKinds[0] },
    });
    expect(draft.status).toBe(201);

    const page = await browser.get(`/organizer/competitions/${id}/deadline`);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('получат письмо с новым сроком');
    expect(inputValue(page.html, 'f-submissionDeadline')).toBe(deadline.date);
    const version = /name="version" value="(\d+)"/.exec(page.html)![1];

    const earlier = localDeadline(5);
    const refused = await browser.post(`/organizer/competitions/${id}/deadline`, {
      version,
      'submissionDeadline.date': earlier.date,
      'submissionDeadline.time': earlier.time,
    });
    expect(refused.status).toBe(400);
    expect(fieldError(refused.html, 'f-submissionDeadline')).toBe('Новый срок должен быть позже текущего.');
    expect(new Date((await row(id)).submission_deadline).toISOString()).toBe(deadline.instant.toISOString());

    const later = localDeadline(15);
    const form = { version, 'submissionDeadline.date': later.date, 'submissionDeadline.time': '20:30' };
    const moved = await browser.post(`/organizer/competitions/${id}/deadline`, form);
    expect(moved.status).toBe(303);
    const expected = new Date(`${later.date}T20:30:00+05:00`).toISOString();
    expect(new Date((await row(id)).submission_deadline).toISOString()).toBe(expected);
    expect(textOf((await browser.follow(moved)).html)).toContain('Срок приёма заявок продлён');
    const again = await browser.post(`/organizer/competitions/${id}/deadline`, form);
    expect(again.status).toBe(303);
    const told = await t.db.query(
      `SELECT id FROM notification_outbox WHERE recipient_email = $1 AND template = 'deadline-extended'`,
      [applicant.email],
    );
    expect(told).toHaveLength(1);
  });

  it('refuses another organizer’s competition on every set-up page, changing nothing', async () => {
    const before = await row(othersId);
    for (const path of ['/rules', '/rules/basics', '/rules/money', '/deadline']) {
      expect((await browser.get(`/organizer/competitions/${othersId}${path}`)).status).toBe(403);
    }
    const posts: [string, Record<string, string>][] = [
      ['/rules/money', { version: String(before.version), 'funding.enabled': 'yes', 'funding.amountCap': '1' }],
      ['/open', { acknowledgeWarnings: 'yes' }],
      [
        '/deadline',
        {
          version: String(before.version),
          'submissionDeadline.date': '2030-01-01',
          'submissionDeadline.time': '10:00',
        },
      ],
    ];
    for (const [path, form] of posts) {
      const res: PageResponse = await browser.post(`/organizer/competitions/${othersId}${path}`, form);
      expect(res.status).toBe(403);
    }
    const after = await row(othersId);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe('draft');
  });
});
