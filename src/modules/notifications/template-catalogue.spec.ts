import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { catalogueKeys } from '../../common/i18n/i18n';
import { TEMPLATE_CODES, TEMPLATE_VARIABLES } from './domain/template-catalogue';
import { splitTemplate, TemplateRenderer, TEMPLATES_DIR } from './template-renderer';

/** Every variable a template reads, including helper arguments. */
function variablesOf(source: string): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; original?: string; params?: unknown[] };
    if (n.type === 'PathExpression' && n.original) found.add(n.original.split('.')[0]);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(Handlebars.parse(source));
  for (const helper of ['word', 'icu', 'if', 'unless', 'each', 'else']) found.delete(helper);
  return found;
}

describe('template catalogue', () => {
  const folders = readdirSync(TEMPLATES_DIR);

  it('has a folder for every declared template and no undeclared folder', () => {
    expect(folders.sort()).toEqual([...TEMPLATE_CODES].sort());
  });

  it.each(TEMPLATE_CODES.flatMap((code) => (['kk', 'ru'] as const).map((locale) => [code, locale] as const)))(
    '%s/%s exists and reads only the variables its callers pass',
    (code, locale) => {
      const source = readFileSync(join(TEMPLATES_DIR, code, `${locale}.hbs`), 'utf8');
      const { subject, body } = splitTemplate(source);
      expect(subject.length).toBeGreaterThan(3);
      const used = variablesOf(`${subject}\n${body}`);
      const declared = new Set<string>(TEMPLATE_VARIABLES[code] as string[]);
      expect([...used].filter((v) => !declared.has(v))).toEqual([]);
    },
  );

  it('renders subject, text and HTML in the language asked for, with the link clickable', () => {
    const renderer = new TemplateRenderer();
    const link = 'http://grants.test/verify-email?token=abc&x=1';
    const kk = renderer.render('email-verification', 'kk', { link, hours: 24 });
    const ru = renderer.render('email-verification', 'ru', { link, hours: 24 });
    expect(kk.subject).toBe('Электрондық поштаңызды растаңыз');
    expect(ru.subject).toBe('Подтвердите адрес электронной почты');
    expect(kk.text).toContain(link);
    expect(ru.html).toContain('<a href="http://grants.test/verify-email?token=abc&amp;x=1">');
    expect(ru.html).toContain('<html lang="ru">');
  });

  it('escapes what people typed in HTML, and a missing variable is an error, not a blank', () => {
    const renderer = new TemplateRenderer();
    const m = renderer.render('competition-invitation', 'kk', {
      link: 'http://x',
      role: 'commission',
      competitionTitle: '<b>Конкурс</b>',
      days: 14,
      inviter: 'Серікова Айгүл',
    });
    expect(m.html).toContain('&lt;b&gt;Конкурс&lt;/b&gt;');
    expect(m.text).toContain('комиссия мүшесі');
    expect(() => renderer.render('password-reset', 'kk', { minutes: 30 })).toThrow(/link/);
  });

  it('every role word used by templates has both translations', () => {
    for (const role of ['organizer', 'commission', 'mentor']) {
      expect(catalogueKeys('kk')).toContain(`words.${role}`);
      expect(catalogueKeys('ru')).toContain(`words.${role}`);
    }
  });
});
