import { contractStages, reportingSettings, reportingTerms, withProjectDates } from './contract-reporting';

describe('contract reporting terms: due dates computed once from the rule', () => {
  const dates = { startsOn: '2026-03-01', endsOn: '2026-04-30' };

  it('computes each stage from a fixed date, days after the start or days after the end', () => {
    const terms = reportingTerms(
      {
        stages: [
          { stage: 'interim', daysAfterStart: 30 },
          { stage: 'final', daysAfterEnd: 10 },
        ],
        reminderOffsetsDays: [1, -7],
        overspendTolerancePercent: 5,
        indicators: [{ code: 'events', label: { kk: 'Іс-шаралар', ru: 'Мероприятия' } }],
      },
      dates,
    );
    expect(terms.stages).toEqual([
      { stage: 'interim', dueOn: '2026-03-31', rule: { daysAfterStart: 30 } },
      { stage: 'final', dueOn: '2026-05-10', rule: { daysAfterEnd: 10 } },
    ]);
    expect(terms).toMatchObject({
      dueOn: '2026-05-10',
      daysAfterEnd: 10,
      isDefault: false,
      reminderOffsetsDays: [-7, 1],
      overspendTolerancePercent: 5,
    });
    const fixed = reportingTerms({ stages: [{ stage: 'final', dueOn: '2026-06-15' }] }, dates);
    expect(fixed.stages).toEqual([{ stage: 'final', dueOn: '2026-06-15', rule: { dueOn: '2026-06-15' } }]);
    expect(fixed).toMatchObject({ dueOn: '2026-06-15', daysAfterEnd: 46 });
  });

  it('puts an interim report that would fall after the project on its last day', () => {
    const terms = reportingTerms(
      {
        stages: [
          { stage: 'interim', daysAfterStart: 90 },
          { stage: 'final', daysAfterEnd: 10 },
        ],
      },
      dates,
    );
    expect(terms.stages!.map((s) => s.dueOn)).toEqual(['2026-04-30', '2026-05-10']);
  });

  it('without a rule: both reports once, 10 days after the end, the default reminders and tolerance', () => {
    const terms = reportingTerms(null, dates);
    expect(terms).toMatchObject({ dueOn: '2026-05-10', daysAfterEnd: 10, isDefault: true });
    expect(reportingSettings(terms)).toEqual({
      reminderOffsetsDays: [-7, -1, 1, 7],
      overspendTolerancePercent: 10,
      indicators: [],
    });
  });

  it('reads a contract made before stages as one final stage on its due date, with the defaults', () => {
    const old = { dueOn: '2026-05-10', daysAfterEnd: 10, isDefault: true };
    expect(contractStages(old)).toEqual([{ stage: 'final', dueOn: '2026-05-10' }]);
    expect(reportingSettings(old).reminderOffsetsDays).toEqual([-7, -1, 1, 7]);
    expect(withProjectDates(old, { startsOn: '2026-03-01', endsOn: '2026-05-31' }).dueOn).toBe('2026-06-10');
  });

  it("recomputes a draft's stages when its dates change (a fixed date stays)", () => {
    const terms = reportingTerms(
      {
        stages: [
          { stage: 'interim', dueOn: '2026-04-01' },
          { stage: 'final', daysAfterEnd: 10 },
        ],
      },
      dates,
    );
    const moved = withProjectDates(terms, { startsOn: '2026-03-01', endsOn: '2026-05-31' });
    expect(contractStages(moved)).toEqual([
      { stage: 'interim', dueOn: '2026-04-01' },
      { stage: 'final', dueOn: '2026-06-10' },
    ]);
    expect(moved.dueOn).toBe('2026-06-10');
  });
});
