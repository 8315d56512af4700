import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { MINIMAL_PDF, openCompetition, readyDraft, uploadFile } from '../support/competitions';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
const MB = 1024 * 1024;
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const STORAGE_KEY = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A PDF unique to the test (a trailing comment), so a download can only match its own upload. */
const uniquePdf = () => Buffer.concat([MINIMAL_PDF, Buffer.from(`% ${randomBytes(8).toString('hex')}\n`)]);
/** PDF-headed bytes of an exact size. */
const pdfOfSize = (size: number) => Buffer.concat([MINIMAL_PDF, Buffer.alloc(size - MINIMAL_PDF.length, 0x20)]);

/** Every file (not directory) under FILES_DIR, `.incoming` included, relative to it. */
function storedFiles(dir = process.env.FILES_DIR!, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? storedFiles(path, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/** The name a download will be saved under: `filename*` (UTF-8) when present, else `filename`. */
function downloadName(header: unknown): string {
  const value = String(header);
  const star = /filename\*=UTF-8''([^;]+)/i.exec(value);
  return star ? decodeURIComponent(star[1]) : /filename=(?:"([^"]*)"|([^";]+))/.exec(value)!.slice(1).find(Boolean)!;
}

describe('application attachments', () => {
  let t: TestApp;
  let admin: TestAccount;
  let owner: TestAccount;
  let stranger: TestAccount;
  let competition: any;
  let draftId: string;

  const newDraft = async (token = owner.accessToken) => {
    const res = await t.call('POST', `/competitions/${competition.id}/applications`, {
      token,
      body: { applicantKind: 'initiative_group' },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const attachmentRows = async (applicationId: string) =>
    (await t.db.query(`SELECT id, storage_key FROM attachments WHERE application_id = $1`, [applicationId])) as {
      id: string;
      storage_key: string;
    }[];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'organizer'));
    owner = await signUp(t, 'owner');
    stranger = await signUp(t, 'stranger');
    // The youth template takes scans only; one document is widened so DOCX and XLSX have a place.
    const templates = await t.call('GET', '/competition-templates', { token: admin.accessToken });
    const youth = templates.body.find((x: { code: string }) => x.code === 'youth-micro-projects');
    expect(youth.rulebook.documents.find((d: any) => d.code === 'income').kinds).toEqual(['pdf', 'jpg', 'png']);
    const documents = youth.rulebook.documents.map((d: any) =>
      d.code === 'income' ? { ...d, kinds: ['pdf', 'jpg', 'png', 'docx', 'xlsx'] } : d,
    );
    competition = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + 5 * DAY), {
      documents,
    });
    draftId = await newDraft();
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts a real PDF, PNG, DOCX and XLSX, answers with the SHA-256 of the bytes sent, and lists them', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('Отбасы құрамы туралы анықтама')] }] });
    const docx = await Packer.toBuffer(doc);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Табыс').addRow(['Ай', 'Сома']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const pdf = uniquePdf();
    const cases = [
      { code: 'personal_data_consent', name: 'келісім.pdf', bytes: pdf, mime: 'application/pdf', kind: 'pdf' },
      { code: 'disability', name: 'scan.png', bytes: PNG_1X1, mime: 'image/png', kind: 'png' },
      { code: 'income', name: 'табыс.docx', bytes: docx, mime: DOCX_MIME, kind: 'docx' },
      { code: 'income', name: 'табыс.xlsx', bytes: xlsx, mime: XLSX_MIME, kind: 'xlsx' },
    ];
    const ids: string[] = [];
    for (const c of cases) {
      const res = await uploadFile(t, owner.accessToken, draftId, c.code, c.name, c.bytes, c.mime);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        documentCode: c.code,
        fileKind: c.kind,
        size: c.bytes.length,
        sha256: sha256(c.bytes),
      });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      ids.push(res.body.id);
    }
    const list = await t.call('GET', `/applications/${draftId}/attachments`, { token: owner.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.map((a: any) => [a.id, a.documentCode, a.fileKind])).toEqual(
      cases.map((c, i) => [ids[i], c.code, c.kind]),
    );
    expect((await t.call('GET', `/applications/${draftId}/attachments`, { token: stranger.accessToken })).status).toBe(
      404,
    );
    // The bytes on disk are the bytes sent.
    const [row] = await t.db.query(`SELECT storage_key FROM attachments WHERE id = $1`, [ids[0]]);
    expect(readFileSync(join(process.env.FILES_DIR!, row.storage_key)).equals(pdf)).toBe(true);
  });

  it('refuses by content, whatever the name (415 FILE_TYPE_REFUSED), and keeps nothing', async () => {
    const refused = await signUp(t, 'refused');
    const id = await newDraft(refused.accessToken);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(6000)]);
    const mz = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(64),
      Buffer.from('PE\0\0'),
      randomBytes(500),
    ]);
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
    const zip = new JSZip();
    zip.file('readme.txt', 'not a document');
    const plainZip = await zip.generateAsync({ type: 'nodebuffer' });
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('x')] }] }));
    const before = storedFiles();
    for (const [code, name, bytes] of [
      ['income', 'report.pdf', elf],
      ['income', 'report.pdf', mz],
      ['income', 'page.pdf', html],
      ['income', 'project.docx', plainZip],
      ['unemployed_status', 'справка.docx', docx], // a real DOCX, but this document takes scans only
    ] as const) {
      const res = await uploadFile(t, refused.accessToken, id, code, name, bytes);
      expect([name, res.status, res.body.code]).toEqual([name, 415, 'FILE_TYPE_REFUSED']);
    }
    expect(await attachmentRows(id)).toEqual([]);
    expect(storedFiles()).toEqual(before);
    expect(storedFiles().filter((f) => f.startsWith('.incoming/'))).toEqual([]);
  });

  it("refuses a Word document carrying active content and says why, in the reader's language", async () => {
    const uploader = await signUp(t, 'active-content');
    const id = await newDraft(uploader.accessToken);
    const real = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Жоба')] }] }));
    const withMacros = await JSZip.loadAsync(real);
    // The VBA project hides under an innocent name; only the relationship says what it is.
    withMacros.file('word/macros.dat', 'Attribute VB_Name = "AutoOpen"');
    const relsPath = 'word/_rels/document.xml.rels';
    const relsXml = await withMacros.file(relsPath)!.async('string');
    withMacros.file(
      relsPath,
      relsXml.replace(
        '</Relationships>',
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="macros.dat"/></Relationships>',
      ),
    );
    const remote = await JSZip.loadAsync(real);
    remote.file(
      relsPath,
      relsXml.replace(
        '</Relationships>',
        '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="https://example.invalid/t.dotm" TargetMode="External"/></Relationships>',
      ),
    );
    const before = storedFiles();
    const macros = await uploadFile(
      t,
      uploader.accessToken,
      id,
      'income',
      'budget.docx',
      await withMacros.generateAsync({ type: 'nodebuffer' }),
    );
    expect([macros.status, macros.body.code]).toEqual([415, 'FILE_MACROS_REFUSED']);
    expect(macros.body.message).toMatch(/макрос/);
    const remoteRes = await uploadFile(
      t,
      uploader.accessToken,
      id,
      'income',
      'plan.docx',
      await remote.generateAsync({ type: 'nodebuffer' }),
      undefined,
      'ru',
    );
    expect([remoteRes.status, remoteRes.body.code]).toEqual([415, 'FILE_EXTERNAL_LINK_REFUSED']);
    expect(remoteRes.body.message).toMatch(/интернет/);
    expect(await attachmentRows(id)).toEqual([]);
    expect(storedFiles()).toEqual(before);
  });

  it('keeps the name people read in lists free of bidi controls (U+202E would show exe.pdf as fdp.exe)', async () => {
    const uploader = await signUp(t, 'bidi-name');
    const id = await newDraft(uploader.accessToken);
    const res = await uploadFile(t, uploader.accessToken, id, 'income', 'Есеп\u202efdp.exe\u2066', uniquePdf());
    expect(res.status).toBe(201);
    const list = await t.call('GET', `/applications/${id}/attachments`, { token: uploader.accessToken });
    const names = JSON.stringify(list.body);
    expect(names).toContain('Есепfdp.exe');
    expect(names).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('stores a path-like name under a generated key and hands back a safe download name', async () => {
    const pdf = uniquePdf();
    const traversal = await uploadFile(t, owner.accessToken, draftId, 'income', '../../etc/passwd', pdf);
    expect(traversal.status).toBe(201);
    const [row] = await t.db.query(`SELECT storage_key FROM attachments WHERE id = $1`, [traversal.body.id]);
    expect(row.storage_key).toMatch(STORAGE_KEY);
    const down = await t.call('GET', `/attachments/${traversal.body.id}`, { token: owner.accessToken });
    expect(down.status).toBe(200);
    expect(down.raw.equals(pdf)).toBe(true);
    expect(downloadName(down.headers['content-disposition'])).toBe('passwd.pdf');
    expect(String(down.headers['content-disposition'])).not.toMatch(/[/\\]|%2F|%5C/i);

    const exe = await uploadFile(t, owner.accessToken, draftId, 'income', 'evil.pdf.exe', uniquePdf());
    expect(exe.status).toBe(201);
    const exeDown = await t.call('GET', `/attachments/${exe.body.id}`, { token: owner.accessToken });
    expect(exeDown.headers['content-type']).toBe('application/pdf');
    expect(downloadName(exeDown.headers['content-disposition'])).toMatch(/\.pdf$/);
    expect(String(exeDown.headers['content-disposition'])).toMatch(/^attachment;/);
  });

  it('refuses a file just over 10 MB (413 FILE_TOO_LARGE) and keeps nothing; exactly 10 MB passes', async () => {
    const id = await newDraft();
    const before = storedFiles();
    const tooBig = await uploadFile(t, owner.accessToken, id, 'income', 'big.pdf', pdfOfSize(10 * MB + 1024));
    expect([tooBig.status, tooBig.body.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(await attachmentRows(id)).toEqual([]);
    expect(storedFiles()).toEqual(before);
    const exact = await uploadFile(t, owner.accessToken, id, 'income', 'exact.pdf', pdfOfSize(10 * MB));
    expect([exact.status, exact.body.size]).toEqual([201, 10 * MB]);
    expect(storedFiles()).toHaveLength(before.length + 1);
  });

  it('caps everything attached to one application at 50 MB (413 APPLICATION_FILES_TOO_LARGE)', async () => {
    const id = await newDraft();
    const file = pdfOfSize(Math.floor(9.9 * MB));
    for (let i = 0; i < 5; i += 1)
      expect((await uploadFile(t, owner.accessToken, id, 'income', `part-${i}.pdf`, file)).status).toBe(201);
    const before = storedFiles();
    const sixth = await uploadFile(t, owner.accessToken, id, 'income', 'part-5.pdf', file);
    expect([sixth.status, sixth.body.code]).toEqual([413, 'APPLICATION_FILES_TOO_LARGE']);
    expect(storedFiles()).toEqual(before);
    expect(await attachmentRows(id)).toHaveLength(5);
    // What is left (0.5 MB) still takes a small file.
    expect((await uploadFile(t, owner.accessToken, id, 'income', 'small.pdf', MINIMAL_PDF)).status).toBe(201);
  });

  it('downloads the exact bytes with a Kazakh file name to the owner and organizers only', async () => {
    const pdf = uniquePdf();
    const up = await uploadFile(t, owner.accessToken, draftId, 'personal_data_consent', 'Өтінім №1.pdf', pdf);
    expect(up.status).toBe(201);
    const down = await t.call('GET', `/attachments/${up.body.id}`, { token: owner.accessToken });
    expect(down.status).toBe(200);
    expect(down.raw.equals(pdf)).toBe(true);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(String(down.headers['content-disposition'])).toMatch(
      /^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''/,
    );
    expect(downloadName(down.headers['content-disposition'])).toBe('Өтінім №1.pdf');
    expect((await t.call('GET', `/attachments/${up.body.id}`, { token: stranger.accessToken })).status).toBe(404);
    expect((await t.call('GET', `/attachments/${up.body.id}`)).status).toBe(401);
    const asAdmin = await t.call('GET', `/attachments/${up.body.id}`, { token: admin.accessToken });
    expect([asAdmin.status, asAdmin.raw.equals(pdf)]).toEqual([200, true]);
    // An organizer who is not an admin, by membership of this competition only.
    const organizer = await signUp(t, 'co-organizer');
    expect((await t.call('GET', `/attachments/${up.body.id}`, { token: organizer.accessToken })).status).toBe(404);
    await t.db.query(
      `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'organizer', 'active')`,
      [competition.id, organizer.userId],
    );
    const asOrganizer = await t.call('GET', `/attachments/${up.body.id}`, { token: organizer.accessToken });
    expect([asOrganizer.status, asOrganizer.raw.equals(pdf)]).toEqual([200, true]);
    // Reading is not editing: the organizer cannot delete the applicant's file.
    expect((await t.call('DELETE', `/attachments/${up.body.id}`, { token: organizer.accessToken })).status).toBe(404);
  });

  it('deletes from a draft (204, then 404 and gone from disk); after submit, upload and delete are 409 NOT_A_DRAFT', async () => {
    const up = await uploadFile(t, owner.accessToken, draftId, 'income', 'удалить.pdf', uniquePdf());
    const [row] = await t.db.query(`SELECT storage_key FROM attachments WHERE id = $1`, [up.body.id]);
    expect((await t.call('DELETE', `/attachments/${up.body.id}`, { token: stranger.accessToken })).status).toBe(404);
    expect((await t.call('DELETE', `/attachments/${up.body.id}`, { token: owner.accessToken })).status).toBe(204);
    expect((await t.call('GET', `/attachments/${up.body.id}`, { token: owner.accessToken })).status).toBe(404);
    expect((await t.call('DELETE', `/attachments/${up.body.id}`, { token: owner.accessToken })).status).toBe(404);
    expect(existsSync(join(process.env.FILES_DIR!, row.storage_key))).toBe(false);
    const list = await t.call('GET', `/applications/${draftId}/attachments`, { token: owner.accessToken });
    expect(list.body.map((a: any) => a.id)).not.toContain(up.body.id);

    const submitter = await signUp(t, 'submitter');
    const id = await readyDraft(t, submitter.accessToken, competition);
    const [kept] = await attachmentRows(id);
    expect((await t.call('POST', `/applications/${id}/submit`, { token: submitter.accessToken })).status).toBe(200);
    const late = await uploadFile(t, submitter.accessToken, id, 'income', 'late.pdf', uniquePdf());
    expect([late.status, late.body.code]).toEqual([409, 'NOT_A_DRAFT']);
    const del = await t.call('DELETE', `/attachments/${kept.id}`, { token: submitter.accessToken });
    expect([del.status, del.body.code]).toEqual([409, 'NOT_A_DRAFT']);
    expect((await t.call('GET', `/attachments/${kept.id}`, { token: submitter.accessToken })).status).toBe(200);
  });

  it('answers 400 on `kind` for an unknown document code and on `file` when no file is sent', async () => {
    const before = storedFiles();
    for (const kind of ['passport_copy', 'Bad Kind!', '']) {
      const res = await uploadFile(t, owner.accessToken, draftId, kind, 'doc.pdf', uniquePdf());
      expect([kind, res.status, res.body.details?.[0]?.field]).toEqual([kind, 400, 'kind']);
    }
    const boundary = '----grantsNoFile';
    const onlyKind = await t.call('POST', `/applications/${draftId}/attachments`, {
      token: owner.accessToken,
      body: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nincome\r\n--${boundary}--\r\n`,
      ),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect([onlyKind.status, onlyKind.body.details?.[0]?.field]).toEqual([400, 'file']);
    const json = await t.call('POST', `/applications/${draftId}/attachments`, {
      token: owner.accessToken,
      body: { kind: 'income' },
    });
    // Not multipart at all: refused as a media type (defensible; the brief expected 400 for "no file").
    expect([json.status, json.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(storedFiles()).toEqual(before);
  });
});
