import { rulebookFromTemplate } from './competition-templates';
import { validateRulebook } from './rulebook.validation';

function withPayments(payments: unknown, template = 'mini-grants-district') {
  const rulebook = rulebookFromTemplate(template)! as unknown as Record<string, unknown>;
  rulebook.payments = payments;
  return validateRulebook(rulebook);
}

describe('rulebook: the payment schedule rule', () => {
  it('the grant templates pay 70% once in force and 30% after the final reports, and are valid', () => {
    for (const code of [
      'mini-grants-district',
      'mini-grants-regional',
      'short-term-projects',
      'youth-micro-projects',
    ]) {
      const rulebook = rulebookFromTemplate(code)!;
      expect(rulebook.payments).toEqual({
        tranches: [
          { percent: 70, condition: 'on_activation' },
          { percent: 30, condition: 'after_reports', stage: 'final' },
        ],
      });
      expect(validateRulebook(rulebook)).toEqual([]);
    }
    expect(rulebookFromTemplate('volunteer-awards')!.payments).toBeUndefined();
  });

  it('percents alone add up to 100', () => {
    expect(
      withPayments({
        tranches: [
          { percent: 60, condition: 'on_activation' },
          { percent: 30, condition: 'after_reports', stage: 'final' },
        ],
      }),
    ).toEqual([{ field: 'payments.tranches', code: 'PAYMENT_PERCENTS_NOT_100', params: { total: 90 } }]);
  });

  it('with fixed sums: the percents leave room for the rest, the fixed sums stay within the cap', () => {
    const ok = {
      tranches: [
        { amount: 100_000, condition: 'on_activation' },
        { percent: 50, condition: 'after_reports', stage: 'final' },
      ],
    };
    expect(withPayments(ok)).toEqual([]);
    expect(
      withPayments({
        tranches: [
          { amount: 200_000, condition: 'on_activation' },
          { amount: 150_000, condition: 'after_reports', stage: 'interim' },
          { percent: 100, condition: 'after_reports', stage: 'final' },
        ],
      }),
    ).toEqual([
      { field: 'payments.tranches', code: 'PAYMENT_PERCENTS_LEAVE_NO_ROOM', params: { total: 100 } },
      { field: 'payments.tranches', code: 'PAYMENT_FIXED_ABOVE_CAP', params: { total: 350_000, limit: 300_000 } },
    ]);
    // No cap (short-term projects have no funding rule): fixed sums are not capped.
    expect(
      withPayments({ tranches: [{ amount: 5_000_000, condition: 'on_activation' }] }, 'short-term-projects'),
    ).toEqual([]);
  });

  it('each tranche: one of percent or amount, whole numbers, a stage exactly after reports', () => {
    expect(
      withPayments({
        tranches: [
          { percent: 50, amount: 10, condition: 'on_activation' },
          { condition: 'on_activation' },
          { percent: 12.5, condition: 'after_reports' },
          { percent: 10, condition: 'on_activation', stage: 'final' },
          { percent: 10, condition: 'later', stage: 'mid' },
        ],
      }),
    ).toEqual([
      { field: 'payments.tranches[0]', code: 'TRANCHE_PERCENT_OR_AMOUNT' },
      { field: 'payments.tranches[1]', code: 'TRANCHE_PERCENT_OR_AMOUNT' },
      { field: 'payments.tranches[2].percent', code: 'NOT_INTEGER' },
      { field: 'payments.tranches[2].stage', code: 'REQUIRED' },
      { field: 'payments.tranches[3].stage', code: 'NOT_APPLICABLE' },
      {
        field: 'payments.tranches[4].condition',
        code: 'NOT_ALLOWED_VALUE',
        params: { allowed: 'on_activation, after_reports' },
      },
    ]);
    expect(withPayments({ tranches: [] })).toEqual([
      { field: 'payments.tranches', code: 'TOO_FEW_ITEMS', params: { limit: 1 } },
    ]);
    expect(withPayments(null)).toEqual([]);
  });
});
