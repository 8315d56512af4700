import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { Locale, translate } from '../../common/i18n/i18n';
import { formatMessage } from '../../common/i18n/message-format';
import { TemplateCode } from './domain/template-catalogue';

export const TEMPLATES_DIR = join(__dirname, 'templates');

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

interface CompiledTemplate {
  subject: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
}

/** Splits a template file into its subject line and body, at the first `---` line. */
export function splitTemplate(source: string): { subject: string; body: string } {
  const match = /^([^\n]+)\n---\n([\s\S]*)$/.exec(source.replace(/\r\n/g, '\n'));
  if (!match) throw new Error('a template is "subject line", a line "---", then the body');
  return { subject: match[1].trim(), body: match[2].trim() };
}

/** Only the five characters that matter in HTML text and attributes; links stay readable. */
function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const LINK = /(https?:\/\/[^\s<]+)/g;
const DIVIDER = '* * *';

/** A value written per language (`{kk, ru}`), read in the language being written. */
function inLanguage(value: unknown, locale: Locale): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'kk' in value && 'ru' in value) {
    return (value as Record<Locale, unknown>)[locale];
  }
  return value;
}
const FOOTER: Record<Locale, string> = {
  kk: 'Бұл хат автоматты түрде жіберілді, оған жауап берудің қажеті жоқ.',
  ru: 'Это письмо отправлено автоматически, отвечать на него не нужно.',
};

/**
 * One source per template and language: the plain-text body is the template, the HTML
 * version is the same text escaped, in paragraphs, with its links made clickable.
 */
@Injectable()
export class TemplateRenderer {
  private readonly hbs = Handlebars.create();
  private readonly compiled = new Map<string, CompiledTemplate>();

  constructor() {
    this.hbs.registerHelper('word', function (this: unknown, value: unknown, options: Handlebars.HelperOptions) {
      return translate(options.data.root.__locale as Locale, `words.${String(value)}`);
    });
    // Counts and other grammar through ICU MessageFormat:
    // {{icu "{n, plural, one {# день} few {# дня} many {# дней} other {# дня}}" n=days}}.
    this.hbs.registerHelper('icu', function (this: unknown, pattern: unknown, options: Handlebars.HelperOptions) {
      return formatMessage(options.data.root.__locale as Locale, String(pattern), options.hash);
    });
  }

  /**
   * The message in the recipient's language. With `bothLanguages` in the payload (someone we
   * do not know yet, e.g. an invitation to a new address) it is written in Kazakh, then in
   * Russian. A value given as `{kk, ru}` is read in the language being written.
   */
  render(code: TemplateCode | string, locale: Locale, payload: Record<string, unknown>): RenderedMessage {
    const locales: Locale[] = payload.bothLanguages ? ['kk', 'ru'] : [locale];
    const parts = locales.map((l) => this.renderIn(code, l, payload));
    const subject = parts.map((p) => p.subject).join(' / ');
    const text = `${parts.map((p) => `${p.text}\n\n— \n${FOOTER[p.locale]}`).join(`\n\n${DIVIDER}\n\n`)}\n`;
    const body = parts
      .map((p) => `${p.paragraphs}\n<p style="color:#777;font-size:12px">${FOOTER[p.locale]}</p>`)
      .join('\n<hr>\n');
    const html =
      `<!doctype html><html lang="${locales[0]}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
      `<body style="font-family:Arial,sans-serif;line-height:1.5;color:#1a1a1a">${body}</body></html>`;
    return { subject, text, html };
  }

  private renderIn(code: string, locale: Locale, payload: Record<string, unknown>) {
    const template = this.load(code, locale);
    const values = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, inLanguage(v, locale)]));
    const context = { ...values, __locale: locale };
    const subject = template.subject(context).replace(/\s+/g, ' ').trim();
    const text = template.text(context);
    const escaped = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? escapeHtml(v) : v]),
    );
    const paragraphs = template
      .html({ ...escaped, __locale: locale })
      .split(/\n{2,}/)
      .map((p) => `<p>${p.replace(LINK, '<a href="$1">$1</a>').replace(/\n/g, '<br>')}</p>`)
      .join('\n');
    return { locale, subject, text, paragraphs };
  }

  private load(code: string, locale: Locale): CompiledTemplate {
    const key = `${code}/${locale}`;
    let template = this.compiled.get(key);
    if (!template) {
      if (!/^[a-z0-9-]+$/.test(code)) throw new Error(`bad template code ${code}`);
      const { subject, body } = splitTemplate(readFileSync(join(TEMPLATES_DIR, code, `${locale}.hbs`), 'utf8'));
      template = {
        subject: this.hbs.compile(subject, { noEscape: true, strict: true }),
        text: this.hbs.compile(body, { noEscape: true, strict: true }),
        // Values are escaped by escapeHtml before rendering; the template text itself is ours.
        html: this.hbs.compile(body, { noEscape: true, strict: true }),
      };
      this.compiled.set(key, template);
    }
    return template;
  }
}
