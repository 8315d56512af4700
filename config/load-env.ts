import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EnvironmentVariables, validateEnvironment } from './env.validation';

let cached: EnvironmentVariables | undefined;

/**
 * Reads `.env` (if present, never overriding real environment variables) and validates.
 * Every process (API, worker, CLI, TypeORM CLI) goes through here, so they agree.
 */
export function loadEnvironment(): EnvironmentVariables {
  if (cached) return cached;
  const file = resolve(process.cwd(), '.env');
  // Node's own loader (20.12+) never overrides variables already set in the environment.
  if (existsSync(file)) process.loadEnvFile(file);
  cached = validateEnvironment(process.env);
  return cached;
}

/** Tests build several app instances with different variables in one process. */
export function resetEnvironmentCache(): void {
  cached = undefined;
}
