import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TerritoryKind } from '../entities/territory.entity';
import { parseTerritoryCsv, TerritoryRow } from './territory-csv';

/**
 * The 51 territories bundled before the whole country was, exactly as they were: applications,
 * organizations and rulebooks already stored name these codes, so each must keep its meaning.
 */
const FIRST_51 = [
  'ABA,,region,Абай облысы,область Абай',
  'AKM,,region,Ақмола облысы,Акмолинская область',
  'AKT,,region,Ақтөбе облысы,Актюбинская область',
  'ALM,,region,Алматы облысы,Алматинская область',
  'ATY,,region,Атырау облысы,Атырауская область',
  'KAR,,region,Қарағанды облысы,Карагандинская область',
  'KUS,,region,Қостанай облысы,Костанайская область',
  'KZY,,region,Қызылорда облысы,Кызылординская область',
  'MAN,,region,Маңғыстау облысы,Мангистауская область',
  'PAV,,region,Павлодар облысы,Павлодарская область',
  'SKO,,region,Солтүстік Қазақстан облысы,Северо-Казахстанская область',
  'TUR,,region,Түркістан облысы,Туркестанская область',
  'ULT,,region,Ұлытау облысы,область Ұлытау',
  'VKO,,region,Шығыс Қазақстан облысы,Восточно-Казахстанская область',
  'ZHA,,region,Жамбыл облысы,Жамбылская область',
  'ZHT,,region,Жетісу облысы,область Жетісу',
  'ZKO,,region,Батыс Қазақстан облысы,Западно-Казахстанская область',
  'ALA,,city_republican,Алматы,Алматы',
  'AST,,city_republican,Астана,Астана',
  'SHY,,city_republican,Шымкент,Шымкент',
  'ABA-SEM,ABA,city,Семей,Семей',
  'AKM-KOK,AKM,city,Көкшетау,Кокшетау',
  'AKT-AKT,AKT,city,Ақтөбе,Актобе',
  'ALM-KON,ALM,city,Қонаев,Конаев',
  'ATY-ATY,ATY,city,Атырау,Атырау',
  'KAR-KAR,KAR,city,Қарағанды,Караганда',
  'KUS-KOS,KUS,city,Қостанай,Костанай',
  'KZY-KZY,KZY,city,Қызылорда,Кызылорда',
  'MAN-AKT,MAN,city,Ақтау,Актау',
  'MAN-ZHO,MAN,city,Жаңаөзен,Жанаозен',
  'PAV-PAV,PAV,city,Павлодар,Павлодар',
  'SKO-PET,SKO,city,Петропавл,Петропавловск',
  'TUR-TUR,TUR,city,Түркістан,Туркестан',
  'ULT-KRZ,ULT,city,Қаражал,Каражал',
  'ULT-SAT,ULT,city,Сәтбаев,Сатпаев',
  'ULT-ZHE,ULT,city,Жезқазған,Жезказган',
  'ULT-ZHN,ULT,district,Жаңаарқа ауданы,Жанааркинский район',
  'VKO-OSK,VKO,city,Өскемен,Усть-Каменогорск',
  'ZHA-TAR,ZHA,city,Тараз,Тараз',
  'ZHT-TDK,ZHT,city,Талдықорған,Талдыкорган',
  'ZHT-TEK,ZHT,city,Текелі,Текели',
  'ZHT-AKS,ZHT,district,Ақсу ауданы,Аксуский район',
  'ZHT-ALK,ZHT,district,Алакөл ауданы,Алакольский район',
  'ZHT-ESK,ZHT,district,Ескелді ауданы,Ескельдинский район',
  'ZHT-KOK,ZHT,district,Көксу ауданы,Коксуский район',
  'ZHT-KRB,ZHT,district,Кербұлақ ауданы,Кербулакский район',
  'ZHT-KRT,ZHT,district,Қаратал ауданы,Каратальский район',
  'ZHT-PAN,ZHT,district,Панфилов ауданы,Панфиловский район',
  'ZHT-SAR,ZHT,district,Сарқан ауданы,Саркандский район',
  'ZKO-ORA,ZKO,city,Орал,Уральск',
];

