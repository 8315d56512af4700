import Redis from 'ioredis';
import { dropDatabase } from '../../src/cli/database-setup';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url && /grants_test_/.test(url) && !process.env.KEEP_TEST_DB) await dropDatabase(url);
  const prefix = process.env.REDIS_PREFIX;
  if (prefix?.startsWith('grants-test-')) {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } catch {
      // Redis may have been stopped by a failure test; nothing to clean then.
    } finally {
      redis.disconnect();
    }
  }
}
