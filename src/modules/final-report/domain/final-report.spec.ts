import { DEFAULT_CATEGORY_PRECEDENCE, type ReportCategory } from '../../competitions/domain/final-report-rule';
import { validateRulebook } from '../../competitions/domain/rulebook.validation';
import { YOUTH_MICRO_PROJECTS_TEMPLATE } from '../../competitions/domain/templates/youth-micro-projects.template';
import { ageBandOf, categoryOf, type ParticipantCell, tablesOf, targetsOf } from './final-report';
import type { SocialFact } from './participants';

const person = (age: number | null, ...facts: SocialFact[]) => ({ age, facts: new Set(facts) });

describe('final report: one column per person', () => {
  it('puts a person who fits several categories in the first of the precedence', () => {
    const p = DEFAULT_CATEGORY_PRECEDENCE;
    expect(categoryOf(person(25, 'civil_servant', 'unemployed'), p)).toBe('youth');
    expect(categoryOf(person(25, 'disability', 'civil_servant'), p)).toBe('disability');
    expect(categoryOf(person(16, 'disability'), p)).toBe('disability');
    expect(categoryOf(person(16), p)).toBe('children');
    expect(categoryOf(person(40, 'public_sector_worker', 'civil_servant'), p)).toBe('civil_servant');
    expect(categoryOf(person(60, 'unemployed'), p)).toBe('over_50');
    expect(categoryOf(person(50, 'unemployed'), p)).toBe('unemployed');
    expect(categoryOf(person(null, 'business'), p)).toBe('business');
    expect(categoryOf(person(null), p)).toBe('other');
    expect(categoryOf(person(40, 'low_income'), p)).toBe('other');
    const occupationFirst: ReportCategory[] = ['civil_servant', ...p.filter((c) => c !== 'civil_servant')];
    expect(categoryOf(person(25, 'civil_servant'), occupationFirst)).toBe('civil_servant');
  });

  it('bands ages as the form does, under 13 and unknown together', () => {
    expect([null, 0, 12, 13, 16, 17, 22, 23, 27, 28, 32, 33, 45, 46, 58, 59, 90].map(ageBandOf)).toEqual([
      'under_13_or_unknown',
      'under_13_or_unknown',
      'under_13_or_unknown',
      '13-16',
      '13-16',
      '17-22',
      '17-22',
      '23-27',
      '23-27',
      '28-32',
      '28-32',
      '33-45',
      '33-45',
      '46-58',
      '46-58',
      '59+',
      '59+',
    ]);
  });

  it('makes every table add up to the total with people fitting several categories', () => {
    const people = [
      { gender: 'female' as const, ...person(25, 'civil_servant', 'unemployed', 'ngo_representative') },
      { gender: 'male' as const, ...person(55, 'disability', 'public_sector_worker') },
      { gender: 'male' as const, ...person(8, 'disability') },
      { gender: 'female' as const, ...person(null, 'business', 'ngo_representative') },
      { gender: 'female' as const, ...person(70, 'civil_servant') },
      { gender: 'male' as const, ...person(40) },
    ];
    const cells: ParticipantCell[] = people.map((p) => ({
      gender: p.gender,
      ageBand: ageBandOf(p.age),
      category: categoryOf(p, DEFAULT_CATEGORY_PRECEDENCE),
      vulnerable: p.facts.has('disability') || p.facts.has('unemployed'),
      disabled: p.facts.has('disability'),
      arm: null,
      n: 1,
    }));
    cells.push({
      gender: 'unknown',
      ageBand: '33-45',
      category: 'youth',
      vulnerable: false,
      disabled: false,
      arm: null,
      n: 7,
    });
    const t = tablesOf(cells);
    expect(t.total).toBe(13);
    for (const table of [t.byGender, t.byCategory, t.byAgeBand])
      expect(Object.values(table).reduce((s, n) => s + n, 0)).toBe(t.total);
    expect(t.byCategory).toMatchObject({ youth: 8, disability: 2, ngo_representative: 1, over_50: 1, other: 1 });
    expect(t.byAgeBand.under_13_or_unknown).toBe(2);
  });

  it('measures targets overall and per arm, with the gap', () => {
    const cell = (gender: 'male' | 'female', arm: string, n: number, vulnerable = false): ParticipantCell => ({
      gender,
      ageBand: '23-27',
      category: 'youth',
      vulnerable,
      disabled: false,
      arm,
      n,
    });
    const [women] = targetsOf(
      [cell('female', 'A', 3, true), cell('male', 'A', 1), cell('male', 'B', 4)],
      [{ code: 'women', target: 0.55 }],
    );
    expect(women).toMatchObject({ actual: 0.375, gap: -0.175, people: 8 });
    expect(women.cohorts).toEqual([
      { arm: 'A', people: 4, actual: 0.75, gap: 0.2 },
      { arm: 'B', people: 4, actual: 0, gap: -0.55 },
    ]);
  });

  it('checks the rulebook rule with problems at their paths, and the youth template passes', () => {
    const rulebook = YOUTH_MICRO_PROJECTS_TEMPLATE.rulebook;
    expect(validateRulebook(rulebook).filter((p) => p.field.startsWith('finalReport'))).toEqual([]);
    const broken = {
      ...rulebook,
      finalReport: {
        categoryPrecedence: ['other', ...DEFAULT_CATEGORY_PRECEDENCE.slice(0, 9)],
        targets: [
          { code: 'women', target: 1.5 },
          { code: 'wizards', target: 0.1 },
        ],
      },
    };
    expect(
      validateRulebook(broken)
        .filter((p) => p.field.startsWith('finalReport'))
        .map((p) => `${p.field} ${p.code}`),
    ).toEqual([
      'finalReport.categoryPrecedence PRECEDENCE_OTHER_LAST',
      'finalReport.targets[0].target TOO_LARGE',
      'finalReport.targets[1].code NOT_ALLOWED_VALUE',
    ]);
  });
});
