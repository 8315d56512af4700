import { isValidCalendarDate, pad } from './calendar.util';

/**
 * Kazakhstan has used a single zone (UTC+5) since 1 March 2024, but before that Almaty was
 * UTC+6. Always going through Intl with the IANA zone keeps historical instants (old
 * application dates, archived deadlines) correct, which a hard-coded +05:00 would not.
 */
export const KZ_TIME_ZONE = 'Asia/Almaty';

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Offset as printed by Intl `longOffset`, e.g. "GMT+05:00" or "GMT" for UTC. */
  offsetLabel: string;
}

// Formatter construction is expensive (ICU data lookup), so keep one per zone.
const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      // h23 avoids the "24:00" midnight some ICU versions emit with hour12: false.
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

function zonedParts(instant: Date, timeZone: string): ZonedParts {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Invalid Date');
  }
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    offsetLabel: parts.timeZoneName,
  };
}

/**
 * "GMT+05:00" → "+05:00"; bare "GMT" (UTC-like zones) → "+00:00". Pre-1924 local mean time
 * offsets carry seconds ("GMT+05:07:48"); those are passed through unchanged so the string
 * still denotes the exact instant, at the cost of not being strict RFC 3339.
 */
function isoOffset(offsetLabel: string): string {
  const offset = offsetLabel.replace(/^GMT/, '');
  return offset === '' ? '+00:00' : offset;
}

function datePart(p: ZonedParts): string {
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

function timePart(p: ZonedParts): string {
  return `${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
}

/** ISO 8601 with the zone's offset, seconds precision, e.g. 2026-06-01T10:00:00+05:00. */
export function toZonedIso(instant: Date, timeZone: string = KZ_TIME_ZONE): string {
  const p = zonedParts(instant, timeZone);
  return `${datePart(p)}T${timePart(p)}${isoOffset(p.offsetLabel)}`;
}

/**
 * dd.MM.yyyy HH:mm — the format both Kazakh and Russian readers expect in official
 * documents, so it is fixed rather than taken from Intl locale data (which differs by
 * ICU version). `locale` stays in the signature for when the two ever diverge.
 */
export function formatLocalDateTime(instant: Date, locale: 'kk' | 'ru', timeZone: string = KZ_TIME_ZONE): string {
  void locale;
  const p = zonedParts(instant, timeZone);
  const time = `${pad(p.hour, 2)}:${pad(p.minute, 2)}`;
  return `${pad(p.day, 2)}.${pad(p.month, 2)}.${pad(p.year, 4)} ${time}`;
}

/** Calendar date (YYYY-MM-DD) of the instant as seen in the zone. */
export function localDate(instant: Date, timeZone: string = KZ_TIME_ZONE): string {
  return datePart(zonedParts(instant, timeZone));
}

/** Milliseconds to add to UTC to get the zone's wall clock at that instant. */
function offsetMs(epochMs: number, timeZone: string): number {
  const p = zonedParts(new Date(epochMs), timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  // Intl drops milliseconds, so compare against the instant truncated to whole seconds.
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Interprets a wall-clock time ('YYYY-MM-DDTHH:mm' or 'YYYY-MM-DDTHH:mm:ss') in the zone,
 * e.g. a deadline an administrator typed as local time.
 *
 * Around offset changes it follows Temporal's "compatible" disambiguation: a time that
 * occurs twice (clocks set back, as Almaty did on 1 March 2024) resolves to the earlier
 * instant, and a time that never occurs (clocks set forward) is shifted forward by the
 * gap. Assumes at most one offset change within a day of the given time, true of all
 * real zones.
 */
export function zonedLocalToUtc(local: string, timeZone: string = KZ_TIME_ZONE): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new RangeError(`Expected YYYY-MM-DDTHH:mm[:ss], got "${local}"`);
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (!isValidCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Not a valid local date-time: "${local}"`);
  }

  // Date.UTC maps years 0-99 to 1900s; setUTCFullYear keeps the year literal.
  const wall = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  wall.setUTCFullYear(year);
  const wallMs = wall.getTime();

  const offsetBefore = offsetMs(wallMs - DAY_MS, timeZone);
  const offsetAfter = offsetMs(wallMs + DAY_MS, timeZone);
  const matches = [offsetBefore, offsetAfter]
    .map((offset) => wallMs - offset)
    .filter((candidate) => candidate + offsetMs(candidate, timeZone) === wallMs);

  if (matches.length > 0) return new Date(Math.min(...matches));
  // Gap: reading the wall time with the pre-change offset lands just after the jump.
  return new Date(wallMs - offsetBefore);
}
