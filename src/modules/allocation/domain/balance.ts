/** One person of a team as the balance table counts them. */
export interface BalancePerson {
  female: boolean;
  vulnerable: boolean;
  disabled: boolean;
  age: number;
}

export interface BalanceUnit {
  arm: string;
  stratum: string;
  people: BalancePerson[];
}

export interface ArmBalance {
  arm: string;
  applications: number;
  people: number;
  shareWomen: number;
  shareVulnerable: number;
  shareDisabled: number;
  meanAge: number;
  byStratum: Record<string, number>;
}

export interface StandardizedDifference {
  covariate: 'women' | 'vulnerable' | 'disabled' | 'age';
  arms: [string, string];
  value: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function stats(values: number[]): { mean: number; variance: number } {
  if (values.length === 0) return { mean: 0, variance: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, variance };
}

/** (m1 − m2) / sqrt((s1² + s2²) / 2): 0 when both arms are constant. */
export function standardizedDifference(a: number[], b: number[]): number {
  const x = stats(a);
  const y = stats(b);
  const pooled = Math.sqrt((x.variance + y.variance) / 2);
  return pooled === 0 ? 0 : round((x.mean - y.mean) / pooled);
}

/** Per arm: counts and shares over people; and, for each covariate, the difference between each pair of arms. */
export function balanceTable(
  arms: string[],
  units: BalanceUnit[],
): { arms: ArmBalance[]; differences: StandardizedDifference[] } {
  const peopleOf = (arm: string) => units.filter((u) => u.arm === arm).flatMap((u) => u.people);
  const share = (people: BalancePerson[], pick: (p: BalancePerson) => boolean) =>
    people.length ? round(people.filter(pick).length / people.length) : 0;
  const rows = arms.map((arm) => {
    const people = peopleOf(arm);
    const byStratum: Record<string, number> = {};
    for (const u of units.filter((x) => x.arm === arm)) byStratum[u.stratum] = (byStratum[u.stratum] ?? 0) + 1;
    return {
      arm,
      applications: units.filter((u) => u.arm === arm).length,
      people: people.length,
      shareWomen: share(people, (p) => p.female),
      shareVulnerable: share(people, (p) => p.vulnerable),
      shareDisabled: share(people, (p) => p.disabled),
      meanAge: round(stats(people.map((p) => p.age)).mean),
      byStratum,
    };
  });
  const covariates: [StandardizedDifference['covariate'], (p: BalancePerson) => number][] = [
    ['women', (p) => Number(p.female)],
    ['vulnerable', (p) => Number(p.vulnerable)],
    ['disabled', (p) => Number(p.disabled)],
    ['age', (p) => p.age],
  ];
  const differences: StandardizedDifference[] = [];
  for (const [covariate, value] of covariates) {
    for (let i = 0; i < arms.length; i += 1) {
      for (let j = i + 1; j < arms.length; j += 1) {
        differences.push({
          covariate,
          arms: [arms[i], arms[j]],
          value: standardizedDifference(peopleOf(arms[i]).map(value), peopleOf(arms[j]).map(value)),
        });
      }
    }
  }
  return { arms: rows, differences };
}
