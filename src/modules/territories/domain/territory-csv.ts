import { parse } from 'csv-parse/sync';
import { TERRITORY_KINDS, TerritoryKind } from '../entities/territory.entity';

export interface TerritoryRow {
  code: string;
  parentCode: string | null;
  kind: TerritoryKind;
  nameKk: string;
  nameRu: string;
}

const HEADER = ['code', 'parent_code', 'kind', 'name_kk', 'name_ru'];
const CODE = /^[A-Z0-9-]{2,20}$/;

/** Which kind of territory each kind sits under: districts and cities in a region, city districts in Astana, Almaty, Shymkent. */
const PARENT_KIND: Readonly<Record<TerritoryKind, TerritoryKind | null>> = {
  region: null,
  city_republican: null,
  city: 'region',
  district: 'region',
  city_district: 'city_republican',
};

/**
 * Parses and checks an operator's territory CSV. `known` are territories already in the
 * database (code → kind), so a file may add districts under existing regions. Every problem
 * is listed with its line.
 */
export function parseTerritoryCsv(
  text: string,
  known: ReadonlyMap<string, TerritoryKind> = new Map(),
): { rows: TerritoryRow[]; problems: string[] } {
  const records: string[][] = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  const problems: string[] = [];
  const [header, ...body] = records;
  if (!header || header.join(',') !== HEADER.join(',')) {
    return { rows: [], problems: [`line 1: header must be exactly "${HEADER.join(',')}"`] };
  }
  const rows: TerritoryRow[] = [];
  const seen = new Map<string, TerritoryKind>();
  body.forEach((cells, i) => {
    const line = i + 2;
    if (cells.length !== HEADER.length) {
      problems.push(`line ${line}: expected ${HEADER.length} columns, got ${cells.length}`);
      return;
    }
    const [code, parent, kind, nameKk, nameRu] = cells;
    if (!CODE.test(code)) problems.push(`line ${line}: code "${code}" must match ${CODE}`);
    if (seen.has(code)) problems.push(`line ${line}: code "${code}" appears twice`);
    if (!(TERRITORY_KINDS as readonly string[]).includes(kind))
      problems.push(`line ${line}: kind "${kind}" is not one of ${TERRITORY_KINDS.join(', ')}`);
    if (!nameKk || !nameRu) problems.push(`line ${line}: both names are required`);
    const topLevel = kind === 'region' || kind === 'city_republican';
    if (topLevel && parent) problems.push(`line ${line}: a ${kind} has no parent`);
    if (!topLevel && !parent)
      problems.push(`line ${line}: a ${kind} needs a parent ${PARENT_KIND[kind as TerritoryKind] ?? 'region'}`);
    seen.set(code, kind as TerritoryKind);
    rows.push({ code, parentCode: parent || null, kind: kind as TerritoryKind, nameKk, nameRu });
  });
  for (const [i, row] of rows.entries()) {
    if (!row.parentCode) continue;
    const parentKind = seen.get(row.parentCode) ?? known.get(row.parentCode);
    const expected = PARENT_KIND[row.kind];
    if (parentKind === undefined) {
      problems.push(`line ${i + 2}: parent "${row.parentCode}" of "${row.code}" is unknown`);
    } else if (expected && parentKind !== expected) {
      problems.push(`line ${i + 2}: a ${row.kind} belongs under a ${expected}, "${row.parentCode}" is a ${parentKind}`);
    }
  }
  return { rows, problems };
}
