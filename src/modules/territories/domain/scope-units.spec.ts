import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPETITION_TEMPLATES } from '../../competitions/domain/competition-templates';
import { unitsInScope } from './scope-units';
import { parseTerritoryCsv } from './territory-csv';

const { rows } = parseTerritoryCsv(readFileSync(join(__dirname, '../data/territories.csv'), 'utf8'));
const codes = (scope: string[]) => {
  const { units, unknown } = unitsInScope(scope, rows);
  return { units: units.map((u) => u.code), unknown };
};

describe('the districts and cities a territory scope covers', () => {
  it('a region: its districts and cities of regional significance', () => {
    const pavlodar = codes(['PAV']);
    expect(pavlodar.units).toHaveLength(13);
    expect(pavlodar.units).toEqual(expect.arrayContaining(['PAV-PAV', 'PAV-EKI', 'PAV-AKS', 'PAV-BAY', 'PAV-SHAR']));
    expect(codes(['ZHT']).units).toHaveLength(10);
  });

  it('Astana, Almaty, Shymkent: their city districts', () => {
    expect(codes(['AST']).units).toHaveLength(6);
    expect(codes(['ALA', 'SHY']).units).toHaveLength(13);
  });

  it('a district or city as itself, each unit once, several regions together', () => {
    expect(codes(['ULT-ZHN'])).toEqual({ units: ['ULT-ZHN'], unknown: [] });
    expect(codes(['ZHT', 'ZHT-AKS']).units).toHaveLength(10);
    expect(codes(['PAV', 'ZHT']).units).toHaveLength(23);
  });

  it('names the codes that are no territory', () => {
    expect(codes(['PAV', 'XYZ'])).toEqual({ units: expect.any(Array), unknown: ['XYZ'] });
  });

  it('a city of republican significance without loaded districts counts as itself', () => {
    const onlyTop = rows.filter((r) => r.parentCode === null);
    expect(unitsInScope(['AST'], onlyTop).units.map((u) => u.code)).toEqual(['AST']);
  });

  it('every ready template names territories that exist', () => {
    for (const t of COMPETITION_TEMPLATES) {
      expect({ template: t.code, unknown: codes(t.rulebook.territory.scope).unknown }).toEqual({
        template: t.code,
        unknown: [],
      });
    }
  });
});
