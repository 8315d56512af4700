import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTerritoryCsv } from './territory-csv';

describe('territory CSV', () => {
  it('the bundled file is valid and holds the territories the seeds name', () => {
    const { rows, problems } = parseTerritoryCsv(readFileSync(join(__dirname, '../data/territories.csv'), 'utf8'));
    expect(problems).toEqual([]);
    expect(rows.filter((r) => r.kind === 'region')).toHaveLength(17);
    expect(
      rows
        .filter((r) => r.kind === 'city_republican')
        .map((r) => r.code)
        .sort(),
    ).toEqual(['ALA', 'AST', 'SHY']);
    const jetisu = rows.filter((r) => r.parentCode === 'ZHT');
    expect(jetisu.filter((r) => r.kind === 'district')).toHaveLength(8);
    expect(
      jetisu
        .filter((r) => r.kind === 'city')
        .map((r) => r.nameKk)
        .sort(),
    ).toEqual(['Талдықорған', 'Текелі']);
    expect(rows.find((r) => r.parentCode === 'ULT' && r.nameKk.startsWith('Жаңаарқа'))).toBeDefined();
    expect(rows.find((r) => r.parentCode === 'MAN' && r.nameKk.startsWith('Ақтау'))).toBeDefined();
  });

  it('lists every problem of a bad file with its line', () => {
    const csv = [
      'code,parent_code,kind,name_kk,name_ru',
      'ZHT-X,NOPE,district,А,А',
      'bad code,,region,А,А',
      'ZHT-X,ZHT,village,,',
    ].join('\n');
    const { problems } = parseTerritoryCsv(csv, new Set(['ZHT']));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('line 2: parent "NOPE"'),
        expect.stringContaining('line 3: code "bad code"'),
        expect.stringContaining('line 4: code "ZHT-X" appears twice'),
        expect.stringContaining('line 4: kind "village"'),
        expect.stringContaining('line 4: both names'),
      ]),
    );
  });

  it('accepts quoted fields and a BOM, and children of regions already loaded', () => {
    const csv =
      '\uFEFFcode,parent_code,kind,name_kk,name_ru\r\n"ALM-X","ALM",district,"Аудан, жаңа","Район, новый"\r\n';
    const { rows, problems } = parseTerritoryCsv(csv, new Set(['ALM']));
    expect(problems).toEqual([]);
    expect(rows[0]).toEqual({
      code: 'ALM-X',
      parentCode: 'ALM',
      kind: 'district',
      nameKk: 'Аудан, жаңа',
      nameRu: 'Район, новый',
    });
  });
});
