import type { ContractTranche } from '../../contracts/domain/contract-terms';
import { computeSchedule, isSettled, ScheduleInput } from './payment-schedule';

const tranches: ContractTranche[] = [
  { index: 1, percent: 70, amount: 210_000, condition: 'after_activation' },
  { index: 2, percent: 30, amount: 90_000, condition: 'after_reports_accepted', stage: 'final' },
];

function input(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    contractStatus: 'active',
    contractAmount: 300_000,
    tranches,
    releases: [],
    holds: [],
    payments: [],
    ...overrides,
  };
}

const paid = (tranche: number, amount: number) => ({
  id: `p${tranche}-${amount}`,
  tranche,
  amount,
  paidOn: '2026-07-01',
  reference: 'ПП-1',
  createdAt: '2026-07-01T05:00:00.000Z',
});

describe('payment schedule', () => {
  it('an active contract: the first tranche due, the one after the final reports waiting', () => {
    const s = computeSchedule(input());
    expect(s.tranches.map((t) => [t.status, t.why, t.stage])).toEqual([
      ['due', null, null],
      ['waiting', 'reports_not_accepted', 'final'],
    ]);
    expect(s.totals).toEqual({
      planned: 300_000,
      paid: 0,
      remaining: 300_000,
      due: 210_000,
      waiting: 90_000,
      withheld: 0,
    });
  });

  it('not yet payable before the contract is in force, nor after it is terminated', () => {
    expect(computeSchedule(input({ contractStatus: 'sent' })).tranches[0]).toMatchObject({
      status: 'not_yet',
      why: 'contract_not_active',
    });
    expect(computeSchedule(input({ contractStatus: 'terminated' })).tranches[1]).toMatchObject({
      status: 'not_yet',
      why: 'contract_terminated',
    });
  });

  it('partly paid, paid, and the totals follow the payments', () => {
    const s = computeSchedule(input({ payments: [paid(1, 100_000)] }));
    expect(s.tranches[0]).toMatchObject({ status: 'partly_paid', paid: 100_000, remaining: 110_000 });
    expect(s.totals).toMatchObject({ paid: 100_000, remaining: 200_000, due: 110_000 });
    const full = computeSchedule(input({ payments: [paid(1, 100_000), paid(1, 110_000)] }));
    expect(full.tranches[0]).toMatchObject({ status: 'paid', remaining: 0 });
    expect(full.tranches[0].payments).toHaveLength(2);
  });

  it('a withheld tranche says why, before its condition; lifting (no hold) makes it due again', () => {
    const held = computeSchedule(
      input({ holds: [{ tranche: 2, reason: 'Есеп толық емес', heldAt: '2026-07-02T00:00:00Z' }] }),
    );
    expect(held.tranches[1]).toMatchObject({ status: 'withheld', why: 'Есеп толық емес' });
    expect(held.totals).toMatchObject({ withheld: 90_000, waiting: 0 });
  });

  it('released reports make the conditional tranche due; all paid and released is settled', () => {
    const releases = [{ stage: 'final' as const, releasedAt: '2026-12-01T00:00:00Z' }];
    const s = computeSchedule(input({ releases }));
    expect(s.tranches[1]).toMatchObject({ status: 'due', releasedAt: '2026-12-01T00:00:00Z' });
    expect(isSettled(s)).toBe(false);
    const done = computeSchedule(input({ releases, payments: [paid(1, 210_000), paid(2, 90_000)] }));
    expect(isSettled(done)).toBe(true);
    // An interim release does not release the final tranche.
    const interim = computeSchedule(input({ releases: [{ stage: 'interim', releasedAt: '2026-09-01T00:00:00Z' }] }));
    expect(interim.tranches[1].status).toBe('waiting');
  });

  it('contracts made before stages existed wait for the final reports', () => {
    const old = computeSchedule(
      input({
        tranches: [tranches[0], { index: 2, percent: 30, amount: 90_000, condition: 'after_reports_accepted' }],
      }),
    );
    expect(old.tranches[1].stage).toBe('final');
  });
});
