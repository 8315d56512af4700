import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '../../src/cli/database-setup';
import { parseTerritoryCsv } from '../../src/modules/territories/domain/territory-csv';
import { makeTestEnvironment } from './test-env';

/** A fresh database per run, migrated with the committed migrations (never synchronize). */
export default async function globalSetup(): Promise<void> {
  const env = makeTestEnvironment();
  Object.assign(process.env, env);
  await ensureDatabase(env.DATABASE_URL);
  await runMigrations(env.DATABASE_URL);
  const { rows } = parseTerritoryCsv(
    readFileSync(join(__dirname, '../../src/modules/territories/data/territories.csv'), 'utf8'),
  );
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  for (const r of rows) {
    await client.query('INSERT INTO territories (code, parent_code, kind, name_kk, name_ru) VALUES ($1,$2,$3,$4,$5)', [
      r.code,
      r.parentCode,
      r.kind,
      r.nameKk,
      r.nameRu,
    ]);
  }
  await client.end();
}
