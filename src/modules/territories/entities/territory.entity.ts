import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const TERRITORY_KINDS = ['region', 'city_republican', 'city', 'district', 'city_district'] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

/**
 * Region (облыс) → district (аудан) or city of regional significance (қала); a city of
 * republican significance (Astana, Almaty, Shymkent) → its city districts (қаладағы аудан).
 */
@Entity('territories')
@Index(['parentCode'])
@Check('chk_territories_kind', `"kind" IN ('region', 'city_republican', 'city', 'district', 'city_district')`)
export class Territory {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  parentCode: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind: TerritoryKind;

  @Column({ type: 'varchar', length: 120 })
  nameKk: string;

  @Column({ type: 'varchar', length: 120 })
  nameRu: string;
}
