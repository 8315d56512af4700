import type { ParticipantRow } from '../../modules/final-report/domain/participants';
import type { ReportContent } from '../../modules/reports/domain/report-content';
import { REPORT_SECTIONS } from '../../modules/reports/domain/report-status';
import { indexedRows } from '../applicant/application-shell';
import { field, FormBody } from '../core/web-request';
import { GENERAL, type ReportPageModel } from './report-model';

/**
 * The grantee's report form as typed: every value a string, as the browser sent it, so a
 * refused save shows exactly what was typed. `toInput` turns it into the body the reports
 * service's DTO checks (the API's), and `fieldNames` maps the API's field paths back onto the
 * form's inputs. No rule of the reports lives here: amounts are passed on as typed when they
 * are not whole numbers, for the DTO to refuse by name.
 */
export interface ActivityForm {
  title: string;
  planned: string;
  outcome: string;
  heldOn: string;
  place: string;
  participants: string;
  result: string;
}
export interface IndicatorForm {
  code: string;
  plan: string;
  fact: string;
  comment: string;
}
export interface PersonForm {
  iin: string;
  fullName: string;
  gender: string;
}
export interface CountForm {
  count: string;
  gender: string;
  ageBand: string;
  category: string;
}
export interface LineForm {
  spent: string;
  justification: string;
}

export interface ReportForm {
  summary: string;
  deviations: string;
  activities: ActivityForm[];
  indicators: IndicatorForm[];
  direct: string;
  indirect: string;
  people: PersonForm[];
  counts: CountForm[];
  lines: LineForm[];
  answers: Record<string, string>;
}

export const MAX_ROWS = 500;

export const blankActivity = (): ActivityForm => ({
  title: '',
  planned: 'on',
  outcome: 'done',
  heldOn: '',
  place: '',
  participants: '',
  result: '',
});
export const blankPerson = (): PersonForm => ({ iin: '', fullName: '', gender: '' });
export const blankCount = (): CountForm => ({ count: '', gender: '', ageBand: '', category: '' });

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The form as the report is saved now. */
export function formOf(report: ReportPageModel): ReportForm {
  const c = report.content;
  const people: PersonForm[] = [];
  const counts: CountForm[] = [];
  for (const row of report.participants as ParticipantRow[]) {
    if (row.kind === 'person') people.push({ iin: str(row.iin), fullName: str(row.fullName), gender: str(row.gender) });
    else counts.push({ count: str(row.count), gender: row.gender, ageBand: row.ageBand, category: row.category });
  }
  const activities = (c.activities ?? []).map((a) => ({
    title: a.title,
    planned: a.planned ? 'on' : '',
    outcome: a.outcome,
    heldOn: str(a.heldOn),
    place: str(a.place),
    participants: str(a.participants),
    result: str(a.result),
  }));
  const spent = new Map((c.lines ?? []).map((l) => [l.line, l]));
  return {
    summary: str(c.summary),
    deviations: str(c.deviations),
    activities: activities.length ? activities : [blankActivity()],
    indicators: report.indicators.map((ind) => {
      const v = (c.indicators ?? []).find((x) => x.code === ind.code);
      return { code: ind.code, plan: str(v?.plan), fact: str(v?.fact), comment: str(v?.comment) };
    }),
    direct: str(report.beneficiaries?.direct),
    indirect: str(report.beneficiaries?.indirect),
    people: people.length ? people : [blankPerson()],
    counts: counts.length ? counts : [blankCount()],
    lines: (report.financial?.rows ?? []).map((r) => {
      const l = spent.get(r.line);
      return { spent: l ? str(l.spent) : '', justification: str(l?.justification) };
    }),
    answers: Object.fromEntries((c.answers ?? []).map((a) => [a.section, a.answer])),
  };
}

function rowsOf<K extends string>(body: FormBody, prefix: string, keys: readonly K[]): Record<K, string>[] {
  return indexedRows(body, prefix)
    .slice(0, MAX_ROWS)
    .map(({ values }) => Object.fromEntries(keys.map((k) => [k, values[k] ?? ''])) as Record<K, string>);
}

/** The form as posted. Fixed rows (indicators, budget lines) keep the report's order and count. */
export function formFrom(body: FormBody, report: ReportPageModel): ReportForm {
  const indicatorRows = new Map(indexedRows(body, 'indicators').map((r) => [r.index, r.values]));
  const lineRows = new Map(indexedRows(body, 'lines').map((r) => [r.index, r.values]));
  const answers: Record<string, string> = {};
  for (const section of [...REPORT_SECTIONS[report.kind], GENERAL]) {
    const value = field(body, `answers.${section}`);
    if (value) answers[section] = value;
  }
  return {
    summary: field(body, 'summary'),
    deviations: field(body, 'deviations'),
    activities: rowsOf(body, 'activities', [
      'title',
      'planned',
      'outcome',
      'heldOn',
      'place',
      'participants',
      'result',
    ] as const),
    indicators: report.indicators.map((ind, i) => ({
      code: ind.code,
      plan: indicatorRows.get(i)?.plan ?? '',
      fact: indicatorRows.get(i)?.fact ?? '',
      comment: indicatorRows.get(i)?.comment ?? '',
    })),
    direct: field(body, 'beneficiaries.direct'),
    indirect: field(body, 'beneficiaries.indirect'),
    people: rowsOf(body, 'people', ['iin', 'fullName', 'gender'] as const),
    counts: rowsOf(body, 'counts', ['count', 'gender', 'ageBand', 'category'] as const),
    lines: (report.financial?.rows ?? []).map((_r, i) => ({
      spent: lineRows.get(i)?.spent ?? '',
      justification: lineRows.get(i)?.justification ?? '',
    })),
    answers,
  };
}

