import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { unitsInScope } from './domain/scope-units';
import { parseTerritoryCsv } from './domain/territory-csv';
import { Territory, TerritoryKind } from './entities/territory.entity';

export const BUNDLED_TERRITORIES_CSV = join(__dirname, 'data/territories.csv');

export interface TerritoryView {
  code: string;
  parentCode: string | null;
  kind: TerritoryKind;
  name: { kk: string; ru: string };
}

@Injectable()
export class TerritoriesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Without `parent`: regions and cities of republican significance; with it: its districts, cities or city districts. */
  async list(parent?: string): Promise<TerritoryView[]> {
    const rows = await this.db.getRepository(Territory).find({
      where: { parentCode: parent ?? IsNull() },
      order: { kind: 'ASC', nameKk: 'ASC' },
    });
    return rows.map((t) => this.viewOf(t));
  }

  private viewOf(t: Territory): TerritoryView {
    return { code: t.code, parentCode: t.parentCode, kind: t.kind, name: { kk: t.nameKk, ru: t.nameRu } };
  }

  async find(code: string, manager: EntityManager = this.db.manager): Promise<Territory | null> {
    return manager.getRepository(Territory).findOneBy({ code });
  }

  /** The names of the territories with these codes, in one query; unknown codes are absent. */
  async namesOf(codes: readonly string[]): Promise<Map<string, { kk: string; ru: string }>> {
    const wanted = [...new Set(codes)];
    const rows = wanted.length ? await this.db.getRepository(Territory).findBy({ code: In(wanted) }) : [];
    return new Map(rows.map((t) => [t.code, { kk: t.nameKk, ru: t.nameRu }]));
  }

  /** True when `code` is `scope` itself or lies inside it (one level: region → district/city, big city → city district). */
  async isWithin(code: string, scope: string): Promise<boolean> {
    if (code === scope) return true;
    const t = await this.find(code);
    return t?.parentCode === scope;
  }

  /**
   * The districts and cities (city districts in Astana, Almaty, Shymkent) a competition's
   * territory scope covers, in list order, and the scope codes that name no territory.
   */
  async unitsInScope(
    scope: readonly string[],
    manager: EntityManager = this.db.manager,
  ): Promise<{ units: TerritoryView[]; unknown: string[] }> {
    const rows = scope.length
      ? await manager.getRepository(Territory).find({
          where: [{ code: In([...scope]) }, { parentCode: In([...scope]) }],
          order: { parentCode: 'ASC', kind: 'ASC', nameKk: 'ASC' },
        })
      : [];
    const { units, unknown } = unitsInScope(scope, rows);
    return { units: units.map((t) => this.viewOf(t)), unknown };
  }

  /** Upserts the rows of a CSV (the bundled one by default); nothing is written if any row is bad. */
  async loadCsv(path = BUNDLED_TERRITORIES_CSV): Promise<{ loaded: number; problems: string[] }> {
    const existing = await this.db.getRepository(Territory).find({ select: { code: true, kind: true } });
    const { rows, problems } = parseTerritoryCsv(
      readFileSync(path, 'utf8'),
      new Map(existing.map((t) => [t.code, t.kind])),
    );
    if (problems.length > 0) return { loaded: 0, problems };
    const ordered = [...rows].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
    await this.db.transaction(async (tx) => {
      await tx.getRepository(Territory).upsert(ordered, ['code']);
    });
    return { loaded: rows.length, problems: [] };
  }
}
