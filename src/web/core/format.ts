import type { Locale } from '../../common/i18n/i18n';

const MONTHS: Record<Locale, string[]> = {
  kk: [
    'қаңтар',
    'ақпан',
    'наурыз',
    'сәуір',
    'мамыр',
    'маусым',
    'шілде',
    'тамыз',
    'қыркүйек',
    'қазан',
    'қараша',
    'желтоқсан',
  ],
  ru: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
};

const NBSP = '\u00a0';

/** The wall-clock parts of an instant in a time zone (Asia/Almaty, Asia/Aqtobe…). */
/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsIn(instant: Date, timeZone: string): { year: number; month: number; day: number; time: string } {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    time: `${get('hour')}:${get('minute')}`,
  };
}

/** `14 ақпан 2026, 18:00` / `14 февраля 2026, 18:00`, in the competition's zone. */
export function formatDateTime(instant: Date | string, timeZone: string, locale: Locale): string {
  const p = partsIn(new Date(instant), timeZone);
  return `${p.day}${NBSP}${MONTHS[locale][p.month - 1]} ${p.year}, ${p.time}`;
}

/** `14 ақпан 2026` / `14 февраля 2026`. A calendar date (YYYY-MM-DD) or an instant in a zone. */
export function formatDate(value: Date | string, locale: Locale, timeZone = 'Asia/Almaty'): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return `${d}${NBSP}${MONTHS[locale][m - 1]} ${y}`;
  }
  const p = partsIn(new Date(value), timeZone);
  return `${p.day}${NBSP}${MONTHS[locale][p.month - 1]} ${p.year}`;
}

/** Whole tenge with non-breaking spaces: `300 000 ₸`. */
export function formatMoney(amount: number | string): string {
  const value = Math.round(Number(amount));
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${value < 0 ? '−' : ''}${digits}${NBSP}₸`;
}

/** What is left until a moment, in whole days, hours and minutes (for "time left" texts). */
export function timeLeft(until: Date | string, now: Date): { days: number; hours: number; minutes: number } | null {
  const ms = new Date(until).getTime() - now.getTime();
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}
