import type { ComponentChildren } from 'preact';
import type { CompetitionView } from '../../../modules/competitions/competitions.service';
import { DIRECTION_LABELS, isDirectionCode } from '../../../modules/competitions/domain/directions.constants';
import { DEFAULT_CATEGORY_PRECEDENCE } from '../../../modules/competitions/domain/final-report-rule';
import { REPORTING_STAGES } from '../../../modules/competitions/domain/rulebook.types';
import {
  DEFAULT_OVERSPEND_TOLERANCE_PERCENT,
  DEFAULT_REMINDER_OFFSETS_DAYS,
} from '../../../modules/competitions/domain/templates/reporting-defaults';
import { formatDateTime, formatMoney } from '../../core/format';
import type { PageContext } from '../../core/page-context';
import { percentText, surveyOf } from './rules-outcomes.view';
import { offsetsText, whenText } from './rules-reporting.view';
import type { SectionCode } from './setup-forms';
import { sectionPath, SECTION_ORDER, titleIn } from './setup-parts';

/** Names the summary shows instead of codes. */
export interface SummaryNames {
  territories: Map<string, { kk: string; ru: string }>;
  organization: string | null;
}

type Line = [label: string, value: ComponentChildren];

/**
 * Every section of the rulebook in plain words, each with its "edit" link: what an organizer
 * checks before opening, and what applicants will be held to.
 */
export function RulesSummary({
  ctx,
  competition,
  names,
}: {
  ctx: PageContext;
  competition: CompetitionView;
  names: SummaryNames;
}) {
  const lines = summaryLines(ctx, competition, names);
  return (
    <>
      {SECTION_ORDER.map((section) => {
        const headingId = `summary-${section}`;
        return (
          <section class="card" key={section} aria-labelledby={headingId}>
            <h2 id={headingId}>{ctx.t(`pages.setup.section.${section}`)}</h2>
            <dl class="summary-list">
              {lines[section].map(([label, value], i) => [
                <dt key={`t${i}`}>{label}</dt>,
                <dd key={`d${i}`}>{value}</dd>,
              ])}
            </dl>
            <p>
              <a href={sectionPath(competition.id, section)}>
                {ctx.t(competition.status === 'draft' ? 'pages.setup.edit' : 'pages.setup.view')}
                <span class="visually-hidden">: {ctx.t(`pages.setup.section.${section}`)}</span>
              </a>
            </p>
          </section>
        );
      })}
    </>
  );
}

