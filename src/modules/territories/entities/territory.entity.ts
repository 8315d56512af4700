import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const TERRITORY_KINDS = ['region', 'city_republican', 'city', 'district'] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

/** Region (облыс) → district (аудан) or city (қала); cities of republican significance stand alone. */
@Entity('territories')
@Index(['parentCode'])
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
