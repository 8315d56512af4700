import { rulebookFromTemplate } from './competition-templates';
import { validateRulebook } from './rulebook.validation';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests break rulebooks on purpose */
function broken(template: string, mutate: (r: any) => void) {
  const rulebook: any = rulebookFromTemplate(template);
  mutate(rulebook);
  return validateRulebook(rulebook);
}
const youth = (mutate: (r: any) => void) => broken('youth-micro-projects', mutate);

describe('validateRulebook', () => {
  it('refuses a value that is not an object at all', () => {
    expect(validateRulebook(null)).toEqual([{ field: '', code: 'NOT_OBJECT' }]);
    expect(validateRulebook([])).toEqual([{ field: '', code: 'NOT_OBJECT' }]);
  });

  it('names missing and unknown top-level parts', () => {
    expect(
      youth((r) => {
        delete r.criteria;
        r.prizes = [];
      }),
    ).toEqual([
      { field: 'criteria', code: 'REQUIRED' },
      { field: 'prizes', code: 'UNKNOWN_FIELD', params: { field: 'prizes' } },
    ]);
  });

  describe('team and ages', () => {
    it('inverted team sizes', () => {
      expect(youth((r) => Object.assign(r.team, { minSize: 5, maxSize: 3 }))).toEqual([
        { field: 'team.maxSize', code: 'RANGE_INVERTED', params: { min: 5, max: 3 } },
      ]);
    });
    it('team sizes of at least 1, whole numbers', () => {
      expect(youth((r) => Object.assign(r.team, { minSize: 0, maxSize: 2.5 }))).toEqual([
        { field: 'team.minSize', code: 'TOO_SMALL', params: { limit: 1 } },
        { field: 'team.maxSize', code: 'NOT_INTEGER' },
      ]);
    });
    it('ages between 14 and 100, not inverted', () => {
      expect(youth((r) => Object.assign(r.team, { minAge: 12, maxAge: 101 }))).toEqual([
        { field: 'team.minAge', code: 'TOO_SMALL', params: { limit: 14 } },
        { field: 'team.maxAge', code: 'TOO_LARGE', params: { limit: 100 } },
      ]);
      expect(youth((r) => Object.assign(r.team, { minAge: 30, maxAge: 18 }))).toEqual([
        { field: 'team.maxAge', code: 'RANGE_INVERTED', params: { min: 30, max: 18 } },
      ]);
      expect(broken('mentor-selection', (r) => (r.applicantAge = { minAge: 25, maxAge: 21 }))).toEqual([
        { field: 'applicantAge.maxAge', code: 'RANGE_INVERTED', params: { min: 25, max: 21 } },
      ]);
    });
    it('initiative groups need a team rule', () => {
      expect(youth((r) => (r.team = null))).toEqual([{ field: 'team', code: 'TEAM_REQUIRED' }]);
    });
  });

  describe('criteria', () => {
    it('weight must be positive, maxPoints a whole number ≥ 1', () => {
      expect(
        youth((r) => {
          r.criteria[2].weight = 0;
          r.criteria[3].weight = -1;
          r.criteria[4].maxPoints = 0;
        }),
      ).toEqual([
        { field: 'criteria[2].weight', code: 'MUST_BE_POSITIVE' },
        { field: 'criteria[3].weight', code: 'MUST_BE_POSITIVE' },
        { field: 'criteria[4].maxPoints', code: 'TOO_SMALL', params: { limit: 1 } },
      ]);
    });
    it('step must divide maxPoints; 0.5 does, 3 does not', () => {
      expect(youth((r) => (r.criteria[0].step = 0.5))).toEqual([]);
      expect(youth((r) => (r.criteria[1].step = 3))).toEqual([
        { field: 'criteria[1].step', code: 'STEP_MISMATCH', params: { maxPoints: 10, step: 3 } },
      ]);
      expect(youth((r) => (r.criteria[1].step = 0))).toEqual([{ field: 'criteria[1].step', code: 'MUST_BE_POSITIVE' }]);
    });
    it('commentBelow not above maxPoints', () => {
      expect(youth((r) => (r.criteria[0].commentBelow = 11))).toEqual([
        { field: 'criteria[0].commentBelow', code: 'TOO_LARGE', params: { limit: 10 } },
      ]);
    });
    it('at least one criterion, codes unique', () => {
      expect(youth((r) => (r.criteria = []))).toEqual([
        { field: 'criteria', code: 'TOO_FEW_ITEMS', params: { limit: 1 } },
      ]);
      expect(youth((r) => (r.criteria[3].code = r.criteria[1].code))).toEqual([
        { field: 'criteria[3].code', code: 'DUPLICATE_ITEMS', params: { value: 'vulnerable_youth' } },
      ]);
    });
    it('both labels present and at most 300 characters', () => {
      expect(
        youth((r) => {
          r.criteria[0].label.kk = '  ';
          r.criteria[1].label.ru = 'я'.repeat(301);
          delete r.criteria[2].label.ru;
        }),
      ).toEqual([
        { field: 'criteria[0].label.kk', code: 'REQUIRED' },
        { field: 'criteria[1].label.ru', code: 'TOO_LONG', params: { limit: 300 } },
        { field: 'criteria[2].label.ru', code: 'REQUIRED' },
      ]);
    });
  });

  describe('codes are unique in every list', () => {
    it('fields, documents, directions', () => {
      expect(
        youth((r) => {
          r.fields[4].key = 'goal';
          r.documents[2].code = 'unemployed_status';
          r.directions.push('tourism');
        }),
      ).toEqual([
        { field: 'directions[11]', code: 'DUPLICATE_ITEMS', params: { value: 'tourism' } },
        { field: 'fields[4].key', code: 'DUPLICATE_ITEMS', params: { value: 'goal' } },
        { field: 'documents[2].code', code: 'DUPLICATE_ITEMS', params: { value: 'unemployed_status' } },
      ]);
    });
    it('nominations', () => {
      expect(broken('volunteer-awards', (r) => (r.nominations[6].code = 'volunteer_of_year'))).toEqual([
        { field: 'nominations[6].code', code: 'DUPLICATE_ITEMS', params: { value: 'volunteer_of_year' } },
      ]);
    });
    it('unknown direction and applicant kinds', () => {
      expect(
        youth((r) => {
          r.directions[0] = 'space';
          r.applicantKinds = ['ngo', 'ngo', 'robot'];
        }),
      ).toEqual([
        {
          field: 'applicantKinds[2]',
          code: 'NOT_ALLOWED_VALUE',
          params: { allowed: 'initiative_group, ngo, host_organization, individual' },
        },
        { field: 'applicantKinds[1]', code: 'DUPLICATE_ITEMS', params: { value: 'ngo' } },
        // No host organizations any more, so their limit and overhead no longer apply.
        { field: 'limits.perHostOrganization', code: 'NOT_APPLICABLE' },
        {
          field: 'directions[0]',
          code: 'NOT_ALLOWED_VALUE',
          params: { allowed: expect.stringContaining('education, ') },
        },
        { field: 'funding.hostOrganizationOverheadPercent', code: 'NOT_APPLICABLE' },
      ]);
    });
  });

  describe('form fields', () => {
    it('select needs options; settings must fit the type', () => {
      expect(
        youth((r) => {
          r.fields[0] = { key: 'format', label: { kk: 'Пішім', ru: 'Формат' }, type: 'select', required: true };
          r.fields[1].options = [{ value: 'x', label: { kk: 'x', ru: 'x' } }];
          r.fields[5].maxLength = 10;
          r.fields[7].min = 100;
          r.fields[7].max = 10;
        }),
      ).toEqual([
        { field: 'fields[0].options', code: 'REQUIRED' },
        { field: 'fields[1].options', code: 'NOT_APPLICABLE', params: { type: 'textarea' } },
        { field: 'fields[5].maxLength', code: 'NOT_APPLICABLE', params: { type: 'integer' } },
        { field: 'fields[7].max', code: 'RANGE_INVERTED', params: { min: 100, max: 10 } },
      ]);
    });
    it('option values unique, multiselect max within the options', () => {
      const option = (value: string) => ({ value, label: { kk: value, ru: value } });
      expect(
        youth((r) => {
          r.fields[0] = {
            key: 'formats',
            label: { kk: 'Пішім', ru: 'Формат' },
            type: 'multiselect',
            required: true,
            max: 3,
            options: [option('a'), option('a')],
          };
        }),
      ).toEqual([
        { field: 'fields[0].options[1].value', code: 'DUPLICATE_ITEMS', params: { value: 'a' } },
        { field: 'fields[0].max', code: 'TOO_LARGE', params: { limit: 2 } },
      ]);
    });
    it('keys are identifiers and never name an application attribute', () => {
      expect(
        youth((r) => {
          r.fields[0].key = 'Bad-Key';
          r.fields[1].key = 'title';
          r.fields[2].type = 'file';
        }),
      ).toEqual([
        { field: 'fields[0].key', code: 'INVALID_FORMAT' },
        { field: 'fields[1].key', code: 'FIELD_KEY_RESERVED', params: { key: 'title' } },
        {
          field: 'fields[2].type',
          code: 'NOT_ALLOWED_VALUE',
          params: { allowed: 'text, textarea, number, integer, date, select, multiselect, url, boolean' },
        },
      ]);
    });
    it('document kinds from the allowed list', () => {
      expect(youth((r) => (r.documents[1].kinds = ['pdf', 'exe', 'pdf']))).toEqual([
        { field: 'documents[1].kinds[1]', code: 'NOT_ALLOWED_VALUE', params: { allowed: 'pdf, jpg, png, docx, xlsx' } },
        { field: 'documents[1].kinds[2]', code: 'DUPLICATE_ITEMS', params: { value: 'pdf' } },
      ]);
    });
  });

  describe('funding', () => {
    it('cap within the total fund and the per-region fund; per-region within total', () => {
      expect(broken('mini-grants-district', (r) => (r.funding.amountCap = 5_000_000))).toEqual([
        { field: 'funding.amountCap', code: 'FUND_CAP_EXCEEDS_TOTAL', params: { limit: 3_000_000 } },
      ]);
      expect(broken('mini-grants-regional', (r) => (r.funding.amountCap = 1_500_000))).toEqual([
        { field: 'funding.amountCap', code: 'CAP_EXCEEDS_REGION_FUND', params: { limit: 1_000_000 } },
      ]);
      expect(broken('mini-grants-regional', (r) => (r.funding.perRegionFund = 8_000_000))).toEqual([
        { field: 'funding.perRegionFund', code: 'REGION_FUND_EXCEEDS_TOTAL', params: { limit: 7_000_000 } },
      ]);
    });
    it("the host organization's overhead is on top of the grant or inside it, and needs its percent", () => {
      expect(youth((r) => (r.funding.hostOrganizationOverheadMode = 'inside'))).toEqual([]);
      expect(youth((r) => (r.funding.hostOrganizationOverheadMode = 'half'))).toEqual([
        {
          field: 'funding.hostOrganizationOverheadMode',
          code: 'NOT_ALLOWED_VALUE',
          params: { allowed: 'on_top, inside' },
        },
      ]);
      expect(youth((r) => delete r.funding.hostOrganizationOverheadPercent)).toEqual([
        { field: 'funding.hostOrganizationOverheadPercent', code: 'REQUIRED' },
      ]);
      expect(youth((r) => (r.funding.hostOrganizationOverheadPercent = 101))).toEqual([
        { field: 'funding.hostOrganizationOverheadPercent', code: 'TOO_LARGE', params: { limit: 100 } },
      ]);
    });
    it('money in whole tenge', () => {
      expect(broken('mini-grants-district', (r) => (r.funding.amountCap = 300_000.5))).toEqual([
        { field: 'funding.amountCap', code: 'NOT_INTEGER' },
      ]);
    });
    it('the selection rule may only use funds that exist', () => {
      expect(broken('mini-grants-regional', (r) => delete r.funding.totalFund)).toEqual([
        { field: 'funding.totalFund', code: 'REQUIRED' },
      ]);
      expect(broken('mini-grants-district', (r) => (r.funding = null))).toEqual([
        { field: 'funding', code: 'REQUIRED' },
      ]);
    });
  });

  describe('selection, nominations, draw', () => {
    it('one winner per district needs district-level territories', () => {
      expect(broken('mini-grants-district', (r) => (r.territory.level = 'region'))).toEqual([
        { field: 'selection.oneWinnerPer', code: 'TERRITORY_LEVEL_MISMATCH' },
      ]);
    });
    it('winners per nomination need nominations', () => {
      expect(broken('volunteer-awards', (r) => (r.nominations = []))).toEqual([
        { field: 'nominations', code: 'TOO_FEW_ITEMS', params: { limit: 1 } },
      ]);
    });
    it('a draw and a shortlist for it go together', () => {
      expect(youth((r) => (r.draw = null))).toEqual([{ field: 'draw', code: 'REQUIRED' }]);
      expect(youth((r) => (r.selection.shortlistForDraw = false))).toEqual([
        { field: 'selection.shortlistForDraw', code: 'DRAW_SHORTLIST_MISMATCH' },
      ]);
    });
    it('arms: unique codes, positive whole weights, a meaning for each', () => {
      expect(
        youth((r) => {
          r.draw.arms = [
            { code: 'A', weight: 1.5 },
            { code: 'B', weight: 0 },
            { code: 'B', weight: 1 },
          ];
          r.draw.armMeaning.D = { kk: 'Д', ru: 'Д' };
        }),
      ).toEqual([
        { field: 'draw.arms[0].weight', code: 'NOT_INTEGER' },
        { field: 'draw.arms[1].weight', code: 'MUST_BE_POSITIVE' },
        { field: 'draw.arms[2].code', code: 'DUPLICATE_ITEMS', params: { value: 'B' } },
        { field: 'draw.armMeaning.C', code: 'UNKNOWN_FIELD', params: { field: 'C' } },
        { field: 'draw.armMeaning.D', code: 'UNKNOWN_FIELD', params: { field: 'D' } },
      ]);
      expect(youth((r) => delete r.draw.armMeaning.C)).toEqual([{ field: 'draw.armMeaning.C', code: 'REQUIRED' }]);
    });
    it('arms: what an arm entitles to is grant, training or mentor, each once', () => {
      expect(youth(() => undefined)).toEqual([]);
      expect(
        youth((r) => {
          r.draw.arms[0].entitles = ['grant', 'stipend'];
          r.draw.arms[1].entitles = ['grant', 'grant'];
          r.draw.arms[2].entitles = 'training';
        }),
      ).toEqual([
        {
          field: 'draw.arms[0].entitles[1]',
          code: 'NOT_ALLOWED_VALUE',
          params: { allowed: 'grant, training, mentor' },
        },
        { field: 'draw.arms[1].entitles[1]', code: 'DUPLICATE_ITEMS', params: { value: 'grant' } },
        { field: 'draw.arms[2].entitles', code: 'NOT_ARRAY' },
      ]);
    });
    it('tie-break is the published one', () => {
      expect(youth((r) => (r.selection.tieBreak = 'coin'))).toEqual([
        { field: 'selection.tieBreak', code: 'NOT_ALLOWED_VALUE', params: { allowed: 'criteria_then_submission' } },
      ]);
    });
  });

  describe('territory, deadlines, languages, number prefix', () => {
    it('scope of territory codes', () => {
      expect(youth((r) => (r.territory.scope = []))).toEqual([
        { field: 'territory.scope', code: 'TOO_FEW_ITEMS', params: { limit: 1 } },
      ]);
      expect(youth((r) => (r.territory.scope = ['ALM', 'zht', 'ALM']))).toEqual([
        { field: 'territory.scope[1]', code: 'INVALID_FORMAT' },
        { field: 'territory.scope[2]', code: 'DUPLICATE_ITEMS', params: { value: 'ALM' } },
      ]);
    });
    it('deadline is an instant with an offset, in a real calendar', () => {
      expect(youth((r) => (r.deadlines.submissionDeadline = '2026-05-01T18:00:00+05:00'))).toEqual([]);
      expect(youth((r) => (r.deadlines.submissionDeadline = '2026-05-01T13:00:00Z'))).toEqual([]);
      for (const bad of ['2026-05-01T18:00:00', '2026-02-30T10:00:00+05:00', '2026-05-01', 'tomorrow']) {
        expect(youth((r) => (r.deadlines.submissionDeadline = bad))).toEqual([
          { field: 'deadlines.submissionDeadline', code: 'INVALID_DATE' },
        ]);
      }
      expect(youth((r) => (r.deadlines.timeZone = 'Asia/Aqtobe'))).toEqual([
        { field: 'deadlines.timeZone', code: 'NOT_ALLOWED_VALUE', params: { allowed: 'Asia/Almaty' } },
      ]);
    });
    it('both languages, nothing else', () => {
      expect(youth((r) => (r.languages = ['kk']))).toEqual([
        { field: 'languages', code: 'LANGUAGE_MISSING', params: { language: 'ru' } },
      ]);
      expect(youth((r) => (r.languages = ['kk', 'ru', 'en']))).toEqual([
        { field: 'languages[2]', code: 'NOT_ALLOWED_VALUE', params: { allowed: 'kk, ru' } },
      ]);
    });
    it('number prefix of 2–4 capital letters', () => {
      for (const good of ['MG', 'YCP', 'ABCD']) expect(youth((r) => (r.numberPrefix = good))).toEqual([]);
      for (const bad of ['mg', 'M', 'ABCDE', 'M1']) {
        expect(youth((r) => (r.numberPrefix = bad))).toEqual([{ field: 'numberPrefix', code: 'INVALID_FORMAT' }]);
      }
    });
  });
});
