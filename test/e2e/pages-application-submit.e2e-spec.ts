import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeAdmin, registerOnly, signUp, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { memberOfAge, MINIMAL_PDF, openCompetition, readyDraft } from '../support/competitions';
import { SubmitApplicationService } from '../../src/modules/applications/use-cases/submit-application/submit-application.service';
import { fieldError, PageClient, PageResponse, textOf } from '../support/page-client';
import { competitionStory } from '../support/published-results';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
const MB = 1024 * 1024;
const CONSENT = 'personal_data_consent';
const XSS_TITLE = '<script>alert(1)</script>';

/** Every file under FILES_DIR (`.incoming` included). */
function storedFiles(dir = process.env.FILES_DIR!, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? storedFiles(path, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/** The page's upload form for a document: its action (with the CSRF token in the query, as multipart needs). */
function uploadAction(html: string, code: string): string {
  const form = new RegExp(`<form[^>]*action="([^"]+)"[^>]*id="f-documents-${code}-form"`).exec(html);
  if (!form) throw new Error(`no upload form for ${code}`);
  return form[1].replace(/&amp;/g, '&');
}

/** What the browser sends for a file form: the kind (hidden, first), then the file. */
async function postFile(
  t: TestApp,
  browser: PageClient,
  action: string,
  kind: string | null,
  file: { name: string; bytes: Buffer; type?: string },
  headers: Record<string, string> = {},
): Promise<PageResponse> {
  return browser.postFile(
    action,
    kind === null ? {} : { kind },
    { ...file, type: file.type ?? 'application/pdf' },
    headers,
  );
}

/** The hidden key the check page's "Submit" form carries. */
function submitKey(html: string): string {
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1];
  if (!key) throw new Error('the check page has no submit form');
  return key;
}

describe('web pages: documents, check and submit, receipt, the application page', () => {
  let t: TestApp;
  let admin: TestAccount;
  let competition: any;

  async function signedIn(account: { email: string }, lang?: 'ru'): Promise<PageClient> {
    const browser = new PageClient(t);
    if (lang) await browser.get(`/language/${lang}?next=/sign-in`);
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { email: account.email, password: TEST_PASSWORD, next: '/me' });
    expect(res.status).toBe(303);
    return browser;
  }

  async function applicant(label: string, lang?: 'ru') {
    const account = await signUp(t, label, lang ?? 'kk');
    return { account, browser: await signedIn(account, lang) };
  }

  const statusOf = async (id: string) =>
    (await t.db.query(`SELECT status, number FROM applications WHERE id = $1`, [id]))[0] as {
      status: string;
      number: string | null;
    };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'pages-submit-organizer'));
    competition = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + 5 * DAY));
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => t.clock.reset());

  it('lists the required documents with their types and limits, uploads a PDF, offers it for download and deletes it', async () => {
    const { account, browser } = await applicant('docs');
    const draft = await t.call('POST', `/competitions/${competition.id}/applications`, {
      token: account.accessToken,
      body: { applicantKind: 'initiative_group' },
    });
    const id = draft.body.id;
    const page = await browser.get(`/applications/${id}/documents`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    for (const d of competition.rulebook.documents) expect(text).toContain(d.label.kk);
    expect(text).toContain('Қабылданатын түрлері: PDF, JPG, PNG. Бір файл — ең көбі 10 МБ.');
    expect(text).toContain('өтінімнің барлық файлдары бірге — ең көбі 50 МБ. Қазір тіркелгені: 0 КБ.');
    expect(page.html).toContain('aria-current="step"');
    // A label for every file input.
    for (const [, inputId] of page.html.matchAll(/<input type="file" id="([^"]+)"/g))
      expect(page.html).toContain(`for="${inputId}"`);

    const pdf = Buffer.concat([MINIMAL_PDF, Buffer.from(`% ${randomBytes(8).toString('hex')}\n`)]);
    const uploaded = await postFile(t, browser, uploadAction(page.html, CONSENT), CONSENT, {
      name: 'келісім.pdf',
      bytes: pdf,
    });
    expect(uploaded.status).toBe(303);
    expect(uploaded.location).toBe(`/applications/${id}/documents?notice=uploaded#f-documents-${CONSENT}`);
    const after = await browser.follow(uploaded);
    const afterText = textOf(after.html);
    expect(afterText).toContain('Файл тіркелді.');
    expect(afterText).toContain('келісім.pdf');
    expect(afterText).toContain('PDF, 1 КБ');
    const [row] = await t.db.query(`SELECT id FROM attachments WHERE application_id = $1`, [id]);
    expect(after.html).toContain(`href="/applications/${id}/documents/${row.id}"`);

    const download = await browser.download(`/applications/${id}/documents/${row.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    // "Open in the browser": the same bytes shown inline, where nothing of this site can run.
    // The application as read back (check page, organizer, commission) offers it for reading in place.
    expect((await browser.get(`/applications/${id}/check`)).html).toContain(
      `href="/applications/${id}/documents/${row.id}?view=1"`,
    );
    const viewed = await browser.download(`/applications/${id}/documents/${row.id}?view=1`);
    expect(viewed.statusCode).toBe(200);
    expect(viewed.headers['content-disposition']).toMatch(/^inline;/);
    expect(viewed.headers['content-type']).toBe('application/pdf');
    expect(viewed.headers['x-content-type-options']).toBe('nosniff');
    expect(viewed.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(viewed.rawPayload.equals(pdf)).toBe(true);

    // Sent by the upload-progress script: told where to go instead of redirected (the script goes there).
    const scripted = await postFile(
      t,
      browser,
      uploadAction(after.html, 'income'),
      'income',
      { name: 'табыс.pdf', bytes: MINIMAL_PDF },
      { 'x-upload': 'progress' },
    );
    expect(scripted.status).toBe(200);
    expect(JSON.parse(scripted.html)).toEqual({
      location: `/applications/${id}/documents?notice=uploaded#f-documents-income`,
    });
    const [incomeFile] = await t.db.query(
      `SELECT id FROM attachments WHERE application_id = $1 AND document_code = 'income'`,
      [id],
    );
    expect((await browser.post(`/applications/${id}/documents/${incomeFile.id}/delete`, {})).status).toBe(303);

    const removed = await browser.post(`/applications/${id}/documents/${row.id}/delete`, {});
    expect(removed.status).toBe(303);
    expect(textOf((await browser.follow(removed)).html)).toContain('Файл жойылды.');
    expect(await t.db.query(`SELECT id FROM attachments WHERE application_id = $1`, [id])).toEqual([]);
  });

  it('refuses a wrong type, a file over the limit and one over the application’s total at the field, in the page’s language, and keeps nothing', async () => {
    const { account, browser } = await applicant('docs-refused', 'ru');
    const draft = await t.call('POST', `/competitions/${competition.id}/applications`, {
      token: account.accessToken,
      body: { applicantKind: 'initiative_group' },
    });
    const id = draft.body.id;
    const page = await browser.get(`/applications/${id}/documents`);
    const filesBefore = storedFiles().length;

    // An executable named .pdf: the type comes from the bytes.
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(6000)]);
    const wrong = await postFile(t, browser, uploadAction(page.html, CONSENT), CONSENT, {
      name: 'согласие.pdf',
      bytes: elf,
    });
    expect(wrong.status).toBe(415);
    expect(wrong.html).toContain('<html lang="ru">');
    expect(wrong.html).toMatch(/<title>Ошибка: Документы/);
    const id0 = `f-documents-${CONSENT}`;
    expect(fieldError(wrong.html, id0)).toBe(
      'Этот тип файла не принимается. Для этого документа подходят: PDF, JPG, PNG.',
    );
    // The summary at the top names the document and links to its field.
    expect(wrong.html).toContain(`href="#${id0}"`);
    expect(wrong.html).toMatch(new RegExp(`<input type="file" id="${id0}"[^>]*aria-invalid="true"`));

    // Over the 10 MB a file may have.
    const big = Buffer.concat([MINIMAL_PDF, Buffer.alloc(10 * MB + 100, 0x20)]);
    const tooLarge = await postFile(t, browser, uploadAction(page.html, CONSENT), CONSENT, {
      name: 'большой.pdf',
      bytes: big,
    });
    expect(tooLarge.status).toBe(413);
    expect(fieldError(tooLarge.html, id0)).toContain('10 МБ');

    // Over what the application has left of its 50 MB.
    await t.db.query(
      `INSERT INTO attachments (application_id, document_code, file_kind, storage_key, sha256, size, original_name, uploaded_by)
       VALUES ($1, 'income', 'pdf', 'ff/ff/ffffffff-ffff-4fff-8fff-ffffffffffff', $2, $3, 'большая справка.pdf', $4)`,
      [id, 'f'.repeat(64), 50 * MB - 1000, account.userId],
    );
    const overTotal = await postFile(t, browser, uploadAction(page.html, CONSENT), CONSENT, {
      name: 'ещё.pdf',
      bytes: Buffer.concat([MINIMAL_PDF, Buffer.alloc(5000, 0x20)]),
    });
    expect(overTotal.status).toBe(413);
    expect(fieldError(overTotal.html, id0)).toMatch(/общий объём файлов/i);

    // No file chosen: said at the field, not a server error.
    const none = await postFile(t, browser, uploadAction(page.html, CONSENT), CONSENT, {
      name: '',
      bytes: Buffer.alloc(0),
    });
    expect(none.status).toBe(400);
    expect(fieldError(none.html, id0)).toBe('Выберите файл для загрузки.');

    const rows = await t.db.query(`SELECT document_code FROM attachments WHERE application_id = $1`, [id]);
    expect(rows.map((r: { document_code: string }) => r.document_code)).toEqual(['income']);
    expect(storedFiles().length).toBe(filesBefore);
  });

  it('lists every problem of a draft at once, each linked to the step and field that fixes it, and offers no submit', async () => {
    const { account, browser } = await applicant('check');
    const draft = await t.call('POST', `/competitions/${competition.id}/applications`, {
      token: account.accessToken,
      body: { applicantKind: 'initiative_group' },
    });
    const id = draft.body.id;
    // A team of three whose third member is too old for the programme (18–29).
    const members = [memberOfAge(20), memberOfAge(22), memberOfAge(35)];
    expect(
      (
        await t.call('PUT', `/applications/${id}/team`, {
          token: account.accessToken,
          body: { leaderIin: members[0].iin, members },
        })
      ).status,
    ).toBe(200);

    const page = await browser.get(`/applications/${id}/check`);
    expect(page.status).toBe(200);
    const links = [...page.html.matchAll(/<ul class="problem-list">([\s\S]*?)<\/ul>/g)]
      .flatMap((m) => [...m[1].matchAll(/<a href="([^"]+)">([\s\S]*?)<\/a>/g)])
      .map((m) => ({ href: m[1], text: textOf(m[2]) }));
    const hrefs = links.map((l) => l.href);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        `/applications/${id}/project#f-title`,
        `/applications/${id}/project#f-territoryCode`,
        `/applications/${id}/project#f-direction`,
        `/applications/${id}/team#f-team-2-iin`,
        `/applications/${id}/budget#f-budget`,
        `/applications/${id}/documents#f-documents-${CONSENT}`,
      ]),
    );
    // The rulebook's own questions too, and every problem of the service's check, no more, no fewer.
    expect(hrefs.some((h) => h.startsWith(`/applications/${id}/project#f-answers-`))).toBe(true);
    const check = await t.app
      .get(SubmitApplicationService)
      .check(id, { userId: account.userId, isAdmin: false, ip: '127.0.0.1', requestId: 'test', locale: 'kk' });
    expect(links).toHaveLength(check.problems.length);
    const text = textOf(page.html);
    expect(text).toContain(`Өтінімді жіберу үшін ${links.length} мәселені түзету керек`);
    expect(text).toContain('Команданың 3-мүшесі: ЖСН бойынша жасы 35');
    expect(text).toContain('Құжат: Дербес деректерді жинауға және өңдеуге келісім: Міндетті құжат тіркелмеген.');
    expect(page.html).not.toContain('name="idempotencyKey"');
  });

  it('submits a ready draft once: the receipt with its number, the receipt e-mail; the same key again gives the same number', async () => {
    const { account, browser } = await applicant('submit');
    const id = await readyDraft(t, account.accessToken, competition, { applicantKind: 'initiative_group' });
    const check = await browser.get(`/applications/${id}/check`);
    expect(textOf(check.html)).toContain('Өтінім жіберуге дайын');
    const key = submitKey(check.html);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);

    // A double click: two posts of the same form at once.
    const [first, second] = await Promise.all([
      browser.post(`/applications/${id}/submit`, { idempotencyKey: key }),
      browser.post(`/applications/${id}/submit`, { idempotencyKey: key }),
    ]);
    for (const res of [first, second]) {
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/applications/${id}/receipt`);
    }
    // And once more later, as a browser re-posting the form does.
    const again = await browser.post(`/applications/${id}/submit`, { idempotencyKey: key });
    expect(again.location).toBe(`/applications/${id}/receipt`);

    const { status, number } = await statusOf(id);
    expect(status).toBe('submitted');
    expect(number).toMatch(/^[A-Z]+\d*-\d{4}-\d{4}$/);
    const submits = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'application.submitted'`,
      [id],
    );
    expect(submits[0].n).toBe(1);
    const receipts = await t.db.query(
      `SELECT payload FROM notification_outbox WHERE recipient_email = $1 AND template = 'application-receipt'`,
      [account.email],
    );
    expect(receipts).toHaveLength(1);
    expect(receipts[0].payload.number).toBe(number);

    const receipt = await browser.follow(first);
    expect(receipt.status).toBe(200);
    expect(receipt.html).toMatch(
      /<div class="panel panel--confirmation">[\s\S]*?<strong class="mono">([^<]+)<\/strong>/,
    );
    expect(
      /<div class="panel panel--confirmation">[\s\S]*?<strong class="mono">([^<]+)<\/strong>/.exec(receipt.html)![1],
    ).toBe(number);
    const text = textOf(receipt.html);
    expect(text).toContain(`Түбіртек ${account.email} мекенжайына жіберілді.`);
    expect(text).toContain('Енді не болады');

    // A new check page of a sent application is its own page; submitting with a new key gives its receipt.
    expect((await browser.get(`/applications/${id}/check`)).location).toBe(`/applications/${id}`);
    const fresh = await browser.post(`/applications/${id}/submit`, { idempotencyKey: randomUUID() });
    expect(fresh.location).toBe(`/applications/${id}/receipt`);
    expect((await statusOf(id)).number).toBe(number);
  });

  it('refuses to submit after the deadline, saying so clearly, and keeps the draft', async () => {
    const { account, browser } = await applicant('deadline');
    const soon = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    const id = await readyDraft(t, account.accessToken, soon, { applicantKind: 'initiative_group' });
    const check = await browser.get(`/applications/${id}/check`);
    const key = submitKey(check.html);

    t.clock.advance(2 * DAY);
    const late = await browser.get(`/applications/${id}/check`);
    expect(textOf(late.html)).toContain('Өтінім қабылдау аяқталды');
    expect(textOf(late.html)).toMatch(/Өтінім қабылдаудың соңғы мерзімі — .* — өтіп кетті\./);
    expect(late.html).not.toContain('name="idempotencyKey"');

    const refused = await browser.post(`/applications/${id}/submit`, { idempotencyKey: key });
    expect(refused.status).toBe(409);
    expect(refused.html).toMatch(/<title>Қате: /);
    expect(textOf(refused.html)).toMatch(/Өтінім қабылдаудың соңғы мерзімі — .* — өтіп кетті\./);
    expect(await statusOf(id)).toEqual({ status: 'draft', number: null });
  });

  it('refuses to submit for an unverified e-mail address, with the way to get a new link', async () => {
    const email = await registerOnly(t, 'unverified');
    const login = await t.call('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    const id = await readyDraft(t, login.body.accessToken, competition, { applicantKind: 'initiative_group' });
    const browser = await signedIn({ email });
    const check = await browser.get(`/applications/${id}/check`);
    expect(textOf(check.html)).toContain('Электрондық пошта расталмаған');
    expect(check.html).toContain('href="/verify-email/resend"');
    expect(check.html).not.toContain('name="idempotencyKey"');

    const refused = await browser.post(`/applications/${id}/submit`, { idempotencyKey: randomUUID() });
    expect(refused.status).toBe(403);
    expect(refused.html).toMatch(/<title>Қате: /);
    expect(textOf(refused.html)).toContain('Алдымен электрондық пошта мекенжайыңызды растаңыз.');
    expect(refused.html).toContain('href="/verify-email/resend"');
    expect(await statusOf(id)).toEqual({ status: 'draft', number: null });
  });

  it('withdraws a submitted application after a confirmation page, before the deadline only', async () => {
    const { account, browser } = await applicant('withdraw');
    const id = await readyDraft(t, account.accessToken, competition, { applicantKind: 'initiative_group' });
    const check = await browser.get(`/applications/${id}/check`);
    await browser.post(`/applications/${id}/submit`, { idempotencyKey: submitKey(check.html) });

    const view = await browser.get(`/applications/${id}`);
    expect(view.status).toBe(200);
    expect(textOf(view.html)).toContain('қабылданды');
    expect(view.html).toContain(`href="/applications/${id}/withdraw"`);
    const confirm = await browser.get(`/applications/${id}/withdraw`);
    expect(textOf(confirm.html)).toContain('Өтінімді шынымен кері қайтарып алғыңыз келе ме?');
    const done = await browser.post(`/applications/${id}/withdraw`, {});
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/applications/${id}?notice=withdrawn`);
    const after = textOf((await browser.follow(done)).html);
    expect(after).toContain('Өтінім кері қайтарылды.');
    expect(after).toContain('кері қайтарылды');
    expect((await statusOf(id)).status).toBe('withdrawn');
    expect((await browser.get(`/applications/${id}`)).html).not.toContain(`href="/applications/${id}/withdraw"`);

    // After the deadline the lifecycle keeps a submitted application: no link, and the form is refused.
    const other = await applicant('withdraw-late');
    const id2 = await readyDraft(t, other.account.accessToken, competition, { applicantKind: 'initiative_group' });
    const check2 = await other.browser.get(`/applications/${id2}/check`);
    await other.browser.post(`/applications/${id2}/submit`, { idempotencyKey: submitKey(check2.html) });
    await other.browser.get(`/applications/${id2}/withdraw`);
    t.clock.advance(6 * DAY);
    expect((await other.browser.get(`/applications/${id2}`)).html).not.toContain(`/applications/${id2}/withdraw"`);
    const late = await other.browser.post(`/applications/${id2}/withdraw`, {});
    expect(late.status).toBe(409);
    expect(textOf(late.html)).toContain('Өтінімді қайтарып алу мүмкін емес');
    expect((await statusOf(id2)).status).toBe('submitted');
  });

  it('shows another applicant’s application nowhere (404), and refuses forms without the CSRF token', async () => {
    const owner = await applicant('owner');
    const id = await readyDraft(t, owner.account.accessToken, competition, { applicantKind: 'initiative_group' });
    const [file] = await t.db.query(`SELECT id FROM attachments WHERE application_id = $1`, [id]);
    const other = await applicant('other');
    for (const path of ['', '/documents', '/check', '/receipt', '/withdraw', `/documents/${file.id}`]) {
      const res = await other.browser.get(`/applications/${id}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
      expect(textOf(res.html)).toContain('Бет табылмады');
    }
    await other.browser.get('/me');
    const forms: [string, Record<string, string>][] = [
      [`/applications/${id}/submit`, { idempotencyKey: randomUUID() }],
      [`/applications/${id}/withdraw`, {}],
      [`/applications/${id}/documents/${file.id}/delete`, {}],
    ];
    for (const [url, form] of forms) expect((await other.browser.post(url, form)).status).toBe(404);
    const upload = await postFile(
      t,
      other.browser,
      `/applications/${id}/documents?_csrf=${other.browser.csrf}`,
      CONSENT,
      {
        name: 'x.pdf',
        bytes: MINIMAL_PDF,
      },
    );
    expect(upload.status).toBe(404);

    // The owner's own session, but a form forged elsewhere: no token, or another browser's.
    const check = await owner.browser.get(`/applications/${id}/check`);
    const key = submitKey(check.html);
    const forged = await owner.browser.post(`/applications/${id}/submit`, { _csrf: null, idempotencyKey: key });
    expect(forged.status).toBe(403);
    expect(textOf(forged.html)).toContain('Форманың мерзімі өтті');
    const foreign = await owner.browser.post(`/applications/${id}/submit`, {
      _csrf: other.browser.csrf,
      idempotencyKey: key,
    });
    expect(foreign.status).toBe(403);
    expect((await owner.browser.post(`/applications/${id}/withdraw`, { _csrf: null })).status).toBe(403);
    const forgedUpload = await postFile(t, owner.browser, `/applications/${id}/documents`, CONSENT, {
      name: 'x.pdf',
      bytes: MINIMAL_PDF,
    });
    expect(forgedUpload.status).toBe(403);
    expect(await statusOf(id)).toEqual({ status: 'draft', number: null });
    expect(await t.db.query(`SELECT id FROM attachments WHERE application_id = $1`, [id])).toHaveLength(1);
  });

  it('shows a title of <script>alert(1)</script> as text on every page', async () => {
    const { account, browser } = await applicant('xss');
    const id = await readyDraft(t, account.accessToken, competition, { applicantKind: 'initiative_group' });
    const current = await t.call('GET', `/applications/${id}`, { token: account.accessToken });
    await t.call('PATCH', `/applications/${id}`, {
      token: account.accessToken,
      body: { version: current.body.version, title: XSS_TITLE },
    });
    // No script element from the title anywhere; the reader sees the title as the text typed.
    const noScript = (html: string) => !/<script>alert|<script[^>]*>[^<]*alert\(1\)/i.test(html);
    const documents = await browser.get(`/applications/${id}/documents`);
    expect(noScript(documents.html)).toBe(true);
    const pages = [`/applications/${id}/check`, `/applications/${id}`, `/applications/${id}/withdraw`];
    for (const path of pages) {
      const page = await browser.get(path);
      expect([path, page.status]).toEqual([path, 200]);
      expect([path, noScript(page.html)]).toEqual([path, true]);
      expect([path, textOf(page.html).includes(XSS_TITLE)]).toEqual([path, true]);
    }
    const check = await browser.get(`/applications/${id}/check`);
    const receipt = await browser.follow(
      await browser.post(`/applications/${id}/submit`, { idempotencyKey: submitKey(check.html) }),
    );
    expect(receipt.status).toBe(200);
    expect(noScript(receipt.html)).toBe(true);
    const view = await browser.get(`/applications/${id}`);
    expect(noScript(view.html)).toBe(true);
    expect(textOf(/<title>([^<]*)<\/title>/.exec(view.html)![1])).toMatch(/^<script>alert\(1\)<\/script> — /);
    expect(textOf(/<h1>([^<]*)<\/h1>/.exec(view.html)![1])).toBe(XSS_TITLE);
  });

  it('tells after submission: the screening outcome with its reasons, the results, the arm of the draw and what it gives', async () => {
    const story = await competitionStory(t, admin, {
      templateCode: 'youth-micro-projects',
      title: { kk: 'Жастар жобалары', ru: 'Молодёжные проекты' },
      projects: ['Ауыл кітапханасы', 'Таза өзен', 'Жастар алаңы', 'Спорт күні'],
      screenOut: [3],
      stage: 'results_published',
    });
    const seen = new Map<string, string>();
    for (const a of story.applications) {
      const browser = await signedIn(a.applicant);
      const page = await browser.get(`/applications/${a.id}`);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain(a.number);
      expect(text).toContain('Техникалық іріктеу');
      if (a.screenedOut) {
        expect(text).toContain(`${a.number} өтінімі іріктеуден өтпеді.`);
        expect(text).toContain('Бюджет конкурс шартына сәйкес емес');
        expect(text).not.toContain('Рейтингтегі орны');
        continue;
      }
      expect(text).toContain(`${a.number} өтінімі іріктеуден өтті.`);
      expect(text).toMatch(/Рейтингтегі орны \d+ Орташа балл [\d,]+ Бағалаған комиссия мүшелері 3 Шешім/);
      const arm =
        (await statusOf(a.id)) && (await t.db.query(`SELECT arm FROM applications WHERE id = $1`, [a.id]))[0].arm;
      if (!arm) continue;
      expect(text).toContain(`Жеребе бойынша өтінім ${arm} тобына түсті.`);
      const gives = { A: ['грант', 'оқыту', 'тәлімгер'], B: ['грант'], C: ['оқыту', 'тәлімгер'] }[
        arm as 'A' | 'B' | 'C'
      ];
      const listed = [...page.html.matchAll(/<ul class="entitlements">([\s\S]*?)<\/ul>/g)]
        .flatMap((m) => [...m[1].matchAll(/<li>([^<]*)<\/li>/g)])
        .map((m) => m[1]);
      expect(listed).toEqual(gives);
      expect(text.includes('Бұл топқа грант берілмейді.')).toBe(arm === 'C');
      seen.set(a.id, arm);
    }
    expect(seen.size).toBeGreaterThan(0);
  });
});
