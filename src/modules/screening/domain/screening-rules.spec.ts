import { effectivePassed, screeningChecklist } from './screening-rules';

const base = {
  hasTeam: true,
  organization: null,
  requireYearInRegion: false,
  applicationRegion: 'ZHT',
  submissionDate: '2026-11-24',
};

describe('screening checklist', () => {
  it('gives one line per rule with the reason of the first problem of each', () => {
    const lines = screeningChecklist({
      ...base,
      problems: [
        { field: 'team', code: 'TEAM_TOO_SMALL', params: { limit: 3 } },
        { field: 'team[1].iin', code: 'AGE_OUT_OF_RANGE', params: { age: 31, min: 18, max: 29 } },
        { field: 'documents.budget_file', code: 'DOCUMENT_MISSING' },
      ],
    });
    expect(lines.map((l) => [l.rule, l.passed])).toEqual([
      ['team_size', false],
      ['member_ages', false],
      ['one_person_one_project', true],
      ['group_and_host_limits', true],
      ['required_fields', true],
      ['required_documents', false],
      ['amount_cap', true],
      ['territory_scope', true],
    ]);
    expect(lines[1].reason).toEqual({
      code: 'AGE_OUT_OF_RANGE',
      params: { field: 'team[1].iin', age: 31, min: 18, max: 29 },
    });
  });

  it('checks an organization registered at least a year, in the application region', () => {
    const young = screeningChecklist({
      ...base,
      problems: [],
      hasTeam: false,
      requireYearInRegion: true,
      organization: { registeredOn: '2026-03-01', regionCode: 'ZHT' },
    });
    expect(young.at(-1)).toMatchObject({
      rule: 'organization_registered_year',
      passed: false,
      reason: { code: 'ORGANIZATION_TOO_NEW' },
    });
    const elsewhere = screeningChecklist({
      ...base,
      problems: [],
      hasTeam: false,
      requireYearInRegion: true,
      organization: { registeredOn: '2015-01-01', regionCode: 'KAR' },
    });
    expect(elsewhere.at(-1)).toMatchObject({ passed: false, reason: { code: 'ORGANIZATION_OTHER_REGION' } });
    const fine = screeningChecklist({
      ...base,
      problems: [],
      hasTeam: false,
      requireYearInRegion: true,
      organization: { registeredOn: '2025-11-24', regionCode: 'ZHT' },
    });
    expect(fine.at(-1)).toMatchObject({ passed: true });
  });

  it('an override wins over the automatic verdict', () => {
    expect(
      effectivePassed({
        rule: 'amount_cap',
        passed: false,
        reason: null,
        override: { passed: true, comment: 'ok', by: 'x', at: 'now' },
      }),
    ).toBe(true);
  });
});
