import ExcelJS from 'exceljs';
import { makeAdmin, signUp, TEST_PASSWORD, TestAccount, uniquePersonBody } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { PageClient, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

/** The journal's data rows as [number, applicant] (the header row and the footer left out). */
async function journalApplicants(raw: Buffer): Promise<Map<string, string>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw as never);
  const found = new Map<string, string>();
  workbook.worksheets[0].eachRow((row) => {
    const [, number, , applicant] = (row.values as unknown[]).slice(1) as string[];
    if (typeof number === 'string' && /^[A-Z]+\d*-\d{4}-\d{4,}$/.test(number)) found.set(number, applicant);
  });
  return found;
}

/** Numbers linked in the organizer's applications table, in order. */
function numbersIn(html: string): string[] {
  return [...html.matchAll(/\/screening">([^<]+)<\/a>/g)].map((m) => m[1]);
}

/**
 * The organizer's applications list finds an applicant by name as the person profile keeps it
 * (surname, first name, patronymic): any part of it, in any case, Kazakh letters included;
 * the list, its page and the registration journal (XLSX) name the applicant the same way.
 */
describe('applications list: search by the applicant’s name', () => {
  let t: TestApp;
  let admin: TestAccount;
  let competition: { id: string; rulebook: any };
  const applicants: { account: TestAccount; id: string; number: string; name: string }[] = [];

  async function apply(label: string, person: Record<string, string> | null) {
    const account = await signUp(t, label);
    let name = account.email;
    if (person) {
      const res = await t.call('PUT', '/me/person', { token: account.accessToken, body: uniquePersonBody(person) });
      expect(res.status).toBe(200);
      name = [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ');
    }
    const id = await readyDraft(t, account.accessToken, competition);
    const submitted = await t.call('POST', `/applications/${id}/submit`, { token: account.accessToken });
    expect(submitted.status).toBe(200);
    applicants.push({ account, id, number: submitted.body.number, name });
  }

  const search = async (q: string): Promise<string[]> => {
    const res = await t.call('GET', `/competitions/${competition.id}/applications?q=${encodeURIComponent(q)}`, {
      token: admin.accessToken,
    });
    expect(res.status).toBe(200);
    return (res.body.items as { number: string }[]).map((i) => i.number).sort();
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeAdmin(t, await signUp(t, 'search-admin'));
    competition = await openCompetition(t, admin.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
    await apply('search-alibekova', { lastName: 'Әлібекова', firstName: 'Ғалия', middleName: 'Нұрланқызы' });
    await apply('search-kasymov', { lastName: 'Қасымов', firstName: 'Ерлан' });
    await apply('search-no-profile', null);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds a part of the name in any case, Kazakh letters included', async () => {
    const [alibekova, kasymov] = applicants;
    expect(await search('әлібек')).toEqual([alibekova.number]);
    expect(await search('ӘЛІБЕКОВА')).toEqual([alibekova.number]);
    expect(await search('ғалия')).toEqual([alibekova.number]);
    expect(await search('Нұрланқызы')).toEqual([alibekova.number]);
    expect(await search('Қасымов')).toEqual([kasymov.number]);
    expect(await search('қасымов ерлан')).toEqual([kasymov.number]);
    // Spaces typed twice or around the words do not matter.
    expect(await search('  Әлібекова   Ғалия ')).toEqual([alibekova.number]);
    expect(await search('Сейтқали')).toEqual([]);
    // The wildcard characters are letters to look for, not patterns.
    expect(await search('Әлібек%ва')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('still finds by number and by e-mail, and an applicant without a profile by e-mail', async () => {
    const [, kasymov, noProfile] = applicants;
    expect(await search(kasymov.number)).toEqual([kasymov.number]);
    // A match never runs from one field into the next (the title's end, then the e-mail's start).
    expect(await search('Ауылдағы жастар алаңы')).toContain(kasymov.number);
    expect(await search(`алаңы ${kasymov.account.email.slice(0, 10)}`)).toEqual([]);
    expect(await search(noProfile.account.email.toUpperCase())).toEqual([noProfile.number]);
  });

  it('names each applicant the same way in the list, the journal (XLSX) and what the search matches', async () => {
    const list = await t.call('GET', `/competitions/${competition.id}/applications?pageSize=100`, {
      token: admin.accessToken,
    });
    const listed = new Map((list.body.items as { number: string; applicant: string }[]).map((i) => [i.number, i]));
    const file = await t.call('GET', `/competitions/${competition.id}/journal.xlsx?lang=kk`, {
      token: admin.accessToken,
    });
    expect(file.status).toBe(200);
    const journal = await journalApplicants(file.raw);
    for (const a of applicants) {
      expect(journal.get(a.number)).toBe(a.name);
      expect(listed.get(a.number)?.applicant).toBe(a.name);
      // What the journal shows, typed into the search, finds that application.
      expect(await search(journal.get(a.number)!)).toContain(a.number);
    }
  });

  it('the organizer’s page searches the name too, without JavaScript', async () => {
    const browser = new PageClient(t, '10.50.0.1');
    await browser.get('/language/kk?next=/sign-in');
    await browser.get('/sign-in');
    expect((await browser.post('/sign-in', { email: admin.email, password: TEST_PASSWORD, next: '/' })).status).toBe(
      303,
    );
    const base = `/organizer/competitions/${competition.id}/applications`;
    const page = await browser.get(`${base}?q=${encodeURIComponent('әлібекова ғалия')}`);
    expect(page.status).toBe(200);
    expect(numbersIn(page.html)).toEqual([applicants[0].number]);
    expect(textOf(page.html)).toContain('Әлібекова Ғалия Нұрланқызы');
    expect(textOf(page.html)).not.toContain('Қасымов');
  });
});
