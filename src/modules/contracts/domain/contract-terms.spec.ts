import { addMonths, contractAmounts, contractNumber, paymentSchedule, projectDates } from './contract-terms';

describe('contract terms', () => {
  describe("the host organization's overhead", () => {
    it('on top of the grant: 15% of 1 000 000 is 150 000, the contract sum 1 150 000', () => {
      expect(
        contractAmounts({ budget: 1_000_000, hostOrganization: true, overheadPercent: 15, overheadMode: 'on_top' }),
      ).toEqual({
        budget: 1_000_000,
        overheadPercent: 15,
        overheadMode: 'on_top',
        overhead: 150_000,
        projectFunds: 1_000_000,
        total: 1_150_000,
      });
    });

    it('inside the grant: the sum stays the budget, of which 15% is overhead and the rest the project', () => {
      expect(
        contractAmounts({ budget: 1_000_000, hostOrganization: true, overheadPercent: 15, overheadMode: 'inside' }),
      ).toMatchObject({ overhead: 150_000, projectFunds: 850_000, total: 1_000_000, overheadMode: 'inside' });
    });

    it('on top when the rulebook does not say how; rounded half up to whole tenge', () => {
      expect(contractAmounts({ budget: 333_333, hostOrganization: true, overheadPercent: 15 })).toMatchObject({
        overhead: 50_000,
        total: 383_333,
        overheadMode: 'on_top',
      });
    });

    it('no overhead line for an initiative group or an NGO, or when the rulebook has no percent', () => {
      const none = { overheadPercent: null, overheadMode: null, overhead: 0, projectFunds: 300_000, total: 300_000 };
      expect(contractAmounts({ budget: 300_000, hostOrganization: false, overheadPercent: 15 })).toMatchObject(none);
      expect(contractAmounts({ budget: 300_000, hostOrganization: true })).toMatchObject(none);
    });
  });

  describe('dates', () => {
    it('from the start the application asked for, for its months, ending the day before', () => {
      expect(projectDates('2026-03-01', { startDate: '2026-04-15', durationMonths: 5 })).toEqual({
        startsOn: '2026-04-15',
        endsOn: '2026-09-14',
      });
    });
    it('never starting in the past; two months when the application does not say', () => {
      expect(projectDates('2026-03-01', { startDate: '2026-01-10' })).toEqual({
        startsOn: '2026-03-01',
        endsOn: '2026-04-30',
      });
    });
    it('adds calendar months with the day clamped to the month', () => {
      expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
      expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
      expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    });
  });

  it('the default schedule pays 70% after activation and 30% after the reports, adding up exactly', () => {
    const tranches = paymentSchedule(333_333);
    expect(tranches).toEqual([
      { index: 1, percent: 70, amount: 233_333, condition: 'after_activation' },
      { index: 2, percent: 30, amount: 100_000, condition: 'after_reports_accepted', stage: 'final' },
    ]);
    expect(tranches.reduce((s, t) => s + t.amount, 0)).toBe(333_333);
  });

  it("takes the rulebook's tranches: percents of the sum, the last one the rounding rest, stages kept", () => {
    const tranches = paymentSchedule(100_001, {
      tranches: [
        { percent: 50, condition: 'on_activation' },
        { percent: 25, condition: 'after_reports', stage: 'interim' },
        { percent: 25, condition: 'after_reports', stage: 'final' },
      ],
    });
    expect(tranches).toEqual([
      { index: 1, percent: 50, amount: 50_001, condition: 'after_activation' },
      { index: 2, percent: 25, amount: 25_000, condition: 'after_reports_accepted', stage: 'interim' },
      { index: 3, percent: 25, amount: 25_000, condition: 'after_reports_accepted', stage: 'final' },
    ]);
  });

  it('pays a fixed sum as it is, the last tranche the rest; a small contract drops what the fixed sums leave empty', () => {
    const rule = {
      tranches: [
        { amount: 200_000, condition: 'on_activation' as const },
        { percent: 10, condition: 'after_reports' as const, stage: 'interim' as const },
        { percent: 20, condition: 'after_reports' as const, stage: 'final' as const },
      ],
    };
    expect(paymentSchedule(500_000, rule).map((t) => [t.percent, t.amount])).toEqual([
      [null, 200_000],
      [10, 50_000],
      [20, 250_000],
    ]);
    expect(paymentSchedule(150_000, rule)).toEqual([
      { index: 1, percent: null, amount: 150_000, condition: 'after_activation' },
    ]);
  });

  it('numbers contracts per competition: prefix, year, sequence', () => {
    expect(contractNumber('MG', 2026, 7)).toBe('MG-2026/007');
    expect(contractNumber('YMP', 2027, 1234)).toBe('YMP-2027/1234');
  });
});
