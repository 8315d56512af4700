import { makeBin, makeIin } from '../../libs/kz';
import { formatDateTime } from '../../src/web/core/format';
import { makeAdmin, signUp, TestAccount } from '../support/accounts';
import { openCompetition, readyDraft } from '../support/competitions';
import { PageClient, signedInPages, textOf } from '../support/page-client';
import { createTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
const IIN_DATE_RU = 'Первые 6 цифр ИИН не являются существующей датой рождения.';

/** The message shown beside a field (`<p class="field-error" id="f-iin-error">`), or undefined. */
function fieldError(html: string, name: string): string | undefined {
  const match = new RegExp(`id="f-${name}-error">([^<]*)<`).exec(html);
  return match ? textOf(match[1]) : undefined;
}

/** A valid number with its check digit changed: the check fails, nothing else does. */
function withWrongCheckDigit(number: string): string {
  return number.slice(0, 11) + String((Number(number[11]) + 1) % 10);
}

let nextIp = 10;

/** "My page", profile with IIN and organizations, as pages, in Kazakh and Russian. */
describe('web pages: my page, profile, organization', () => {
  let t: TestApp;
  let serial = 7000 + Math.floor(Math.random() * 2000);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** A browser signed in as the account, in the language chosen before signing in. */
  const browserOf = (account: TestAccount, lang: 'kk' | 'ru' = 'kk') =>
    signedInPages(t, account, lang, `10.20.0.${nextIp++}`);

  function profileForm(overrides: Record<string, string | string[] | null> = {}) {
    serial += 1;
    return {
      iin: makeIin('2001-04-15', 'female', serial),
      lastName: 'Тестова',
      firstName: 'Әсел',
      middleName: '',
      birthDate: '2001-04-15',
      gender: 'female',
      phone: '8 (701) 555-12-34',
      educationStatus: 'college_graduate',
      socialCategories: ['unemployed', 'low_income'],
      position: '',
      ...overrides,
    };
  }

  it('sends a signed-out visitor to sign in and back to the page asked for', async () => {
    const browser = new PageClient(t, '10.20.1.1');
    for (const path of ['/me', '/me/profile', '/me/organization', '/me/organization/new']) {
      const res = await browser.get(path);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
  });

  describe('profile', () => {
    it('shows a bad IIN check digit at the IIN field in Kazakh, keeping what was typed, and saves nothing', async () => {
      const account = await signUp(t, 'pm-iin');
      const browser = await browserOf(account);
      const page = await browser.get('/me/profile');
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain('Профиль әлі толтырылмаған');
      const form = profileForm();
      const res = await browser.post('/me/profile', { ...form, iin: withWrongCheckDigit(form.iin) });
      expect(res.status).toBe(400);
      expect(res.html).toMatch(/<title>Қате: Профиль/);
      expect(fieldError(res.html, 'iin')).toBe('ЖСН-нің бақылау цифры сәйкес келмейді: нөмірді тексеріңіз.');
      expect(res.html).toContain('href="#f-iin"');
      expect(res.html).toContain('value="Тестова"');
      expect(res.html).toMatch(/value="low_income" checked/);
      const saved = await t.db.query('SELECT 1 FROM persons WHERE user_id = $1', [account.userId]);
      expect(saved).toHaveLength(0);
    });

    it('shows the API’s other refusals at their fields in Russian: birth date against the IIN, phone, required', async () => {
      const account = await signUp(t, 'pm-ru');
      const browser = await browserOf(account, 'ru');
      await browser.get('/me/profile');
      const res = await browser.post(
        '/me/profile',
        profileForm({ birthDate: '2001-04-16', phone: '+7 912 555 12 34' }),
      );
      expect(res.status).toBe(400);
      expect(res.html).toContain('<html lang="ru">');
      expect(fieldError(res.html, 'phone')).toBe('Введите казахстанский номер телефона, например +7 701 234 56 78.');
      // The DTO passes the phone first only when it is right; the mismatch is the service's.
      const mismatch = await browser.post('/me/profile', profileForm({ birthDate: '2001-04-16' }));
      expect(fieldError(mismatch.html, 'birthDate')).toBe('По ИИН дата рождения 15 апреля 2001, а введена другая.');
      const date = await browser.post('/me/profile', profileForm({ iin: '011315650123' }));
      expect(fieldError(date.html, 'iin')).toBe(IIN_DATE_RU);
      const empty = await browser.post('/me/profile', profileForm({ lastName: '', gender: null, educationStatus: '' }));
      expect(fieldError(empty.html, 'lastName')).toBe('Обязательное поле.');
      expect(fieldError(empty.html, 'gender')).toBe('Обязательное поле.');
      expect(fieldError(empty.html, 'educationStatus')).toBe('Обязательное поле.');
    });

    it('saves the profile and shows the birth date, sex and age read from the IIN, in either language', async () => {
      const account = await signUp(t, 'pm-save');
      const browser = await browserOf(account);
      await browser.get('/me/profile');
      const form = profileForm({ hasDisability: 'yes' });
      const res = await browser.post('/me/profile', form);
      expect(res.status).toBe(303);
      expect(res.location).toBe('/me/profile?notice=profile_saved');
      const page = textOf((await browser.follow(res)).html);
      expect(page).toContain('Профиль сақталды.');
      expect(page).toContain(`${form.iin} ЖСН бойынша деректер`);
      expect(page).toMatch(/Туған күні 15 сәуір 2001 Жынысы Әйел Жасы \d+ жас/);
      const [person] = await t.db.query(
        'SELECT phone, social_categories, has_disability FROM persons WHERE user_id = $1',
        [account.userId],
      );
      expect(person).toEqual({
        phone: '+77015551234',
        social_categories: ['unemployed', 'low_income'],
        has_disability: true,
      });

      // The language preference: the account's, so the pages (and e-mails) follow it.
      const switched = await browser.post('/me/language', { locale: 'ru' });
      expect(switched.location).toBe('/me/profile?notice=language_saved');
      const ru = await browser.follow(switched);
      expect(ru.html).toContain('<html lang="ru">');
      expect(textOf(ru.html)).toMatch(/Язык сохранён\..*Дата рождения 15 апреля 2001 Пол Женский/);
      const [user] = await t.db.query('SELECT locale FROM users WHERE id = $1', [account.userId]);
      expect(user.locale).toBe('ru');
    });

    it('refuses a forged form (no CSRF token, or another browser’s) and changes nothing', async () => {
      const account = await signUp(t, 'pm-csrf');
      const browser = await browserOf(account);
      await browser.get('/me/profile');
      const attacker = await browserOf(await signUp(t, 'pm-attacker'));
      await attacker.get('/me/profile');
      for (const token of [null, attacker.csrf]) {
        const res = await browser.post('/me/profile', { ...profileForm(), _csrf: token });
        expect(res.status).toBe(403);
        expect(textOf(res.html)).toContain('Форманың мерзімі өтті');
      }
      const language = await browser.post('/me/language', { locale: 'ru', _csrf: null });
      expect(language.status).toBe(403);
      expect(await t.db.query('SELECT 1 FROM persons WHERE user_id = $1', [account.userId])).toHaveLength(0);
      const [user] = await t.db.query('SELECT locale FROM users WHERE id = $1', [account.userId]);
      expect(user.locale).toBe('kk');
    });
  });

  describe('organization', () => {
    let binSerial = 10000 + Math.floor(Math.random() * 80000);
    const newBin = () => makeBin('2015-05', (binSerial += 1));
    const orgForm = (overrides: Record<string, string> = {}) => ({
      bin: newBin(),
      name: '«Жастар алаңы» қоғамдық бірлестігі',
      kind: 'youth_organization',
      regionCode: 'ABA',
      registeredOn: '2015-05-20',
      address: 'Семей қ., Абай к-сі, 1',
      headName: '',
      accountantName: '',
      ...overrides,
    });

    it('refuses a BIN that fails its check at the BIN field, in Russian, with the regions grouped', async () => {
      const account = await signUp(t, 'pm-bin');
      const browser = await browserOf(account, 'ru');
      const form = await browser.get('/me/organization/new');
      expect(form.status).toBe(200);
      expect(form.html).toContain('<optgroup label="Области">');
      expect(form.html).toContain('<optgroup label="Города республиканского значения">');
      const good = orgForm();
      const res = await browser.post('/me/organization/new', { ...good, bin: withWrongCheckDigit(good.bin) });
      expect(res.status).toBe(400);
      expect(fieldError(res.html, 'bin')).toBe('Контрольная цифра БИН не сходится: проверьте номер.');
      expect(res.html).toContain(`value="${good.address}"`);
      expect(res.html).toMatch(/<option value="ABA" selected/);
      const empty = await browser.post('/me/organization/new', orgForm({ kind: '', regionCode: '' }));
      expect(fieldError(empty.html, 'kind')).toBe('Обязательное поле.');
      expect(fieldError(empty.html, 'regionCode')).toBe('Обязательное поле.');
      const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM organizations WHERE created_by = $1', [
        account.userId,
      ]);
      expect(count).toBe(0);
    });

    it('registers an organization, lists it, edits it, adds a representative; a stranger finds nothing', async () => {
      const account = await signUp(t, 'pm-org');
      const browser = await browserOf(account);
      expect(textOf((await browser.get('/me/organization')).html)).toContain(
        'Сіз әлі бірде-бір ұйымның өкілі емессіз.',
      );
      await browser.get('/me/organization/new');
      const form = orgForm();
      const created = await browser.post('/me/organization/new', form);
      expect(created.status).toBe(303);
      const id = /^\/organizations\/([0-9a-f-]{36})\?notice=organization_created$/.exec(created.location!)![1];
      const page = textOf((await browser.follow(created)).html);
      expect(page).toContain('Ұйым тіркелді.');
      expect(page).toContain(`БСН ${form.bin}`);
      expect(page).toContain('Ұйым түрі Жастар ұйымы');
      expect(page).toContain('Облыс немесе республикалық маңызы бар қала Абай облысы');
      expect(page).toContain(account.email);

      const list = textOf((await browser.get('/me/organization')).html);
      expect(list).toContain(form.name);
      expect(list).toContain(form.bin);

      // The same BIN again is refused at the BIN field.
      await browser.get('/me/organization/new');
      const again = await browser.post('/me/organization/new', orgForm({ bin: form.bin }));
      expect(again.status).toBe(400);
      expect(fieldError(again.html, 'bin')).toContain('Бұл БСН-мен ұйым тіркелген');

      await browser.get(`/organizations/${id}`);
      const version = /name="version" value="(\d+)"/.exec((await browser.get(`/organizations/${id}`)).html)![1];
      const edited = await browser.post(`/organizations/${id}`, {
        version,
        name: '«Жастар алаңы» ҚБ',
        address: '',
        headName: 'Сейітова Ақмарал',
        accountantName: '',
      });
      expect(edited.location).toBe(`/organizations/${id}?notice=organization_saved`);
      const after = textOf((await browser.follow(edited)).html);
      expect(after).toContain('Басшының аты-жөні Сейітова Ақмарал');
      expect(after).toContain('Заңды мекенжайы көрсетілмеген');
      // A save over an older version is told, not applied.
      const stale = await browser.post(`/organizations/${id}`, {
        version,
        name: 'Ескі атау',
        address: '',
        headName: '',
        accountantName: '',
      });
      expect(stale.status).toBe(409);
      expect(textOf(stale.html)).toContain('Жазбаны сізден бұрын басқа біреу өзгертті.');
      expect(stale.html).toContain('value="Ескі атау"');

      const unknown = await browser.post(`/organizations/${id}/representatives`, { email: 'nobody-here@test.kz' });
      expect(unknown.status).toBe(400);
      expect(fieldError(unknown.html, 'email')).toContain('Бұл пошта мекенжайымен есептік жазба жоқ');
      const colleague = await signUp(t, 'pm-colleague');
      const added = await browser.post(`/organizations/${id}/representatives`, { email: colleague.email });
      expect(added.location).toBe(`/organizations/${id}?notice=representative_added`);
      expect(textOf((await browser.follow(added)).html)).toContain(colleague.email);

      // Someone who does not represent it: the page, the edit and the representatives form are "not found".
      const stranger = await browserOf(await signUp(t, 'pm-stranger'), 'ru');
      const seen = await stranger.get(`/organizations/${id}`);
      expect(seen.status).toBe(404);
      expect(textOf(seen.html)).toContain('Страница не найдена');
      expect(seen.html).not.toContain(form.bin);
      await stranger.get('/me');
      const edit = await stranger.post(`/organizations/${id}`, {
        version,
        name: 'Чужое',
        address: '',
        headName: '',
        accountantName: '',
      });
      expect(edit.status).toBe(404);
      const rep = await stranger.post(`/organizations/${id}/representatives`, { email: account.email });
      expect(rep.status).toBe(404);
      expect((await stranger.get('/organizations/not-an-id')).status).toBe(404);
      const [org] = await t.db.query('SELECT name FROM organizations WHERE id = $1', [id]);
      expect(org.name).toBe('«Жастар алаңы» ҚБ');
    });
  });

  describe('my page', () => {
    let organizer: TestAccount;
    let applicant: TestAccount;
    let youth: any;
    let other: any;
    let submittedId: string;
    let draftId: string;

    beforeAll(async () => {
      organizer = await makeAdmin(t, await signUp(t, 'pm-organizer'));
      youth = await openCompetition(t, organizer.accessToken, 'youth-micro-projects', new Date(Date.now() + DAY));
      other = await openCompetition(t, organizer.accessToken, 'youth-micro-projects', new Date(Date.now() + 5 * DAY));
      applicant = await signUp(t, 'pm-applicant');
      submittedId = await readyDraft(t, applicant.accessToken, youth);
      const submitted = await t.call('POST', `/applications/${submittedId}/submit`, { token: applicant.accessToken });
      expect(submitted.status).toBe(200);
      draftId = await readyDraft(t, applicant.accessToken, other);
    });

    it('lists my applications with their status and what happens next, each linking to its page', async () => {
      const browser = await browserOf(applicant);
      const page = await browser.get('/me');
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      const deadline = formatDateTime(other.submissionDeadline, 'Asia/Almaty', 'kk').replace(/\u00a0/g, ' ');
      expect(text).toContain(`нобай Нобайды толтырып, ${deadline} дейін жіберіңіз. 4 күн қалды.`);
      expect(text).toMatch(/қабылданды Өтінім .+ қабылданды\. Енді техникалық іріктеуді күтеді/);
      expect(page.html).toContain(`href="/applications/${draftId}"`);
      expect(page.html).toContain(`href="/applications/${submittedId}"`);

      const russian = await browserOf(applicant, 'ru');
      expect(textOf((await russian.get('/me')).html)).toContain('черновик Заполните черновик и отправьте его до');
    });

    it('tells the screening outcome only once published, with the failed line and the organizer’s comment', async () => {
      await t.db.query('DELETE FROM attachments WHERE application_id = $1', [submittedId]);
      t.clock.advance(DAY + 1000);
      expect((await t.call('POST', `/competitions/${youth.id}/close`, { token: organizer.accessToken })).status).toBe(
        200,
      );
      t.clock.reset();
      expect(
        (await t.call('POST', `/competitions/${youth.id}/screening/run`, { token: organizer.accessToken })).body,
      ).toEqual({ checked: 1, failing: 1 });
      const decided = await t.call('PUT', `/applications/${submittedId}/screening`, {
        token: organizer.accessToken,
        body: { decision: 'screened_out', comment: 'Келісім құжатын тіркеңіз.' },
      });
      expect(decided.status).toBe(200);
      const browser = await browserOf(applicant);
      const before = textOf((await browser.get('/me')).html);
      expect(before).toContain('техникалық іріктеуді күтеді');
      expect(before).not.toContain('іріктеуден өтпеді');

      expect(
        (await t.call('POST', `/competitions/${youth.id}/screening/publish`, { token: organizer.accessToken })).status,
      ).toBe(200);
      const after = textOf((await browser.get('/me')).html);
      expect(after).toContain('техникалық іріктеуден өтпеді Өтінім техникалық іріктеуден өтпеді. Себептері:');
      expect(after).toContain('Міндетті құжаттар тіркелген: ');
      expect(after).toContain('Ұйымдастырушының түсініктемесі: Келісім құжатын тіркеңіз.');
    });

    it('lists my notifications with the unread count; marks one, then all, as read; another’s is not found', async () => {
      const browser = await browserOf(applicant, 'ru');
      const page = await browser.get('/me');
      const [{ unread }] = await t.db.query(
        `SELECT count(*)::int AS unread FROM notification_outbox WHERE recipient_user_id = $1 AND status <> 'cancelled' AND read_at IS NULL`,
        [applicant.userId],
      );
      expect(unread).toBeGreaterThanOrEqual(2);
      expect(textOf(page.html)).toContain(`Непрочитанных уведомлений: ${unread}.`);
      expect(page.html.match(/class="tag tag--yellow">новое</g)).toHaveLength(unread);
      const ids = [...page.html.matchAll(/action="\/me\/notifications\/([0-9a-f-]{36})\/read"/g)].map((m) => m[1]);
      expect(ids).toHaveLength(unread);

      const one = await browser.post(`/me/notifications/${ids[0]}/read`, {});
      expect(one.location).toBe('/me?notice=read#notifications');
      const afterOne = textOf((await browser.follow(one)).html);
      expect(afterOne).toContain('Уведомление отмечено как прочитанное.');
      expect(afterOne).toContain(`Непрочитанных уведомлений: ${unread - 1}.`);

      const stranger = await browserOf(await signUp(t, 'pm-reader'));
      await stranger.get('/me');
      const foreign = await stranger.post(`/me/notifications/${ids[1]}/read`, {});
      expect(foreign.status).toBe(404);
      const forged = await stranger.post('/me/notifications/read-all', { _csrf: null });
      expect(forged.status).toBe(403);

      await browser.get('/me');
      const all = await browser.post('/me/notifications/read-all', {});
      expect(all.location).toBe('/me?notice=read_all#notifications');
      const afterAll = textOf((await browser.follow(all)).html);
      expect(afterAll).toContain('Все уведомления отмечены как прочитанные.');
      expect(afterAll).toContain('Непрочитанных уведомлений нет.');
      const [{ left }] = await t.db.query(
        `SELECT count(*)::int AS left FROM notification_outbox WHERE recipient_user_id = $1 AND read_at IS NULL`,
        [applicant.userId],
      );
      expect(left).toBe(0);
    });
  });
});
