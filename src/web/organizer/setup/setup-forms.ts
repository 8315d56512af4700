import { toZonedIso, zonedLocalToUtc } from '../../../../libs/kz';
import type { CompetitionView } from '../../../modules/competitions/competitions.service';
import type { FormBody } from '../../core/web-request';
import { paymentsUpdate, trancheInputFor, trancheValues, TRANCHES } from './money-tranches';

/**
 * The rules form's sections: which top-level keys of the rulebook each one edits (the
 * service validates the whole rulebook; a section sends only its own keys), and where a
 * problem the service reports on a rulebook path belongs.
 */
export const SECTIONS = {
  basics: ['deadlines', 'languages', 'numberPrefix'],
  eligibility: ['applicantKinds', 'team', 'applicantAge', 'limits'],
  money: ['funding', 'payments'],
  territories: ['territory', 'directions'],
  // Built on their own pages (rules-sections.controller.tsx); linked from the overview.
  questions: ['fields'],
  documents: ['documents'],
  criteria: ['criteria', 'selection', 'nominations', 'draw'],
  reporting: ['reporting'],
  outcomes: ['survey', 'finalReport'],
} as const;
export type SectionCode = keyof typeof SECTIONS;
/** The sections this file's pages edit. */
export const OWN_SECTIONS = ['basics', 'eligibility', 'money', 'territories'] as const;
export type OwnSection = (typeof OWN_SECTIONS)[number];

/** The section a service field path (`rulebook.team.maxSize`, `title.kk`, `submissionDeadline`) belongs to. */
export function sectionOf(apiField: string): SectionCode | null {
  if (/^(title|description|submissionDeadline|organizerOrganizationId)\b/.test(apiField)) return 'basics';
  const top = /^rulebook\.(\w+)/.exec(apiField)?.[1];
  if (!top) return null;
  for (const [code, keys] of Object.entries(SECTIONS))
    if ((keys as readonly string[]).includes(top)) return code as SectionCode;
  return null;
}

/** A form as typed: each input's name to its value (repeated inputs — checkboxes — to a list). */
export type FormValues = Record<string, string | string[]>;

export function valueOf(values: FormValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export function valuesOf(values: FormValues, name: string): string[] {
  const v = values[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The posted form without its CSRF token. */
export function formValues(body: FormBody | undefined): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body ?? {})) {
    if (key === '_csrf' || value === undefined) continue;
    values[key] = value;
  }
  return values;
}

/**
 * A number as a person types it (`300 000`, `300000 ₸`, `12,5`) for the service to check;
 * empty is "not set". Anything else goes as typed, so the service's own refusal
 * ("must be a number") is what the person reads beside the field.
 */
