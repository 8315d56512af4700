import fc from 'fast-check';
import { draw } from './lottery';
import { DrawAssignment } from './lottery.types';
import { STRATA, entriesArb, entropyArb, inputArb, seedArb } from '../../test/support/lottery-arbitraries';

function countsByStratum(assignments: DrawAssignment[]): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  for (const { stratum, arm } of assignments) {
    const counts = result.get(stratum) ?? new Map<string, number>();
    counts.set(arm, (counts.get(arm) ?? 0) + 1);
    result.set(stratum, counts);
  }
  return result;
}

/** The walk order of the applications other than `excluded`: what the stream decided for them. */
function walkOf(assignments: DrawAssignment[], excluded: ReadonlySet<string> = new Set()): string {
  return JSON.stringify(
    assignments
      .filter((a) => !excluded.has(a.applicationNumber))
      .map((a) => `${a.stratum}/${a.applicationNumber}/${a.arm}`),
  );
}

describe('draw — properties', () => {
  it('assigns every pool entry exactly once, each arm within one of its exact share per stratum', () => {
    fc.assert(
      fc.property(inputArb(entriesArb(1, 150)), (input) => {
        const { assignments } = draw(input);
        expect(assignments.map((a) => a.applicationNumber).sort()).toEqual(
          input.entries.map((e) => e.applicationNumber).sort(),
        );
        const totalWeight = input.arms.reduce((sum, arm) => sum + arm.weight, 0);
        for (const [stratum, counts] of countsByStratum(assignments)) {
          const m = input.entries.filter((e) => e.stratum === stratum).length;
          let sum = 0;
          for (const arm of input.arms) {
            const count = counts.get(arm.code) ?? 0;
            sum += count;
            // |count - m·w/W| < 1, kept in integers.
            expect(Math.abs(count * totalWeight - m * arm.weight)).toBeLessThan(totalWeight);
          }
          expect(sum).toBe(m);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('honours weights 2:1:1: exactly 2:1:1 when m is a multiple of 4, within one otherwise', () => {
    const arms = [
      { code: 'A', weight: 2 },
      { code: 'B', weight: 1 },
      { code: 'C', weight: 1 },
    ];
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 120 }), (seed, m) => {
        const entries = Array.from({ length: m }, (_, i) => ({ applicationNumber: `YC-${i}`, stratum: 'ALM' }));
        const counts = countsByStratum(draw({ seed, publicEntropy: '', arms, entries }).assignments).get('ALM')!;
        const [a, b, c] = ['A', 'B', 'C'].map((code) => counts.get(code) ?? 0);
        if (m % 4 === 0) {
          expect([a, b, c]).toEqual([m / 2, m / 4, m / 4]);
        } else {
          expect([Math.floor(m / 2), Math.ceil(m / 2)]).toContain(a);
          expect([Math.floor(m / 4), Math.ceil(m / 4)]).toContain(b);
          expect([Math.floor(m / 4), Math.ceil(m / 4)]).toContain(c);
        }
      }),
    );
  });

  it('is deterministic: the same input, in any entry order, gives the same result', () => {
    const arb = inputArb(entriesArb(1, 60)).chain((input) =>
      fc.tuple(fc.constant(input), fc.shuffledSubarray(input.entries, { minLength: input.entries.length })),
    );
    fc.assert(
      fc.property(arb, ([input, shuffled]) => {
        const first = draw(input);
        expect(draw(structuredClone(input))).toEqual(first);
        expect(draw({ ...input, entries: shuffled })).toEqual(first);
      }),
    );
  });

  /*
   * Sensitivity. Each stratum's walk order is a fresh uniform permutation under a new key, so two
   * keys give the same walk with probability 1/∏ m_i!. With at least 20 entries over at most three
   * strata that is below 1/(6!·7!·7!) ≈ 5·10^-11 per run, so these cannot fail by chance in practice.
   */
  const poolArb = entriesArb(20, 60);

  it('changes when the seed changes', () => {
    fc.assert(
      fc.property(inputArb(poolArb), seedArb, (input, otherSeed) => {
        fc.pre(otherSeed !== input.seed);
        const changed = draw({ ...input, seed: otherSeed });
        expect(changed.commitment).not.toBe(draw(input).commitment);
        expect(walkOf(changed.assignments)).not.toBe(walkOf(draw(input).assignments));
      }),
    );
  });

  it('changes when the public entropy changes', () => {
    fc.assert(
      fc.property(inputArb(poolArb), entropyArb, (input, otherEntropy) => {
        fc.pre(otherEntropy !== input.publicEntropy);
        const changed = draw({ ...input, publicEntropy: otherEntropy });
        expect(walkOf(changed.assignments)).not.toBe(walkOf(draw(input).assignments));
      }),
    );
  });

  it('reshuffles everyone when any one pool entry is renamed, moved, removed or added', () => {
    type Change = 'rename' | 'move' | 'remove' | 'add';
    const arb = fc.tuple(
      inputArb(poolArb),
      fc.nat(),
      fc.constantFrom<Change>('rename', 'move', 'remove', 'add'),
      fc.integer({ min: 1, max: STRATA.length - 1 }),
    );
    fc.assert(
      fc.property(arb, ([input, pick, change, shift]) => {
        const entries = input.entries.map((e) => ({ ...e }));
        const target = entries[pick % entries.length];
        const fresh = `NEW-${pick}`;
        fc.pre(!entries.some((e) => e.applicationNumber === fresh));
        if (change === 'rename') target.applicationNumber = fresh;
        if (change === 'move') target.stratum = STRATA[(STRATA.indexOf(target.stratum) + shift) % STRATA.length];
        if (change === 'remove') entries.splice(entries.indexOf(target), 1);
        if (change === 'add') entries.push({ applicationNumber: fresh, stratum: target.stratum });

        const before = draw(input);
        const after = draw({ ...input, entries });
        expect(after.poolHash).not.toBe(before.poolHash);
        // Leave out the touched applications, so the difference must come from the new key.
        const touched = new Set([input.entries[pick % input.entries.length].applicationNumber, fresh]);
        expect(walkOf(after.assignments, touched)).not.toBe(walkOf(before.assignments, touched));
      }),
    );
  });
});
