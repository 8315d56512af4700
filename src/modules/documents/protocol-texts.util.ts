import kk from './texts/protocol.kk.json';
import ru from './texts/protocol.ru.json';
import type { ProtocolLocale } from './protocol.model';

/** The protocol's fixed wording; both locale files have exactly this shape (a spec checks it). */
export type ProtocolTexts = typeof kk;

const TEXTS: Record<ProtocolLocale, ProtocolTexts> = { kk, ru };

export function protocolTexts(locale: ProtocolLocale): ProtocolTexts {
  const texts = TEXTS[locale];
  if (!texts) throw new RangeError(`Unsupported protocol locale: ${String(locale)}`);
  return texts;
}

/**
 * Replaces `{name}` placeholders. A placeholder without a value is a programming error
 * (a wording file and the builder disagree), so it throws instead of printing "{name}".
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    if (!(key in values)) throw new Error(`No value for placeholder {${key}} in "${template}"`);
    return String(values[key]);
  });
}