export function numberFrom(raw: string): number | string | undefined {
  const cleaned = raw.replace(/[\s\u00a0\u202f₸%]/g, '').replace(',', '.');
  if (cleaned === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : raw.trim();
}

function text(n: number | undefined | null): string {
  return n === undefined || n === null ? '' : String(n);
}

const checked = (on: boolean | undefined) => (on ? 'on' : '');

/** A field the form leaves empty is left out of the rulebook (an optional setting not set). */
function withoutEmpty<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---- the submission deadline: a local date and time in the competition's zone ----

export function localParts(instant: string | null, timeZone: string): { date: string; time: string } {
  if (!instant) return { date: '', time: '' };
  const iso = toZonedIso(new Date(instant), timeZone);
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * The instant a person means by a date and a time on the competition's clock, with the
 * zone's offset (`2026-12-20T18:00:00+05:00`); 'missing' when both are empty, 'invalid'
 * when either is missing or not a real date or time.
 */
export function instantFrom(date: string, time: string, timeZone: string): string | 'missing' | 'invalid' {
  const d = date.trim();
  const t = time.trim();
  if (d === '' && t === '') return 'missing';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || !/^\d{1,2}:\d{2}$/.test(t)) return 'invalid';
  try {
    return toZonedIso(zonedLocalToUtc(`${d}T${t.padStart(5, '0')}`, timeZone), timeZone);
  } catch {
    return 'invalid';
  }
}

// ---- each section: the current values as a form, and a form as the service's update ----

export function basicsValues(c: CompetitionView): FormValues {
  const deadline = localParts(c.submissionDeadline, c.timeZone);
  return {
    version: String(c.version),
    'title.kk': c.title.kk,
    'title.ru': c.title.ru,
    'description.kk': c.description?.kk ?? '',
    'description.ru': c.description?.ru ?? '',
    'submissionDeadline.date': deadline.date,
    'submissionDeadline.time': deadline.time,
    languages: [...c.rulebook.languages],
    numberPrefix: c.rulebook.numberPrefix,
    organizerOrganizationId: c.organizerOrganizationId ?? '',
  };
}

export function eligibilityValues(c: CompetitionView): FormValues {
  const r = c.rulebook;
  return {
    version: String(c.version),
    applicantKinds: [...r.applicantKinds],
    'team.enabled': r.team ? 'yes' : 'no',
    'team.minSize': text(r.team?.minSize),
    'team.maxSize': text(r.team?.maxSize),
    'team.minAge': text(r.team?.minAge),
    'team.maxAge': text(r.team?.maxAge),
    'applicantAge.minAge': text(r.applicantAge?.minAge),
    'applicantAge.maxAge': text(r.applicantAge?.maxAge),
    'limits.perHostOrganization': text(r.limits.perHostOrganization),
    'limits.onePersonOneApplication': checked(r.limits.onePersonOneApplication),
    'limits.oneApplicationPerGroup': checked(r.limits.oneApplicationPerGroup),
  };
}

export function moneyValues(c: CompetitionView): FormValues {
  const f = c.rulebook.funding;
  return {
    version: String(c.version),
    'funding.enabled': f ? 'yes' : 'no',
    'funding.amountCap': text(f?.amountCap),
    'funding.totalFund': text(f?.totalFund),
    'funding.perRegionFund': text(f?.perRegionFund),
    'funding.hostOrganizationOverheadPercent': text(f?.hostOrganizationOverheadPercent),
    'funding.hostOrganizationOverheadMode': f?.hostOrganizationOverheadMode ?? 'on_top',
    'funding.stipends.schoolLeaverAndStudents': text(f?.stipends?.schoolLeaverAndStudents),
    'funding.stipends.graduates': text(f?.stipends?.graduates),
    ...trancheValues(c.rulebook.payments),
  };
}

export function territoriesValues(c: CompetitionView): FormValues {
  return {
    version: String(c.version),
    'territory.scope': [...c.rulebook.territory.scope],
    'territory.level': c.rulebook.territory.level,
    directions: [...c.rulebook.directions],
  };
}

export const SECTION_VALUES: Record<OwnSection, (c: CompetitionView) => FormValues> = {
  basics: basicsValues,
  eligibility: eligibilityValues,
  money: moneyValues,
  territories: territoriesValues,
};

/** The update a section's form asks for (before the DTO's checks), or a problem found before asking. */
export interface SectionUpdate {
  plain: Record<string, unknown>;
  /** Problems the form finds itself (a date that is not a date), by input name: no request is made. */
  ownProblems: { field: string; key: string }[];
}

function version(values: FormValues): number | string {
  return numberFrom(valueOf(values, 'version')) ?? '';
}

export function basicsUpdate(values: FormValues, timeZone: string): SectionUpdate {
  const ownProblems: SectionUpdate['ownProblems'] = [];
  const deadline = instantFrom(
    valueOf(values, 'submissionDeadline.date'),
    valueOf(values, 'submissionDeadline.time'),
    timeZone,
  );
  if (deadline === 'invalid') ownProblems.push({ field: 'submissionDeadline', key: 'pages.setup.deadline_invalid' });
  const organization = valueOf(values, 'organizerOrganizationId');
  return {
    plain: withoutEmpty({
      version: version(values),
      title: { kk: valueOf(values, 'title.kk'), ru: valueOf(values, 'title.ru') },
      description: { kk: valueOf(values, 'description.kk'), ru: valueOf(values, 'description.ru') },
      submissionDeadline: deadline === 'missing' || deadline === 'invalid' ? undefined : deadline,
      organizerOrganizationId: organization || undefined,
      rulebook: {
        languages: valuesOf(values, 'languages'),
        numberPrefix: valueOf(values, 'numberPrefix').trim().toUpperCase(),
      },
    }),
    ownProblems,
  };
}

export function eligibilityUpdate(values: FormValues): SectionUpdate {
  const n = (name: string) => numberFrom(valueOf(values, name));
  const applicantAge = withoutEmpty({ minAge: n('applicantAge.minAge'), maxAge: n('applicantAge.maxAge') });
  const rulebook: Record<string, unknown> = {
    applicantKinds: valuesOf(values, 'applicantKinds'),
    team:
      valueOf(values, 'team.enabled') === 'no'
        ? null
        : withoutEmpty({
            minSize: n('team.minSize'),
            maxSize: n('team.maxSize'),
            minAge: n('team.minAge'),
            maxAge: n('team.maxAge'),
          }),
    applicantAge: Object.keys(applicantAge).length ? applicantAge : null,
    limits: withoutEmpty({
      perHostOrganization: n('limits.perHostOrganization'),
      onePersonOneApplication: valueOf(values, 'limits.onePersonOneApplication') === 'on',
      oneApplicationPerGroup: valueOf(values, 'limits.oneApplicationPerGroup') === 'on',
    }),
  };
  return { plain: { version: version(values), rulebook }, ownProblems: [] };
}

export function moneyUpdate(values: FormValues): SectionUpdate {
  const n = (name: string) => numberFrom(valueOf(values, name));
  const stipends = withoutEmpty({
    schoolLeaverAndStudents: n('funding.stipends.schoolLeaverAndStudents'),
    graduates: n('funding.stipends.graduates'),
  });
  const funding =
    valueOf(values, 'funding.enabled') === 'no'
      ? null
      : withoutEmpty({
          amountCap: n('funding.amountCap'),
          totalFund: n('funding.totalFund'),
          perRegionFund: n('funding.perRegionFund'),
          hostOrganizationOverheadPercent: n('funding.hostOrganizationOverheadPercent'),
          // Kept as the form says, so saving the money section never drops how the overhead is counted
          // (the rule only means something beside a percentage).
          hostOrganizationOverheadMode:
            n('funding.hostOrganizationOverheadPercent') === undefined
              ? undefined
              : valueOf(values, 'funding.hostOrganizationOverheadMode') === 'inside'
                ? 'inside'
                : 'on_top',
          stipends: Object.keys(stipends).length ? stipends : undefined,
        });
  return {
    plain: { version: version(values), rulebook: { funding, payments: paymentsUpdate(values) } },
    ownProblems: [],
  };
}

export function territoriesUpdate(values: FormValues): SectionUpdate {
  return {
    plain: {
      version: version(values),
      rulebook: {
        territory: { scope: valuesOf(values, 'territory.scope'), level: valueOf(values, 'territory.level') },
        directions: valuesOf(values, 'directions'),
      },
    },
    ownProblems: [],
  };
}

/**
 * The input a service field path is shown at, on a section's form: `rulebook.team.maxSize` →
 * `team.maxSize`, `rulebook.applicantKinds[1]` → `applicantKinds`; a whole part refused
 * (`rulebook.team` required) at its yes/no choice. Null when the form has no such input.
 */
export function inputFor(apiField: string, inputs: readonly string[]): string | null {
  const tranche = trancheInputFor(apiField);
  if (tranche && inputs.includes(TRANCHES)) return tranche;
  let name = apiField.replace(/^rulebook\./, '').replace(/\[\d+\].*$/, '');
  if (name === 'deadlines.submissionDeadline') name = 'submissionDeadline';
  if (name === 'title' || name === 'description') name = `${name}.kk`;
  const candidates = [name, `${name}.enabled`, `${name}.schoolLeaverAndStudents`];
  return candidates.find((c) => inputs.includes(c)) ?? null;
}

export const SECTION_INPUTS: Record<OwnSection, readonly string[]> = {
  basics: [
    'title.kk',
    'title.ru',
    'description.kk',
    'description.ru',
    'submissionDeadline',
    'languages',
    'numberPrefix',
    'organizerOrganizationId',
  ],
  eligibility: [
    'applicantKinds',
    'team.enabled',
    'team.minSize',
    'team.maxSize',
    'team.minAge',
    'team.maxAge',
    'applicantAge.minAge',
    'applicantAge.maxAge',
    'limits.perHostOrganization',
    'limits.onePersonOneApplication',
    'limits.oneApplicationPerGroup',
  ],
  money: [
    'funding.enabled',
    'funding.amountCap',
    'funding.totalFund',
    'funding.perRegionFund',
    'funding.hostOrganizationOverheadPercent',
    'funding.hostOrganizationOverheadMode',
    'funding.stipends.schoolLeaverAndStudents',
    'funding.stipends.graduates',
    'payments.tranches',
  ],
  territories: ['territory.scope', 'territory.level', 'directions'],
};

/** JSON with sorted keys and no undefined: two rulebook parts compare equal when they say the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * True when the competition already says what this update asks: a double-clicked save whose
 * second request arrives with the version the first one used is not "someone else's change".
 */
export function alreadySaved(c: CompetitionView, plain: Record<string, unknown>): boolean {
  const rulebook = (plain.rulebook ?? {}) as Record<string, unknown>;
  const book = c.rulebook as unknown as Record<string, unknown>;
  for (const key of Object.keys(rulebook)) {
    const current = key === 'applicantAge' ? (book[key] ?? null) : book[key];
    if (canonical(current) !== canonical(rulebook[key])) return false;
  }
  if (plain.title && canonical(plain.title) !== canonical(c.title)) return false;
  if (plain.description && canonical(plain.description) !== canonical(c.description)) return false;
  if (
    plain.submissionDeadline &&
    new Date(plain.submissionDeadline as string).getTime() !== new Date(c.submissionDeadline ?? 0).getTime()
  )
    return false;
  if (plain.organizerOrganizationId && plain.organizerOrganizationId !== c.organizerOrganizationId) return false;
  return true;
}
