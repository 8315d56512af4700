import type { TerritoryKind } from '../entities/territory.entity';

export interface TerritoryNode {
  code: string;
  parentCode: string | null;
  kind: TerritoryKind;
}

/**
 * The districts and cities a competition's territory covers, each of which can have its own
 * winner under "one winner per district (city)":
 *  - a region counts as its districts and cities of regional significance;
 *  - Astana, Almaty or Shymkent as its city districts (the city itself when none are loaded);
 *  - a district, city or city district as itself.
 * A unit named twice (a region and one of its districts) counts once. `known` must hold the
 * scope's territories and their children; scope codes not in it are returned as `unknown`.
 */
export function unitsInScope<T extends TerritoryNode>(
  scope: readonly string[],
  known: readonly T[],
): { units: T[]; unknown: string[] } {
  const byCode = new Map(known.map((t) => [t.code, t]));
  const units = new Map<string, T>();
  const unknown: string[] = [];
  for (const code of scope) {
    const territory = byCode.get(code);
    if (!territory) {
      unknown.push(code);
      continue;
    }
    const children = known.filter((t) => t.parentCode === code && isUnit(t.kind));
    const covered = territory.parentCode === null && children.length > 0 ? children : [territory];
    for (const unit of covered) units.set(unit.code, unit);
  }
  return { units: [...units.values()], unknown };
}

function isUnit(kind: TerritoryKind): boolean {
  return kind === 'district' || kind === 'city' || kind === 'city_district';
}
