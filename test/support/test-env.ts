import { randomBytes } from 'node:crypto';

/**
 * The environment of one test run: its own database and Redis key prefix, so runs never
 * see each other's data. Set by global-setup before any test file loads.
 */
export function makeTestEnvironment(): Record<string, string> {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(base);
  url.pathname = `/grants_test_${suffix}`;
  return {
    NODE_ENV: 'test',
    DATABASE_URL: url.toString(),
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `grants-test-${suffix}`,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    PUBLIC_URL: 'http://grants.test',
    FILES_DIR: `/tmp/grants-test-files-${suffix}`,
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
    DRAW_SEAL_KEY: `test-1:${randomBytes(32).toString('hex')}`,
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
    LOG_LEVEL: 'silent',
    // Tests change data and look at the public pages again at once.
    PUBLIC_PAGE_CACHE_MS: '0',
  };
}
