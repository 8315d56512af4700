import type { ReportDueRule, ReportIndicator, ReportingRule } from '../rulebook.types';

/** Reminders a week and a day before a report's due date, and a day and a week after it. */
export const DEFAULT_REMINDER_OFFSETS_DAYS: readonly number[] = [-7, -1, 1, 7];
/** A budget line may be overspent by this share of it without a written justification. */
export const DEFAULT_OVERSPEND_TOLERANCE_PERCENT = 10;

/** What every grant project reports plan and fact for (the «Индикаторлар» table of the final report form, seed 004). */
export const GRANT_INDICATORS: readonly ReportIndicator[] = [
  {
    code: 'events',
    label: { kk: 'Өткізілген іс-шаралар саны', ru: 'Количество проведённых мероприятий' },
    unit: { kk: 'іс-шара', ru: 'мероприятие' },
  },
  {
    code: 'participants',
    label: { kk: 'Іс-шараларға қатысушылар саны', ru: 'Количество участников мероприятий' },
    unit: { kk: 'адам', ru: 'человек' },
  },
  {
    code: 'publications',
    label: {
      kk: 'БАҚ пен әлеуметтік желілердегі жарияланымдар саны',
      ru: 'Количество публикаций в СМИ и социальных сетях',
    },
    unit: { kk: 'жарияланым', ru: 'публикация' },
  },
  {
    code: 'partners',
    label: { kk: 'Жоба серіктестерінің саны', ru: 'Количество партнёров проекта' },
    unit: { kk: 'ұйым/адам', ru: 'организация/человек' },
  },
];

/** The reporting rule of a grant competition's template: its stages, the default reminders, tolerance and indicators. */
export function grantReporting(stages: ReportDueRule[]): ReportingRule {
  return {
    stages,
    reminderOffsetsDays: [...DEFAULT_REMINDER_OFFSETS_DAYS],
    overspendTolerancePercent: DEFAULT_OVERSPEND_TOLERANCE_PERCENT,
    indicators: GRANT_INDICATORS.map((i) => ({ ...i })),
  };
}