const isBlank = (row: Record<string, string>, keys: string[]) => keys.every((k) => !(row[k] ?? '').trim());

/** A whole number as typed ("150 000", "150000 ₸", "-5"); anything else as typed, for the DTO to name. */
export function number(raw: string): number | string {
  const compact = raw.replace(/[\s\u00a0₸]/g, '');
  return /^-?\d{1,12}$/.test(compact) ? Number(compact) : raw;
}

/** A figure as typed ("12", "12,5"); anything else as typed. */
function decimal(raw: string): number | string {
  const compact = raw.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^-?\d{1,12}(\.\d{1,4})?$/.test(compact) ? Number(compact) : raw;
}

const optional = (raw: string) => (raw.trim() ? raw : null);
const optionalNumber = (raw: string) => (raw.trim() ? number(raw) : null);

export interface ReportInput {
  body: Record<string, unknown>;
  /** API field path → the form's input name (null: a problem of the whole form). */
  fieldNames: (apiField: string) => string | null;
}

/** The body the service's update DTO takes, and the way back from its field paths to the form's inputs. */
export function toInput(form: ReportForm, report: ReportPageModel): ReportInput {
  const sections = [...REPORT_SECTIONS[report.kind], GENERAL];
  const answerSections = sections.filter((s) => form.answers[s]?.trim());
  const answers = answerSections.map((s) => ({ section: s, answer: form.answers[s] }));
  if (report.kind === 'financial') {
    const body = {
      version: report.version,
      lines: form.lines.map((l, i) => ({
        line: report.financial?.rows[i]?.line ?? i,
        spent: l.spent.trim() ? number(l.spent) : 0,
        justification: optional(l.justification),
      })),
      answers,
    };
    return {
      body,
      fieldNames: (f) => {
        const line = /^lines\[(\d+)\]\.(spent|justification|line)$/.exec(f);
        if (line) return `lines[${line[1]}].${line[2] === 'line' ? 'spent' : line[2]}`;
        const answer = /^answers\[(\d+)\]/.exec(f);
        if (answer) return answerSections[Number(answer[1])] ? `answers.${answerSections[Number(answer[1])]}` : null;
        return null;
      },
    };
  }
  const activityKeys = ['title', 'heldOn', 'place', 'participants', 'result'];
  const activityRows = form.activities.map((a, i) => (isBlank({ ...a }, activityKeys) ? -1 : i)).filter((i) => i >= 0);
  const indicatorRows = form.indicators
    .map((v, i) => (isBlank({ ...v }, ['plan', 'fact', 'comment']) ? -1 : i))
    .filter((i) => i >= 0);
  const peopleRows = form.people.map((p, i) => (isBlank({ ...p }, ['iin', 'fullName']) ? -1 : i)).filter((i) => i >= 0);
  const countRows = form.counts.map((c, i) => (isBlank({ ...c }, ['count']) ? -1 : i)).filter((i) => i >= 0);
  const participants = [
    ...peopleRows.map((i) => {
      const p = form.people[i];
      return {
        kind: 'person',
        iin: optional(p.iin.replace(/\s/g, '')),
        fullName: optional(p.fullName),
        gender: optional(p.gender),
      };
    }),
    ...countRows.map((i) => {
      const c = form.counts[i];
      return { kind: 'count', count: number(c.count), gender: c.gender, ageBand: c.ageBand, category: c.category };
    }),
  ];
  const body = {
    version: report.version,
    summary: optional(form.summary),
    deviations: optional(form.deviations),
    activities: activityRows.map((i) => {
      const a = form.activities[i];
      return {
        title: a.title,
        planned: a.planned === 'on',
        outcome: a.outcome,
        heldOn: optional(a.heldOn),
        place: optional(a.place),
        participants: optionalNumber(a.participants),
        result: optional(a.result),
      };
    }),
    indicators: indicatorRows.map((i) => {
      const v = form.indicators[i];
      return { code: v.code, plan: decimal(v.plan), fact: decimal(v.fact), comment: optional(v.comment) };
    }),
    beneficiaries:
      form.direct.trim() || form.indirect.trim()
        ? { direct: number(form.direct || '0'), indirect: number(form.indirect || '0') }
        : null,
    participants,
    answers,
  };
  return {
    body,
    fieldNames: (f) => {
      if (f === 'summary' || f === 'deviations') return f;
      if (f === 'beneficiaries.direct' || f === 'beneficiaries') return 'beneficiaries.direct';
      if (f === 'beneficiaries.indirect') return f;
      const row = /^(activities|indicators|participants|answers)\[(\d+)\](?:\.(\w+))?$/.exec(f);
      if (!row) return null;
      const k = Number(row[2]);
      const key = row[3];
      if (row[1] === 'activities') {
        const i = activityRows[k];
        return i === undefined ? null : `activities[${i}].${key && key in form.activities[i] ? key : 'title'}`;
      }
      if (row[1] === 'indicators') {
        const i = indicatorRows[k];
        return i === undefined ? null : `indicators[${i}].${key === 'fact' || key === 'comment' ? key : 'plan'}`;
      }
      if (row[1] === 'answers') return answerSections[k] ? `answers.${answerSections[k]}` : null;
      if (k < peopleRows.length) {
        const i = peopleRows[k];
        return `people[${i}].${key === 'fullName' || key === 'gender' ? key : 'iin'}`;
      }
      const i = countRows[k - peopleRows.length];
      if (i === undefined) return null;
      return `counts[${i}].${key === 'gender' || key === 'ageBand' || key === 'category' ? key : 'count'}`;
    },
  };
}

/** What the typed form says, as report content: for the "saved meanwhile" panel beside what is saved. */
export function contentOf(form: ReportForm, report: ReportPageModel): ReportContent {
  return toInput(form, report).body as ReportContent;
}
