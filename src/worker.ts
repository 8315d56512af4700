import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError } from '../config/env.validation';
import { loadEnvironment } from '../config/load-env';
import { WorkerModule } from './worker.module';

/**
 * The queue worker. Shutdown hooks close queue consumers first (they stop taking jobs and
 * finish the ones in flight), then connections; SIGTERM therefore never cuts a send in half.
 */
async function main(): Promise<void> {
  loadEnvironment();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.init();
  new NestLogger('Worker').log('worker started');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
});
