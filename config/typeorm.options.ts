import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One place that says where entities and migrations live, for the app, the CLI and tests. */
export function typeormOptions(databaseUrl: string): DataSourceOptions {
  const root = join(__dirname, '..');
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(root, 'src/modules/**/entities/*.entity.{ts,js}')],
    migrations: [join(root, 'migrations/*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: ['error'],
    // A request that cannot get a connection in 10 s fails with an error instead of waiting
    // forever: pool starvation (as the submit benchmark once caused) must be visible, not a hang.
    extra: { max: 20, application_name: 'grants', connectionTimeoutMillis: 10_000 },
  };
}
