import { rulebookFromTemplate } from '../../competitions/domain/competition-templates';
import { validateRulebook } from '../../competitions/domain/rulebook.validation';
import {
  addMonths,
  EDUCATION_STATUS_CODES,
  isMonth,
  monthlyStipend,
  monthsOfApplication,
  projectPeriod,
  stipendGroup,
  teamIsPaid,
} from './stipends';

const youth = rulebookFromTemplate('youth-micro-projects')!;
const rule = youth.funding!.stipends!;

describe('social stipends', () => {
  it('the youth template pays 26 000 ₸ to school leavers and students, 61 000 ₸ to graduates, for 5 months', () => {
    expect(rule).toEqual({ schoolLeaverAndStudents: 26_000, graduates: 61_000 });
    expect(youth.projectPeriod).toEqual({ months: 5 });
  });

  it('amount per education status', () => {
    const amounts = Object.fromEntries(EDUCATION_STATUS_CODES.map((s) => [s, monthlyStipend(s, rule)]));
    expect(amounts).toEqual({
      school_leaver: 26_000,
      college_student: 26_000,
      university_student: 26_000,
      college_graduate: 61_000,
      university_graduate: 61_000,
      other: 0,
    });
    expect(monthlyStipend(null, rule)).toBe(0);
    expect(monthlyStipend(undefined, rule)).toBe(0);
    expect(stipendGroup('college_graduate')).toBe('graduate');
    expect(stipendGroup('other')).toBeNull();
  });

  it('follows the rulebook, not fixed numbers', () => {
    expect(monthlyStipend('university_student', { schoolLeaverAndStudents: 30_000, graduates: 70_000 })).toBe(30_000);
    expect(monthlyStipend('university_graduate', { schoolLeaverAndStudents: 30_000, graduates: 70_000 })).toBe(70_000);
  });

  it('months: format and arithmetic across years', () => {
    expect(isMonth('2026-07')).toBe(true);
    for (const bad of ['2026-7', '2026-13', '2026-00', '26-07', '2026-07-01', 202607, null])
      expect(isMonth(bad)).toBe(false);
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('the project runs from the month after the draw (in Astana time), or from the rulebook’s first month', () => {
    // 30 June 2026 20:00 UTC is already 1 July in Astana (UTC+5): the project starts in August.
    const drawn = new Date('2026-06-30T20:00:00Z');
    expect(projectPeriod({ months: 5 }, drawn, 'Asia/Almaty')).toEqual({
      first: '2026-08',
      months: ['2026-08', '2026-09', '2026-10', '2026-11', '2026-12'],
    });
    expect(projectPeriod({ months: 5 }, new Date('2026-06-10T06:00:00Z'), 'Asia/Almaty')!.months).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(projectPeriod({ months: 2, firstMonth: '2026-12' }, drawn, 'Asia/Almaty')!.months).toEqual([
      '2026-12',
      '2027-01',
    ]);
    expect(projectPeriod({ months: 5 }, null, 'Asia/Almaty')).toBeNull();
    expect(projectPeriod(null, drawn, 'Asia/Almaty')).toBeNull();
  });

  it('an application that states a shorter project ends earlier; a longer one is cut to the period', () => {
    const period = projectPeriod({ months: 5, firstMonth: '2026-07' }, null, 'Asia/Almaty')!;
    expect(monthsOfApplication(period, 3)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(monthsOfApplication(period, 9)).toHaveLength(5);
    expect(monthsOfApplication(period, undefined)).toHaveLength(5);
    expect(monthsOfApplication(period, '3')).toHaveLength(5);
  });

  it('only teams with a grant are paid: arms A and B after a draw, winners otherwise; never a terminated one', () => {
    expect(teamIsPaid({ status: 'winner', arm: 'A' }, true)).toBe(true);
    expect(teamIsPaid({ status: 'contracted', arm: 'B' }, true)).toBe(true);
    expect(teamIsPaid({ status: 'allocated', arm: 'C' }, true)).toBe(false);
    expect(teamIsPaid({ status: 'winner', arm: null }, true)).toBe(false);
    expect(teamIsPaid({ status: 'terminated', arm: 'A' }, true)).toBe(false);
    expect(teamIsPaid({ status: 'shortlisted', arm: null }, true)).toBe(false);
    expect(teamIsPaid({ status: 'winner', arm: null }, false)).toBe(true);
    expect(teamIsPaid({ status: 'not_selected', arm: null }, false)).toBe(false);
  });

  it('the rulebook refuses a project period that is not whole months or not YYYY-MM', () => {
    const check = (projectPeriod: unknown) => validateRulebook({ ...youth, projectPeriod });
    expect(check({ months: 5, firstMonth: '2026-07' })).toEqual([]);
    expect(check(null)).toEqual([]);
    expect(check({ months: 0 })).toEqual([{ field: 'projectPeriod.months', code: 'TOO_SMALL', params: { limit: 1 } }]);
    expect(check({ months: 5, firstMonth: 'июль' })).toEqual([
      expect.objectContaining({ field: 'projectPeriod.firstMonth' }),
    ]);
    expect(check({ firstMonth: '2026-07' })).toEqual([expect.objectContaining({ field: 'projectPeriod.months' })]);
  });
});
