import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATE_CODES, TEMPLATE_VARIABLES } from '../../modules/notifications/domain/template-catalogue';
import { splitTemplate, TemplateRenderer, TEMPLATES_DIR } from '../../modules/notifications/template-renderer';
import { catalogueKeys, Locale, LOCALES, messageSource, translate } from './i18n';
import { formatMessage, messageArguments, readableNumber } from './message-format';

/**
 * Every sentence a person reads — API messages (src/i18n), e-mails (notification templates)
 * and documents (documents/texts) — rendered in Kazakh and Russian with representative
 * values, then read the way a person would: no placeholder left, no code word, no Latin
 * word except names, numbers, links and a few product terms, the glossary's terms
 * (../shared/GLOSSARY.md), and real plural forms instead of abbreviations.
 */

const DOCUMENT_TEXTS_DIR = join(__dirname, '../../modules/documents/texts');

/** Latin words a Kazakh or Russian text may contain: file types, programs and protocol names people see on screen. */
const LATIN_ALLOWED = new Set([
  'PDF',
  'DOCX',
  'XLSX',
  'JPG',
  'PNG',
  'JSON',
  'Word',
  'Excel',
  // What to install to check a draw on one's own computer (the draw page).
  'Node.js',
  'Python',
  'Idempotency-Key',
  'multipart/form-data',
]);
/** Keyboard shortcuts named on screen (printing the survey's list of codes). */
const SHORTCUTS = /\bCtrl\+[A-Z]\b/g;
const URL_OR_EMAIL = /https?:\/\/\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
/**
 * A public application number (MG2-2026-0007), an arm letter (A, B, C) and a survey code
 * (KM4P-Q7XA: what a participant types from a paper list) are ours and Latin.
 */
const PRODUCT_TOKENS = /\b[A-Z]{2,4}\d*-\d{4}-\d{4,}\b|(?<![\w-])[ABC](?![\w-])|\b[A-Z0-9]{4}-[A-Z0-9]{4}\b/g;

