import { hasMessage, translate } from '../../../common/i18n/i18n';
import { rulebookFromTemplate } from './competition-templates';
import { validateRulebook } from './rulebook.validation';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests break rulebooks on purpose */
function mini(mutate: (r: any) => void) {
  const rulebook: any = rulebookFromTemplate('mini-grants-district');
  mutate(rulebook);
  return validateRulebook(rulebook);
}

describe('rulebook: reporting', () => {
  it('ships defaults in the templates that sign contracts, and they validate', () => {
    for (const code of [
      'mini-grants-district',
      'mini-grants-regional',
      'short-term-projects',
      'youth-micro-projects',
    ]) {
      const rulebook = rulebookFromTemplate(code)!;
      expect([code, validateRulebook(rulebook)]).toEqual([code, []]);
      expect(rulebook.reporting).toMatchObject({ reminderOffsetsDays: [-7, -1, 1, 7], overspendTolerancePercent: 10 });
      expect(rulebook.reporting!.stages.at(-1)).toEqual({ stage: 'final', daysAfterEnd: 10 });
      expect(rulebook.reporting!.indicators!.length).toBeGreaterThan(0);
    }
    expect(rulebookFromTemplate('volunteer-awards')!.reporting).toBeUndefined();
    expect(mini((r) => (r.reporting = null))).toEqual([]);
  });

  it('takes one due-date rule per stage, each stage once, interim before final', () => {
    expect(
      mini((r) => {
        r.reporting.stages = [{ stage: 'final', daysAfterEnd: 10, dueOn: '2026-05-01' }, { stage: 'interim' }];
      }),
    ).toEqual([
      { field: 'reporting.stages[0]', code: 'REPORT_DUE_RULE_ONE' },
      { field: 'reporting.stages[1]', code: 'REPORT_DUE_RULE_ONE' },
      { field: 'reporting.stages[1].stage', code: 'REPORT_STAGE_ORDER' },
    ]);
    expect(
      mini((r) => {
        r.reporting.stages = [
          { stage: 'final', dueOn: '2026-13-01' },
          { stage: 'final', daysAfterStart: -1 },
        ];
      }),
    ).toEqual([
      { field: 'reporting.stages[0].dueOn', code: 'INVALID_FORMAT' },
      { field: 'reporting.stages[1].daysAfterStart', code: 'TOO_SMALL', params: { limit: 0 } },
      { field: 'reporting.stages[1].stage', code: 'DUPLICATE_ITEMS', params: { value: 'final' } },
    ]);
    expect(mini((r) => (r.reporting.stages = []))).toEqual([
      { field: 'reporting.stages', code: 'TOO_FEW_ITEMS', params: { limit: 1 } },
    ]);
  });

  it('checks reminder offsets, the tolerance and the indicators', () => {
    expect(
      mini((r) => {
        r.reporting.reminderOffsetsDays = [-7, 1.5, -7, 90];
        r.reporting.overspendTolerancePercent = 120;
        r.reporting.indicators = [
          { code: 'events', label: { kk: 'Іс-шаралар', ru: '' } },
          { code: 'events', label: { kk: 'а', ru: 'б' }, unit: { kk: 'адам' } },
        ];
      }),
    ).toEqual([
      { field: 'reporting.reminderOffsetsDays[1]', code: 'NOT_INTEGER' },
      { field: 'reporting.reminderOffsetsDays[3]', code: 'TOO_LARGE', params: { limit: 60 } },
      { field: 'reporting.reminderOffsetsDays[2]', code: 'DUPLICATE_ITEMS', params: { value: '-7' } },
      { field: 'reporting.overspendTolerancePercent', code: 'TOO_LARGE', params: { limit: 100 } },
      { field: 'reporting.indicators[0].label.ru', code: 'REQUIRED' },
      { field: 'reporting.indicators[1].unit.ru', code: 'REQUIRED' },
      { field: 'reporting.indicators[1].code', code: 'DUPLICATE_ITEMS', params: { value: 'events' } },
    ]);
  });

  it('says its own problems in Kazakh and Russian', () => {
    for (const code of ['REPORT_DUE_RULE_ONE', 'REPORT_STAGE_ORDER']) expect(hasMessage(`errors.${code}`)).toBe(true);
    expect(translate('ru', 'errors.REPORT_STAGE_ORDER')).toBe('Промежуточный отчёт указывается раньше итогового.');
  });
});