const bundled = (): TerritoryRow[] => {
  const { rows, problems } = parseTerritoryCsv(readFileSync(join(__dirname, '../data/territories.csv'), 'utf8'));
  expect(problems).toEqual([]);
  return rows;
};

describe('territory CSV', () => {
  it('the bundled file is valid and holds the territories the seeds name', () => {
    const rows = bundled();
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

  it('the bundled file is the whole country: 170 districts, 39 cities, 19 districts of the three big cities', () => {
    const rows = bundled();
    const count = (kind: string) => rows.filter((r) => r.kind === kind).length;
    expect({
      region: count('region'),
      city_republican: count('city_republican'),
      district: count('district'),
      city: count('city'),
      city_district: count('city_district'),
    }).toEqual({ region: 17, city_republican: 3, district: 170, city: 39, city_district: 19 });
    const children = (parent: string) => rows.filter((r) => r.parentCode === parent);
    expect(children('PAV').map((r) => r.nameKk)).toEqual(
      expect.arrayContaining(['Павлодар', 'Ақсу', 'Екібастұз', 'Баянауыл ауданы', 'Павлодар ауданы']),
    );
    expect(children('PAV')).toHaveLength(13);
    expect(children('ALA').map((r) => r.kind)).toEqual(Array(8).fill('city_district'));
    expect(children('AST')).toHaveLength(6);
    expect(children('SHY')).toHaveLength(5);
    for (const row of rows) {
      if (row.kind === 'district' || row.kind === 'city_district') {
        expect({ code: row.code, kk: /ауданы?$/.test(row.nameKk), ru: /район/.test(row.nameRu) }).toEqual({
          code: row.code,
          kk: true,
          ru: true,
        });
      }
    }
  });

  it('every one of the first 51 codes keeps its parent, kind and names', () => {
    const byCode = new Map(bundled().map((r) => [r.code, r]));
    for (const line of FIRST_51) {
      const [code, parent, kind, nameKk, nameRu] = line.split(',');
      expect(byCode.get(code)).toEqual({ code, parentCode: parent || null, kind, nameKk, nameRu });
    }
  });

  it('puts districts and cities under a region and city districts under a city of republican significance', () => {
    const csv = [
      'code,parent_code,kind,name_kk,name_ru',
      'ALA-X,ALA,district,Х ауданы,район Х',
      'ZHT-Y,ZHT,city_district,Ү ауданы,район Ү',
      'ALA-Z,ALA,city_district,Z ауданы,район Z',
      'PAV-W,PAV,district,W ауданы,район W',
      'ZHT-Q,,district,Q ауданы,район Q',
    ].join('\n');
    const known = new Map<string, TerritoryKind>([
      ['ALA', 'city_republican'],
      ['ZHT', 'region'],
    ]);
    const { problems } = parseTerritoryCsv(csv, known);
    expect(problems).toEqual([
      'line 6: a district needs a parent region',
      'line 2: a district belongs under a region, "ALA" is a city_republican',
      'line 3: a city_district belongs under a city_republican, "ZHT" is a region',
      'line 5: parent "PAV" of "PAV-W" is unknown',
    ]);
  });

  it('lists every problem of a bad file with its line', () => {
    const csv = [
      'code,parent_code,kind,name_kk,name_ru',
      'ZHT-X,NOPE,district,А,А',
      'bad code,,region,А,А',
      'ZHT-X,ZHT,village,,',
    ].join('\n');
    const { problems } = parseTerritoryCsv(csv, new Map<string, TerritoryKind>([['ZHT', 'region']]));
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
    const { rows, problems } = parseTerritoryCsv(csv, new Map<string, TerritoryKind>([['ALM', 'region']]));
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
