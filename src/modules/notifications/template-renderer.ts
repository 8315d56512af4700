import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { Locale, translate } from '../../common/i18n/i18n';
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
  }

  render(code: TemplateCode | string, locale: Locale, payload: Record<string, unknown>): RenderedMessage {
    const template = this.load(code, locale);
    const context = { ...payload, __locale: locale };
    const subject = template.subject(context).replace(/\s+/g, ' ').trim();
    const text = `${template.text(context)}\n\n— \n${FOOTER[locale]}\n`;
    const escaped = Object.fromEntries(
      Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' ? escapeHtml(v) : v]),
    );
    const paragraphs = template
      .html({ ...escaped, __locale: locale })
      .split(/\n{2,}/)
      .map((p) => `<p>${p.replace(LINK, '<a href="$1">$1</a>').replace(/\n/g, '<br>')}</p>`)
      .join('\n');
    const html =
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
      `<body style="font-family:Arial,sans-serif;line-height:1.5;color:#1a1a1a">${paragraphs}` +
      `<p style="color:#777;font-size:12px">${FOOTER[locale]}</p></body></html>`;
    return { subject, text, html };
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
