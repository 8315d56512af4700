import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { resetEnvironmentCache } from '../../config/load-env';
import { Clock } from '../../src/common/clock/clock';
import { WorkerModule } from '../../src/worker.module';
import { FakeClock } from './fake-clock';

export interface TestWorker {
  app: INestApplicationContext;
  db: DataSource;
  clock: FakeClock;
  close(): Promise<void>;
}

/**
 * The real worker module in the test process. `beforeInit` runs after the providers exist
 * and before they start (e.g. to register a reminder sweep).
 */
export async function createTestWorker(
  envOverrides: Record<string, string> = {},
  beforeInit?: (app: INestApplicationContext) => void,
): Promise<TestWorker> {
  const saved = { ...process.env };
  Object.assign(process.env, envOverrides);
  resetEnvironmentCache();
  const clock = new FakeClock();
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  // The environment is read while providers are built; later tests get theirs back.
  process.env = saved;
  resetEnvironmentCache();
  const app = moduleRef;
  app.useLogger(false);
  beforeInit?.(app);
  await app.init();
  return { app, db: app.get(DataSource), clock, close: () => app.close() };
}
