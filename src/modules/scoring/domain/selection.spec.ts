import fc from 'fast-check';
import type { FundingRule, SelectionRule } from '../../competitions/domain/rulebook.types';
import { select, SelectionCandidate } from './selection';

const BASE: SelectionRule = { tieBreak: 'criteria_then_submission' };
const candidate = (
  applicationId: string,
  rank: number,
  amount: number,
  regionCode: string | null,
  districtCode: string | null = null,
  extra: Partial<SelectionCandidate> = {},
): SelectionCandidate => ({ applicationId, rank, amount, regionCode, districtCode, ...extra });

describe('select', () => {
  it('mini-grants: N winners, one per district, a city of republican significance counts as one district', () => {
    const ranked = [
      candidate('a1', 1, 300_000, 'ZHT', 'ZHT-ESK'),
      candidate('a0', 2, 300_000, 'ZHT', 'ZHT-AKS', { excluded: 'below_quorum' }),
      candidate('a2', 2, 300_000, 'ZHT', 'ZHT-ESK'),
      candidate('a3', 3, 300_000, 'AST', null),
      candidate('a4', 4, 250_000, 'AST', null),
      candidate('a5', 5, 300_000, 'ZHT', 'ZHT-TDK'),
      candidate('a6', 6, 100_000, 'ZHT', 'ZHT-KRB'),
    ];
    const rule: SelectionRule = { ...BASE, winners: 3, oneWinnerPer: 'district', useTotalFund: true };
    expect(select(ranked, rule, { amountCap: 300_000, totalFund: 3_000_000 })).toEqual([
      { applicationId: 'a1', selected: true, reason: 'selected' },
      { applicationId: 'a0', selected: false, reason: 'below_quorum' },
      { applicationId: 'a2', selected: false, reason: 'district_taken', params: { district: 'ZHT-ESK' } },
      { applicationId: 'a3', selected: true, reason: 'selected' },
      { applicationId: 'a4', selected: false, reason: 'district_taken', params: { district: 'AST' } },
      { applicationId: 'a5', selected: true, reason: 'selected' },
      { applicationId: 'a6', selected: false, reason: 'winners_filled', params: { winners: 3 } },
    ]);
  });

  it('regional mini-grants: a grant that does not fit a fund is passed over and the next that fits is taken', () => {
    const ranked = [
      candidate('b1', 1, 600_000, 'ZHT'),
      candidate('b2', 2, 500_000, 'ZHT'),
      candidate('b3', 3, 400_000, 'ZHT'),
      candidate('b4', 4, 700_000, 'ABA'),
      candidate('b5', 5, 500_000, 'ABA'),
      candidate('b6', 6, 1, 'ABA'),
    ];
    const rule: SelectionRule = { ...BASE, capsByRegion: true, useTotalFund: true };
    expect(select(ranked, rule, { perRegionFund: 1_000_000, totalFund: 1_500_000 })).toEqual([
      { applicationId: 'b1', selected: true, reason: 'selected' },
      {
        applicationId: 'b2',
        selected: false,
        reason: 'region_fund_exceeded',
        params: { remaining: 400_000, region: 'ZHT' },
      },
      { applicationId: 'b3', selected: true, reason: 'selected' },
      { applicationId: 'b4', selected: false, reason: 'total_fund_exceeded', params: { remaining: 500_000 } },
      { applicationId: 'b5', selected: true, reason: 'selected' },
      { applicationId: 'b6', selected: false, reason: 'total_fund_exceeded', params: { remaining: 0 } },
    ]);
  });

  it('takes an amount that uses up a fund exactly', () => {
    const rule: SelectionRule = { ...BASE, capsByRegion: true };
    const out = select([candidate('c1', 1, 400_000, 'ZHT'), candidate('c2', 2, 600_000, 'ZHT')], rule, {
      perRegionFund: 1_000_000,
    });
    expect(out.map((o) => o.reason)).toEqual(['selected', 'selected']);
  });

  it('volunteer awards: one per nomination, N in all, and a quota that splits a tie says so', () => {
    const ranked = [
      candidate('v1', 1, 0, null, null, { nomination: 'youth' }),
      candidate('v2', 1, 0, null, null, { nomination: 'youth' }),
      candidate('v3', 3, 0, null, null, { nomination: 'eco' }),
      candidate('v4', 4, 0, null, null, { nomination: 'eco' }),
      candidate('v5', 5, 0, null, null, { nomination: 'health' }),
      candidate('v6', 6, 0, null, null, { nomination: 'sport' }),
    ];
    expect(select(ranked, { ...BASE, perNomination: 1, winners: 3 }, null)).toEqual([
      { applicationId: 'v1', selected: true, reason: 'selected' },
      {
        applicationId: 'v2',
        selected: false,
        reason: 'nomination_filled',
        params: { nomination: 'youth', limit: 1, tiedRank: 1 },
      },
      { applicationId: 'v3', selected: true, reason: 'selected' },
      { applicationId: 'v4', selected: false, reason: 'nomination_filled', params: { nomination: 'eco', limit: 1 } },
      { applicationId: 'v5', selected: true, reason: 'selected' },
      { applicationId: 'v6', selected: false, reason: 'winners_filled', params: { winners: 3 } },
    ]);
  });

  it('marks a tie split by the last winner place', () => {
    const ranked = [
      candidate('t1', 1, 0, 'ZHT'),
      candidate('t2', 2, 0, 'ZHT'),
      candidate('t3', 2, 0, 'ZHT'),
      candidate('t4', 4, 0, 'ZHT'),
    ];
    expect(select(ranked, { ...BASE, winners: 2 }, null).map((o) => o.params ?? null)).toEqual([
      null,
      null,
      { winners: 2, tiedRank: 2 },
      { winners: 2 },
    ]);
  });

  it('one per region', () => {
    const ranked = [
      candidate('r1', 1, 0, 'ZHT', 'ZHT-ESK'),
      candidate('r2', 2, 0, 'ZHT', 'ZHT-KRB'),
      candidate('r3', 3, 0, 'AST'),
    ];
    expect(select(ranked, { ...BASE, oneWinnerPer: 'region' }, null)).toEqual([
      { applicationId: 'r1', selected: true, reason: 'selected' },
      { applicationId: 'r2', selected: false, reason: 'region_taken', params: { region: 'ZHT' } },
      { applicationId: 'r3', selected: true, reason: 'selected' },
    ]);
  });

  it('youth micro-projects: the commission shortlists everyone above quorum for the draw', () => {
    const ranked = [
      candidate('y1', 1, 900_000, 'ZHT'),
      candidate('y2', 2, 1_000_000, 'ZHT', null, { excluded: 'below_quorum' }),
      candidate('y3', 3, 800_000, 'AST'),
    ];
    expect(select(ranked, { ...BASE, shortlistForDraw: true }, { amountCap: 1_000_000 })).toEqual([
      { applicationId: 'y1', selected: true, reason: 'shortlisted' },
      { applicationId: 'y2', selected: false, reason: 'below_quorum' },
      { applicationId: 'y3', selected: true, reason: 'shortlisted' },
    ]);
  });

  it('does not hold an application without a territory to a territorial rule', () => {
    const ranked = [candidate('n1', 1, 900_000, null), candidate('n2', 2, 900_000, null)];
    const out = select(
      ranked,
      { ...BASE, oneWinnerPer: 'district', capsByRegion: true, useTotalFund: true },
      { perRegionFund: 1_000_000, totalFund: 1_000_000 },
    );
    expect(out.map((o) => o.reason)).toEqual(['selected', 'total_fund_exceeded']);
  });

  it('refuses candidates out of rank order, a negative amount and a fund rule without its fund', () => {
    expect(() => select([candidate('x', 2, 0, null), candidate('y', 1, 0, null)], BASE, null)).toThrow('rank order');
    expect(() => select([candidate('x', 1, -5, null)], BASE, null)).toThrow('amount');
    expect(() => select([], { ...BASE, capsByRegion: true }, { totalFund: 1 })).toThrow('perRegionFund');
    expect(() => select([], { ...BASE, useTotalFund: true }, null)).toThrow('totalFund');
  });

  // Few codes and many cities (no district), so every quota is contested often.
  const REGIONS = ['ZHT', 'AST', null];
  const DISTRICTS = ['ZHT-ESK', 'ZHT-TDK', null, null];
  const scenario = fc.record({
    candidates: fc.array(
      fc.record({
        amount: fc.integer({ min: 0, max: 10 }).map((k) => k * 100_000),
        regionCode: fc.constantFrom(...REGIONS),
        districtCode: fc.constantFrom(...DISTRICTS),
        nomination: fc.constantFrom('a', 'b', null),
        belowQuorum: fc.integer({ min: 0, max: 4 }).map((k) => k === 0),
        rankStep: fc.constantFrom(0, 1, 1, 2),
      }),
      { maxLength: 40 },
    ),
    winners: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    perNomination: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    oneWinnerPer: fc.constantFrom('district' as const, 'region' as const, null),
    perRegionFund: fc.option(
      fc.integer({ min: 3, max: 20 }).map((k) => k * 100_000),
      { nil: undefined },
    ),
    totalFund: fc.option(
      fc.integer({ min: 5, max: 40 }).map((k) => k * 100_000),
      { nil: undefined },
    ),
    shortlistForDraw: fc.boolean(),
  });

  it('never exceeds the winners, a nomination quota, one per district or region, or a fund', () => {
    // Generators biased to empty outcomes would make this pass vacuously; count real contests.
    let contested = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        let rankNo = 1;
        const ranked = s.candidates.map((c, i) => {
          rankNo += c.rankStep;
          return candidate(`app${i}`, rankNo, c.amount, c.regionCode, c.districtCode, {
            nomination: c.nomination,
            excluded: c.belowQuorum ? 'below_quorum' : null,
          });
        });
        const rule: SelectionRule = {
          ...BASE,
          winners: s.winners,
          perNomination: s.perNomination,
          oneWinnerPer: s.oneWinnerPer,
          shortlistForDraw: s.shortlistForDraw,
          capsByRegion: s.perRegionFund !== undefined,
          useTotalFund: s.totalFund !== undefined,
        };
        const funding: FundingRule = { perRegionFund: s.perRegionFund, totalFund: s.totalFund };
        const out = select(ranked, rule, funding);

        expect(out.map((o) => o.applicationId)).toEqual(ranked.map((c) => c.applicationId));
        const taken = ranked.filter((_, i) => out[i].selected);
        if (taken.length >= 2 && taken.length < ranked.length) contested += 1;
        out.forEach((o, i) => {
          expect(o.selected).toBe(o.reason === (s.shortlistForDraw ? 'shortlisted' : 'selected'));
          if (ranked[i].excluded) expect(o.reason).toBe('below_quorum');
        });
        if (s.winners !== undefined) expect(taken.length).toBeLessThanOrEqual(s.winners);
        const countBy = (key: (c: SelectionCandidate) => string | null) => {
          const counts = new Map<string, number>();
          for (const c of taken) if (key(c) !== null) counts.set(key(c)!, (counts.get(key(c)!) ?? 0) + 1);
          return counts;
        };
        const sumBy = (key: (c: SelectionCandidate) => string | null) => {
          const sums = new Map<string, number>();
          for (const c of taken) if (key(c) !== null) sums.set(key(c)!, (sums.get(key(c)!) ?? 0) + c.amount);
          return sums;
        };
        if (s.perNomination !== undefined)
          for (const n of countBy((c) => c.nomination ?? null).values()) expect(n).toBeLessThanOrEqual(s.perNomination);
        if (s.oneWinnerPer === 'district')
          for (const n of countBy((c) => c.districtCode ?? c.regionCode).values()) expect(n).toBe(1);
        if (s.oneWinnerPer === 'region') for (const n of countBy((c) => c.regionCode).values()) expect(n).toBe(1);
        if (s.perRegionFund !== undefined)
          for (const sum of sumBy((c) => c.regionCode).values()) expect(sum).toBeLessThanOrEqual(s.perRegionFund);
        if (s.totalFund !== undefined)
          expect(taken.reduce((sum, c) => sum + c.amount, 0)).toBeLessThanOrEqual(s.totalFund);
        // A fund refusal is true when made: the amount really was more than what was left.
        out.forEach((o, i) => {
          if (o.reason === 'total_fund_exceeded' || o.reason === 'region_fund_exceeded')
            expect(ranked[i].amount).toBeGreaterThan(o.params!.remaining as number);
        });
      }),
      { numRuns: 1000 },
    );
    expect(contested).toBeGreaterThan(300);
  });
});