/** Terms the glossary replaces, per language: [what is wrong, what the glossary says]. */
const NOT_THE_GLOSSARY: Record<Locale, [RegExp, string][]> = {
  kk: [
    [/өтініш беруші/i, 'өтінім беруші'],
    [/жоба күйінде|^жоба$/i, 'нобай (a draft is not a project)'],
    [/(?<!жеребе \()кездейсоқ бөлу/i, 'жеребе'],
    [/сарапшы/i, 'комиссия мүшесі'],
    [/критерий/i, 'өлшемшарт'],
    [/байқау/i, 'конкурс'],
    [/ментор/i, 'тәлімгер'],
  ],
  ru: [
    [/коротк\S* спис/i, 'шорт-лист'],
    [/(?<!жеребьёвка \()случайн\S* распредел/i, 'жеребьёвка'],
    [/эксперт/i, 'член комиссии / конкурсная комиссия'],
    [/ментор/i, 'наставник'],
  ],
};
/** Counts are written with their plural form, never abbreviated to dodge it. */
const ABBREVIATED_COUNT = /\d\s*(дн|ч|мин|сағ)\.(?!\w)/;

function problemsOf(text: string, locale: Locale): string[] {
  const problems: string[] = [];
  if (/\{|\}/.test(text)) problems.push('a placeholder is left ({…} or {{…}})');
  if (/\b(null|undefined|NaN|\[object Object\])\b/.test(text)) problems.push('null/undefined/NaN in the text');
  const plain = text.replace(URL_OR_EMAIL, ' ').replace(PRODUCT_TOKENS, ' ').replace(SHORTCUTS, ' ');
  for (const word of plain.match(/[A-Za-z][\w./-]*[A-Za-z0-9]|[A-Za-z]/g) ?? []) {
    if (LATIN_ALLOWED.has(word)) continue;
    if (/_/.test(word) || /^[A-Z]{2,}$/.test(word)) problems.push(`code word "${word}"`);
    else problems.push(`Latin word "${word}"`);
  }
  for (const [wrong, right] of NOT_THE_GLOSSARY[locale]) {
    if (wrong.test(text)) problems.push(`glossary: ${wrong} should be «${right}»`);
  }
  if (ABBREVIATED_COUNT.test(text)) problems.push('an abbreviated count (дн./ч./мин.): use a plural form');
  return problems;
}

/** A value for a placeholder, chosen by its name; strings are Cyrillic so any Latin left is ours. */
function sampleFor(name: string, locale: Locale, count: number): unknown {
  const samples: Record<string, unknown> = {
    link: 'https://grants.example.kz/applications/1?token=abc',
    resetLink: 'https://grants.example.kz/reset-password?token=abc',
    role: 'commission',
    competitionTitle: { kk: 'Жастар бастамалары', ru: 'Инициативы молодёжи' },
    inviter: { kk: 'Серікова Айгүл Маратқызы', ru: 'Серикова Айгуль Маратовна' },
    number: 'MG2-2026-0007',
    numbers: 'MG2-2026-0007, MG2-2026-0012',
    submittedAt: locale === 'ru' ? '14 февраля 2026 г., 18:00' : '14 ақпан 2026 ж., 18:00',
    deadline: locale === 'ru' ? '14 февраля 2026 г., 18:00' : '14 ақпан 2026 ж., 18:00',
    date: locale === 'ru' ? '14 февраля 2026 г.' : '14 ақпан 2026 ж.',
    birthDate: '2001-01-15',
    registeredOn: '2025-09-01',
    iin: '010115650123',
    amount: '300 000 ₸',
    arm: 'A',
    armMeaning: locale === 'ru' ? 'грант, обучение и наставник' : 'грант, оқыту және тәлімгер',
    explanation: locale === 'ru' ? 'Отобрана победителем.' : 'Жеңімпаз ретінде іріктелді.',
    failedLines: locale === 'ru' ? '— Не приложен обязательный документ.' : '— Міндетті құжат тіркелмеген.',
    comment: locale === 'ru' ? 'Приложите устав организации.' : 'Ұйымның жарғысын тіркеңіз.',
    keyId: '2026-02',
    language: locale === 'ru' ? 'казахский' : 'қазақ',
    remaining: 150000,
    limit: count,
    allowed: locale === 'ru' ? 'инициативная группа, НКО' : 'бастамашыл топ, ҮЕҰ',
    field: locale === 'ru' ? 'состав команды' : 'команда құрамы',
  };
  if (name in samples) return samples[name];
  if (
    /^(n|count|days|hours|minutes|pending|daysLeft|age|min|max|below|step|maxPoints|limitMb|index|part|parts)$/.test(
      name,
    )
  )
    return count;
  return locale === 'ru' ? 'Образец' : 'Үлгі';
}

/** Placeholders of a message, with values; a plural count is tried with 1, 2, 5 and 21. */
function valuesFor(locale: Locale, pattern: string, count: number): Record<string, unknown> {
  return Object.fromEntries(messageArguments(locale, pattern).map((name) => [name, sampleFor(name, locale, count)]));
}
const COUNTS = [1, 2, 5, 21];

describe('wording: every kk/ru sentence a person reads', () => {
  describe('API messages (src/i18n)', () => {
    it('has every key in both languages', () => {
      expect(catalogueKeys('kk').filter((k) => !catalogueKeys('ru').includes(k))).toEqual([]);
      expect(catalogueKeys('ru').filter((k) => !catalogueKeys('kk').includes(k))).toEqual([]);
    });

    it.each(LOCALES)(
      'renders every message in %s with its values and finds nothing a person should not read',
      (locale) => {
        const found: string[] = [];
        for (const key of catalogueKeys(locale)) {
          for (const count of COUNTS) {
            const pattern = translateSource(locale, key);
            const text = translate(locale, key, valuesFor(locale, pattern, count) as Record<string, string | number>);
            for (const problem of problemsOf(text, locale)) found.push(`${key} (${count}): ${problem} — ${text}`);
          }
        }
        expect([...new Set(found)]).toEqual([]);
      },
    );

    it('writes Russian counts with real plural forms and numbers as people read them', () => {
      expect(translate('ru', 'errors.TEAM_TOO_SMALL', { limit: 1 })).toBe(
        'В команде должно быть не меньше 1 человека.',
      );
      expect(translate('ru', 'errors.TEAM_TOO_SMALL', { limit: 3 })).toBe('В команде должно быть не меньше 3 человек.');
      expect(translate('ru', 'errors.LOGIN_LOCKED', { minutes: 15 })).toContain('через 15 минут ');
      expect(translate('ru', 'errors.LOGIN_LOCKED', { minutes: 1 })).toContain('через 1 минуту ');
      expect(translate('ru', 'errors.BELOW_QUORUM', { count: 2, numbers: 'MG1-2026-0001' })).toMatch(
        /^2 заявки не набрали кворума: MG1-2026-0001\./,
      );
      expect(translate('ru', 'rule.winners', { n: 5 })).toBe('5 победителей');
      expect(translate('ru', 'rule.winners', { n: 21 })).toBe('21 победитель');
      expect(translate('ru', 'errors.AGE_OUT_OF_RANGE', { age: 31, min: 14, max: 29 })).toBe(
        'По ИИН возраст — 31 год: в конкурсе участвуют люди в возрасте от 14 до 29 лет.',
      );
      expect(translate('kk', 'rule.winners', { n: 5 })).toBe('5 жеңімпаз');
      expect(translate('ru', 'selection.total_fund_exceeded', { remaining: 150000 })).toBe(
        'Не хватает общего фонда: осталось 150\u00a0000 ₸.',
      );
      expect(readableNumber(2026)).toBe('2026');
      expect(readableNumber(8.5)).toBe('8,5');
      expect(translate('kk', 'words.mentor')).toBe('тәлімгер');
      expect(translate('kk', 'status.draft')).toBe('нобай');
    });

    it('the check finds what it is for (a leftover placeholder, a code word, an English word, a glossary slip)', () => {
      expect(problemsOf('Өтінім {number} қабылданды', 'kk')).toEqual([
        'a placeholder is left ({…} or {{…}})',
        'Latin word "number"',
      ]);
      expect(problemsOf('Ошибка: PERSON_IN_ANOTHER_APPLICATION', 'ru')).toEqual([
        'code word "PERSON_IN_ANOTHER_APPLICATION"',
      ]);
      expect(problemsOf('Статус: screened_in, undefined', 'ru')).toEqual([
        'null/undefined/NaN in the text',
        'code word "screened_in"',
        'Latin word "undefined"',
      ]);
      expect(problemsOf('Ссылка действует 24 ч.', 'ru')).toEqual([
        'an abbreviated count (дн./ч./мин.): use a plural form',
      ]);
      expect(problemsOf('Өтініш беруші: Серікова', 'kk')).toHaveLength(1);
      expect(problemsOf('Заявка MG2-2026-0007 попала в группу A: https://x.kz/a?b=c, PDF.', 'ru')).toEqual([]);
    });
  });

  describe('e-mails (notification templates)', () => {
    const renderer = new TemplateRenderer();

    it.each(TEMPLATE_CODES.flatMap((code) => LOCALES.map((locale) => [code, locale] as const)))(
      '%s/%s reads right with every branch and count',
      (code, locale) => {
        const source = readFileSync(join(TEMPLATES_DIR, code, `${locale}.hbs`), 'utf8');
        const flags = conditionsOf(source);
        const found: string[] = [];
        for (const count of COUNTS) {
          for (let mask = 0; mask < 2 ** flags.length; mask++) {
            const payload = Object.fromEntries(
              (TEMPLATE_VARIABLES[code] as string[]).map((name) => [name, sampleFor(name, locale, count)]),
            );
            // A branch on a text shows it or leaves it out; a branch on a flag is true or false.
            flags.forEach((flag, i) => {
              const on = Boolean(mask & (1 << i));
              const sample = payload[flag];
              payload[flag] = typeof sample === 'string' ? (on ? sample : '') : on;
            });
            const message = renderer.render(code, locale, payload);
            const text = `${message.subject}\n${message.text}`;
            for (const problem of problemsOf(text, locale)) found.push(`${JSON.stringify(payload)}: ${problem}`);
            if (payload.bothLanguages) {
              for (const problem of problemsOf(text, 'kk')) found.push(`both languages: ${problem}`);
            }
          }
        }
        expect([...new Set(found)]).toEqual([]);
      },
    );

    it('counts days, hours and minutes with their plural forms in Russian', () => {
      const link = 'https://grants.example.kz/x';
      expect(renderer.render('email-verification', 'ru', { link, hours: 24 }).text).toContain('действует 24 часа ');
      expect(renderer.render('password-reset', 'ru', { link, minutes: 30 }).text).toContain('действует 30 минут ');
      const reminder = (daysLeft: number) =>
        renderer.render('draft-reminder', 'ru', { link, daysLeft, deadline: '14 февраля', competitionTitle: 'К' })
          .subject;
      expect(reminder(1)).toBe('Заявка не отправлена: до срока остался 1 день');
      expect(reminder(3)).toBe('Заявка не отправлена: до срока осталось 3 дня');
      expect(
        renderer.render('draft-reminder', 'kk', { link, daysLeft: 3, deadline: '14 ақпан', competitionTitle: 'К' })
          .subject,
      ).toBe('Өтінім жіберілмеген: мерзімге 3 күн қалды');
      expect(renderer.render('scoring-reminder', 'ru', { link, pending: 5, competitionTitle: 'К' }).subject).toBe(
        '5 заявок ждут вашей оценки',
      );
    });

    it('invites someone we do not know yet in Kazakh, then Russian, and says who invites', () => {
      const m = renderer.render('competition-invitation', 'ru', {
        link: 'https://grants.example.kz/invitations/accept?token=t',
        role: 'commission',
        competitionTitle: { kk: 'Жастар бастамалары', ru: 'Инициативы молодёжи' },
        days: 14,
        inviter: { kk: 'Серікова Айгүл', ru: 'Серикова Айгуль' },
        bothLanguages: true,
      });
      expect(m.subject).toBe('Конкурсқа шақыру: Жастар бастамалары / Приглашение в конкурс: Инициативы молодёжи');
      const kk = m.text.indexOf(
        'Серікова Айгүл сізді «Жастар бастамалары» конкурсына комиссия мүшесі ретінде шақырады.',
      );
      const ru = m.text.indexOf(
        'Серикова Айгуль приглашает вас в конкурс «Инициативы молодёжи» в роли: член комиссии.',
      );
      expect(kk).toBeGreaterThan(-1);
      expect(ru).toBeGreaterThan(kk);
      expect(m.text).toContain('Шақыру 14 күн жарамды.');
      expect(m.text).toContain('Приглашение действует 14 дней.');
      expect(m.html).toContain('<hr>');
    });

    it('congratulates a winner with the amount and the next step, and tells the others kindly what they can do', () => {
      const base = {
        competitionTitle: 'Шағын гранттар',
        number: 'MG2-2026-0007',
        explanation: '',
        link: 'https://grants.example.kz/competitions/1/results',
      };
      const won = renderer.render('competition-results', 'kk', {
        ...base,
        selected: true,
        shortlisted: false,
        amount: '300 000 ₸',
      }).text;
      expect(won).toContain('Құттықтаймыз! MG2-2026-0007 өтінімі жеңімпаз атанды. Сомасы: 300 000 ₸.');
      expect(won).toContain('Келесі қадам — шарт');
      const lost = renderer.render('competition-results', 'ru', {
        ...base,
        selected: false,
        shortlisted: false,
        amount: '',
      }).text;
      expect(lost).toContain('Заявка MG2-2026-0007 в этот раз не прошла отбор.');
      expect(lost).toContain('Спасибо за участие!');
      expect(lost).toContain('участвовать в следующих конкурсах');
      expect(lost).not.toContain('Поздравляем');
    });
  });

  describe('documents (documents/texts)', () => {
    const files = readdirSync(DOCUMENT_TEXTS_DIR).filter((f) => /\.(kk|ru)\.json$/.test(f));

    it('has wording files to check', () => {
      expect(files.length).toBeGreaterThanOrEqual(2);
    });

    it.each(files)('%s reads right with its placeholders filled', (file) => {
      const locale = file.endsWith('.ru.json') ? 'ru' : 'kk';
      const found: string[] = [];
      const visit = (value: unknown, path: string): void => {
        if (typeof value === 'string') {
          // The builder writes roles as words (комиссия мүшесі), not as codes.
          const filled = value.replace(/\{(\w+)\}/g, (_m, name: string) =>
            name === 'role' ? translate(locale, 'words.commission') : String(sampleFor(name, locale, 5)),
          );
          for (const problem of problemsOf(filled, locale)) found.push(`${path}: ${problem} — ${filled}`);
        } else if (value && typeof value === 'object') {
          for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
        }
      };
      visit(JSON.parse(readFileSync(join(DOCUMENT_TEXTS_DIR, file), 'utf8')), '');
      expect(found).toEqual([]);
    });
  });
});

/** The raw pattern of a key, to know which placeholders it reads. */
function translateSource(locale: Locale, key: string): string {
  return messageSource(locale, key) ?? '';
}

/** Variables a template branches on ({{#if x}}), to render every branch. */
function conditionsOf(source: string): string[] {
  const { subject, body } = splitTemplate(source);
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; path?: { original?: string }; params?: { original?: string }[] };
    if (n.type === 'BlockStatement' && ['if', 'unless'].includes(n.path?.original ?? '') && n.params?.[0]?.original)
      found.add(n.params[0].original);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(Handlebars.parse(`${subject}\n${body}`));
  // A message sent in both languages is a branch of its own.
  return [...found, ...(source.includes('inviter') ? ['bothLanguages'] : [])].slice(0, 4);
}

// Keeps formatMessage in the spec's imports for a direct check of a pattern with a missing value.
it('a pattern missing one of its values is an error, not a blank', () => {
  expect(() => formatMessage('ru', '{n, plural, one {# день} other {# дней}}', {})).toThrow();
});
