import { balanceTable, standardizedDifference } from './balance';
import { SeedSealer } from './seed-sealer';

describe('balance table', () => {
  const p = (female: boolean, age: number, vulnerable = false, disabled = false) => ({
    female,
    age,
    vulnerable,
    disabled,
  });

  it('counts applications and people per arm with shares, mean age and strata', () => {
    const t = balanceTable(
      ['A', 'B'],
      [
        { arm: 'A', stratum: 'ALM', people: [p(true, 20, true), p(false, 24)] },
        { arm: 'A', stratum: 'KAR', people: [p(true, 22)] },
        { arm: 'B', stratum: 'ALM', people: [p(false, 28, false, true), p(false, 26)] },
      ],
    );
    expect(t.arms[0]).toEqual({
      arm: 'A',
      applications: 2,
      people: 3,
      shareWomen: 0.667,
      shareVulnerable: 0.333,
      shareDisabled: 0,
      meanAge: 22,
      byStratum: { ALM: 1, KAR: 1 },
    });
    expect(t.arms[1]).toMatchObject({ applications: 1, people: 2, shareWomen: 0, shareDisabled: 0.5, meanAge: 27 });
    expect(t.differences.find((d) => d.covariate === 'age')).toEqual({
      covariate: 'age',
      arms: ['A', 'B'],
      value: expect.any(Number),
    });
    expect(t.differences.find((d) => d.covariate === 'age')!.value).toBeLessThan(0);
  });

  it('standardized difference is 0 for identical arms and scales with the pooled spread', () => {
    expect(standardizedDifference([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(standardizedDifference([2, 4], [0, 2])).toBe(1.414);
    expect(standardizedDifference([1, 1], [1, 1])).toBe(0);
  });
});

describe('seed sealer', () => {
  it('round-trips a seed and refuses a tampered or foreign box', () => {
    const seed = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
    const sealer = new SeedSealer('a-secret-of-at-least-32-characters-here');
    const box = sealer.seal(seed);
    expect(box).not.toContain(seed);
    expect(sealer.open(box)).toBe(seed);
    expect(() => new SeedSealer('another-secret-of-at-least-32-characters').open(box)).toThrow();
  });
});
