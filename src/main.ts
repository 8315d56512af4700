import 'reflect-metadata';
import { loadEnvironment } from '../config/load-env';
import { ConfigError } from '../config/env.validation';
import { createHttpApp } from './bootstrap/http-app';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const app = await createHttpApp();
  app.enableShutdownHooks();
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
}

main().catch((err: unknown) => {
  // Config errors are for the operator: print the message, not a stack.
  process.stderr.write(`${err instanceof ConfigError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
});