function summaryLines(ctx: PageContext, c: CompetitionView, names: SummaryNames): Record<SectionCode, Line[]> {
  const t = ctx.t;
  const r = c.rulebook;
  const local = (text: { kk: string; ru: string }) => titleIn(ctx, text);
  const none = t('pages.setup.summary.none');
  const range = (min?: number, max?: number) =>
    min !== undefined && max !== undefined
      ? t('pages.setup.summary.from_to', { min, max })
      : min !== undefined
        ? t('pages.setup.summary.from', { min })
        : max !== undefined
          ? t('pages.setup.summary.to', { max })
          : none;
  const money = (n?: number) => (n === undefined ? none : formatMoney(n));
  const items = (list: string[]): ComponentChildren =>
    list.length === 0 ? (
      none
    ) : list.length === 1 ? (
      list[0]
    ) : (
      <ul class="plain-list">
        {list.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    );
  const limits = [
    r.limits.perHostOrganization !== undefined &&
      t('pages.setup.summary.per_host', { n: r.limits.perHostOrganization }),
    r.limits.onePersonOneApplication && t('pages.setup.label.limits_onePersonOneApplication'),
    r.limits.oneApplicationPerGroup && t('pages.setup.label.limits_oneApplicationPerGroup'),
  ].filter((s): s is string => typeof s === 'string');
  const f = r.funding;
  const rep = r.reporting;
  const survey = surveyOf(r);
  const R = 'pages.rules.reporting.';
  const O = 'pages.rules.outcomes.';
  return {
    basics: [
      [t('pages.setup.label.title_kk'), c.title.kk],
      [t('pages.setup.label.title_ru'), c.title.ru],
      [
        t('pages.setup.label.submissionDeadline'),
        c.submissionDeadline
          ? formatDateTime(c.submissionDeadline, c.timeZone, ctx.locale)
          : t('pages.setup.summary.not_set'),
      ],
      [t('pages.setup.label.languages'), r.languages.map((l) => t(`pages.setup.language.${l}`)).join(', ')],
      [t('pages.setup.label.numberPrefix'), <span class="mono">{`${r.numberPrefix}-2026-0001`}</span>],
      [t('pages.setup.label.organizerOrganizationId'), names.organization ?? t('pages.setup.summary.not_set')],
    ],
    eligibility: [
      [t('pages.setup.label.applicantKinds'), r.applicantKinds.map((k) => t(`pages.setup.kind.${k}`)).join(', ')],
      [
        t('pages.setup.team_legend'),
        r.team
          ? [
              t('pages.setup.summary.team_size', { min: r.team.minSize, max: r.team.maxSize }),
              r.team.minAge !== undefined || r.team.maxAge !== undefined
                ? t('pages.setup.summary.ages', { range: range(r.team.minAge, r.team.maxAge) })
                : null,
            ]
              .filter(Boolean)
              .join(', ')
          : t('pages.setup.team_no'),
      ],
      ...(r.applicantAge && (r.applicantAge.minAge !== undefined || r.applicantAge.maxAge !== undefined)
        ? ([
            [
              t('pages.setup.applicant_age_legend'),
              t('pages.setup.summary.ages', { range: range(r.applicantAge.minAge, r.applicantAge.maxAge) }),
            ],
          ] as Line[])
        : []),
      [t('pages.setup.limits_legend'), items(limits)],
    ],
    money: f
      ? [
          [t('pages.setup.label.funding_amountCap'), money(f.amountCap)],
          [t('pages.setup.label.funding_totalFund'), money(f.totalFund)],
          ...(f.perRegionFund !== undefined
            ? ([[t('pages.setup.label.funding_perRegionFund'), money(f.perRegionFund)]] as Line[])
            : []),
          ...(f.hostOrganizationOverheadPercent !== undefined
            ? ([
                [
                  t('pages.setup.label.funding_hostOrganizationOverheadPercent'),
                  `${f.hostOrganizationOverheadPercent}\u00a0%`,
                ],
              ] as Line[])
            : []),
          ...(f.stipends
            ? ([
                [
                  t('pages.setup.label.funding_stipends_schoolLeaverAndStudents'),
                  money(f.stipends.schoolLeaverAndStudents),
                ],
                [t('pages.setup.label.funding_stipends_graduates'), money(f.stipends.graduates)],
              ] as Line[])
            : []),
          [
            t('pages.setup.label.payments_tranches'),
            r.payments?.tranches.length
              ? items(
                  r.payments.tranches.map((tr, i) =>
                    [
                      t('pages.setup.tranches.row', { index: i + 1 }),
                      tr.percent !== undefined ? `${tr.percent}\u00a0%` : formatMoney(tr.amount ?? 0),
                      t(
                        `pages.setup.tranches.when_${tr.condition === 'on_activation' ? 'on_activation' : `after_reports_${tr.stage ?? 'final'}`}`,
                      ),
                    ].join(' — '),
                  ),
                )
              : t('pages.setup.tranches.none'),
          ],
        ]
      : [[t('pages.setup.label.funding_enabled'), t('pages.setup.funding_no')]],
    territories: [
      [
        t('pages.setup.label.territory_scope'),
        r.territory.scope
          .map((code) => (names.territories.get(code) ? local(names.territories.get(code)!) : code))
          .join(', '),
      ],
      [t('pages.setup.label.territory_level'), t(`pages.setup.level.${r.territory.level}`)],
      [
        t('pages.setup.label.directions'),
        r.directions.length
          ? r.directions.map((d) => (isDirectionCode(d) ? local(DIRECTION_LABELS[d]) : d)).join(', ')
          : t('pages.setup.summary.any_direction'),
      ],
    ],
    questions: [
      [t('pages.setup.summary.questions', { n: r.fields.length }), items(r.fields.map((q) => local(q.label)))],
    ],
    documents: [
      [
        t('pages.setup.summary.documents', {
          n: r.documents.length,
          required: r.documents.filter((d) => d.required).length,
        }),
        items(
          r.documents.map((d) =>
            d.required ? t('pages.setup.summary.required_doc', { name: local(d.label) }) : local(d.label),
          ),
        ),
      ],
    ],
    criteria: [
      [
        t('pages.setup.summary.criteria', { n: r.criteria.length }),
        items(
          r.criteria.map((k) =>
            t('pages.setup.summary.criterion', { name: local(k.label), weight: k.weight, max: k.maxPoints }),
          ),
        ),
      ],
      [
        t('pages.setup.summary.winners'),
        r.selection.oneWinnerPer
          ? t(`pages.setup.summary.one_winner_per.${r.selection.oneWinnerPer}`, { n: r.selection.winners ?? 0 })
          : r.selection.winners !== undefined
            ? String(r.selection.winners)
            : none,
      ],
      [t('pages.setup.summary.quorum'), r.selection.quorum !== undefined ? String(r.selection.quorum) : none],
      [t('pages.setup.summary.nominations'), items(r.nominations.map((n) => local(n.label)))],
      [
        t('pages.setup.summary.draw'),
        r.draw ? t('pages.setup.summary.draw_yes', { n: r.draw.arms.length }) : t('pages.setup.summary.draw_no'),
      ],
    ],
    reporting: rep
      ? [
          ...REPORTING_STAGES.map((stage): Line => [t(`${R}stage_${stage}`), whenText(ctx, rep, stage)]),
          [t(`${R}reminders`), offsetsText(rep.reminderOffsetsDays ?? DEFAULT_REMINDER_OFFSETS_DAYS)],
          [t(`${R}tolerance`), `${rep.overspendTolerancePercent ?? DEFAULT_OVERSPEND_TOLERANCE_PERCENT}\u00a0%`],
          [t(`${R}indicators_heading`), items((rep.indicators ?? []).map((i) => local(i.label)))],
        ]
      : [[t(`${R}stages_heading`), t(`${R}none`)]],
    outcomes: [
      [
        t(`${O}survey_heading`),
        survey
          ? t(`${O}survey_summary`, {
              n: survey.questions.length,
              from: survey.satisfiedFrom,
              target: percentText(survey.target),
            })
          : t(`${O}survey_none`),
      ],
      [
        t(`${O}precedence`),
        (r.finalReport?.categoryPrecedence ?? DEFAULT_CATEGORY_PRECEDENCE)
          .map((c) => t(`pages.reports.category.${c}`))
          .join(' → '),
      ],
      [
        t(`${O}targets`),
        r.finalReport?.targets?.length
          ? r.finalReport.targets
              .map((x) => `${t(`${O}target_${x.code}`)} — ${percentText(x.target)}\u00a0%`)
              .join('; ')
          : t(`${O}no_targets`),
      ],
    ],
  };
}
