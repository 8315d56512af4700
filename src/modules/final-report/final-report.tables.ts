import { REPORT_CATEGORIES } from '../competitions/domain/final-report-rule';
import type { Locale } from '../../common/i18n/i18n';
import { formatLongDate, formatPlain } from '../documents/protocol-format.util';
import { AGE_BANDS } from './domain/participants';
import { FINAL_REPORT_TEXTS, gapText, percent } from './final-report.texts';
import type { FinalReport } from './final-report.service';

/** One table of the report as every output shows it: a heading, a header row, body rows, and notes under it. */
export interface ReportTable {
  key: 'grants' | 'gender' | 'categories' | 'ages' | 'beneficiaries' | 'targets';
  heading: string;
  headers: string[];
  rows: (string | number)[][];
  /** Columns holding numbers (right-aligned; numbers in the XLSX). */
  numeric: number[];
  notes: string[];
}

/** Numbers stay numbers here (the XLSX keeps them so); the DOCX and the page write them with cellText. */
const num = (n: number, _locale: Locale): number => n;

export function cellText(value: string | number, locale: Locale): string {
  // 1 076 and 300 000, as the form writes them (a no-break space between thousands).
  return typeof value === 'number'
    ? Number.isInteger(value)
      ? value.toLocaleString('ru-RU')
      : formatPlain(value, locale)
    : value;
}

/**
 * The 004 form's tables from the computed report, in the document's language. The three
 * participant tables are laid out as the form: the total first, then one column per value
 * (gender, category, band), so each row reads "total = the sum of the rest".
 */
export function reportTables(report: FinalReport, locale: Locale): ReportTable[] {
  const t = FINAL_REPORT_TEXTS[locale];
  const p = report.participants;
  const tables: ReportTable[] = [];
  const g = report.grants;
  const optional = (n: number | null) => (n === null ? t.grants.notRecorded : num(n, locale));
  tables.push({
    key: 'grants',
    heading: t.grants.heading,
    headers: t.grants.headers,
    rows: [
      ...g.map((x, i) => [
        i + 1,
        x.number,
        x.territory ? x.territory[locale] : (x.territoryCode ?? '—'),
        x.grantee ?? '—',
        num(x.amountPlanned, locale),
        optional(x.amountPaid),
        optional(x.participantsPlanned),
        num(x.participantsActual, locale),
      ]),
      ...(g.length
        ? [
            [
              '',
              t.grants.total,
              '',
              '',
              num(
                g.reduce((s, x) => s + x.amountPlanned, 0),
                locale,
              ),
              g.some((x) => x.amountPaid !== null)
                ? num(
                    g.reduce((s, x) => s + (x.amountPaid ?? 0), 0),
                    locale,
                  )
                : '—',
              g.some((x) => x.participantsPlanned !== null)
                ? num(
                    g.reduce((s, x) => s + (x.participantsPlanned ?? 0), 0),
                    locale,
                  )
                : '—',
              num(p.total, locale),
            ],
          ]
        : []),
    ],
    numeric: [4, 5, 6, 7],
    notes: g.length ? [] : [t.grants.none],
  });
  tables.push({
    key: 'gender',
    heading: t.gender.heading,
    headers: [t.gender.total, t.gender.male, t.gender.female, t.gender.unknown],
    rows: [[p.total, p.byGender.male, p.byGender.female, p.byGender.unknown]],
    numeric: [0, 1, 2, 3],
    notes: [],
  });
  tables.push({
    key: 'categories',
    heading: t.categories.heading,
    headers: [t.gender.total, ...REPORT_CATEGORIES.map((c) => t.categories.names[c])],
    rows: [[p.total, ...REPORT_CATEGORIES.map((c) => p.byCategory[c])]],
    numeric: REPORT_CATEGORIES.map((_, i) => i).concat(REPORT_CATEGORIES.length),
    notes: [t.rules.precedence(report.categoryPrecedence.map((c) => `«${t.categories.names[c]}»`).join(', '))],
  });
  tables.push({
    key: 'ages',
    heading: t.ages.heading,
    headers: [t.gender.total, ...AGE_BANDS.map((b) => t.ages.names[b])],
    rows: [[p.total, ...AGE_BANDS.map((b) => p.byAgeBand[b])]],
    numeric: AGE_BANDS.map((_, i) => i).concat(AGE_BANDS.length),
    notes: [t.rules.ages(formatLongDate(report.referenceDate, locale)), t.rules.people, t.rules.sources],
  });
  const s = report.satisfaction;
  tables.push({
    key: 'beneficiaries',
    heading: t.beneficiaries.heading,
    headers: t.beneficiaries.headers,
    rows: [
      [t.beneficiaries.direct, t.beneficiaries.unit, num(report.beneficiaries.direct, locale)],
      [t.beneficiaries.indirect, t.beneficiaries.unit, num(report.beneficiaries.indirect, locale)],
    ],
    numeric: [2],
    notes: [
      s && s.answers > 0
        ? t.satisfaction.share(percent(s.satisfiedShare), s.satisfied, s.answers)
        : t.satisfaction.none,
    ],
  });
  if (report.targets.length)
    tables.push({
      key: 'targets',
      heading: t.targets.heading,
      headers: t.targets.headers,
      rows: report.targets.flatMap((x) => [
        [
          t.targets.names[x.code],
          t.targets.all,
          percent(x.target),
          percent(x.actual),
          gapText(x.gap, locale),
          num(x.people, locale),
        ],
        ...x.cohorts.map((c) => [
          t.targets.names[x.code],
          c.arm ? t.targets.arm(c.arm) : t.targets.all,
          percent(x.target),
          percent(c.actual),
          gapText(c.gap, locale),
          num(c.people, locale),
        ]),
      ]),
      numeric: [2, 3, 4, 5],
      notes: [t.targets.vulnerableMeans],
    });
  return tables;
}
