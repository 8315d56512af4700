import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import kk from '../../i18n/kk.json';
import ru from '../../i18n/ru.json';
import { formatMessage } from './message-format';

export type Locale = 'kk' | 'ru';
export const LOCALES: readonly Locale[] = ['kk', 'ru'];
export const DEFAULT_LOCALE: Locale = 'kk';

type Catalogue = Record<string, string>;

/** The web pages' strings: one pair of files per area, `src/i18n/pages/<area>.{kk,ru}.json`. */
export const PAGE_CATALOGUE_DIR = join(__dirname, '../../i18n/pages');

function withPageStrings(locale: Locale, base: Catalogue): Catalogue {
  const merged: Catalogue = { ...base };
  const files = readdirSync(PAGE_CATALOGUE_DIR).filter((f) => f.endsWith(`.${locale}.json`));
  for (const file of files.sort()) {
    const strings = JSON.parse(readFileSync(join(PAGE_CATALOGUE_DIR, file), 'utf8')) as Catalogue;
    for (const [key, value] of Object.entries(strings)) {
      if (key in merged) throw new Error(`i18n: ${file} repeats the key ${key}`);
      merged[key] = value;
    }
  }
  return merged;
}

const catalogues: Record<Locale, Catalogue> = { kk: withPageStrings('kk', kk), ru: withPageStrings('ru', ru) };

/** Picks kk or ru from an Accept-Language header; Kazakh, the state language, by default. */
export function resolveLocale(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...attrs] = part.trim().toLowerCase().split(';');
      const q = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
      return { lang: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((x) => (LOCALES as readonly string[]).includes(x.lang) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.lang as Locale) ?? DEFAULT_LOCALE;
}

/**
 * Looks a key up and formats it as ICU MessageFormat (plural forms, numbers people read); a
 * string value that names a word (`commission`) is written as that word in the language. An
 * unknown key falls back to the generic error; a message missing one of its values keeps that
 * placeholder rather than fail (the wording spec renders every message with all of them).
 */
export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const catalogue = catalogues[locale] ?? catalogues[DEFAULT_LOCALE];
  const template = catalogue[key] ?? catalogues[DEFAULT_LOCALE][key] ?? catalogue['errors.INTERNAL_ERROR'];
  const values = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === 'string' ? (catalogue[`words.${value}`] ?? value) : value,
    ]),
  );
  try {
    return formatMessage(locale, template, values);
  } catch {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      values[name] === undefined || values[name] === null ? whole : String(values[name]),
    );
  }
}

export function hasMessage(key: string): boolean {
  return LOCALES.every((l) => key in catalogues[l]);
}

export function catalogueKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]);
}

/** A catalogue key with no message: pages show the key itself, which the browser tests catch. */
export function hasKey(locale: Locale, key: string): boolean {
  return key in catalogues[locale];
}

/** A message as written in the catalogue, before formatting (for the wording checks). */
export function messageSource(locale: Locale, key: string): string | undefined {
  return catalogues[locale][key];
}
