import { createHmac } from 'node:crypto';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock/clock';

/**
 * @nestjs/throttler's counters in PostgreSQL (the `rate_limit_counters` table) instead of
 * the process's memory, so every API process counts together and a restart forgets nothing.
 * Fixed windows of `ttl`: one `INSERT … ON CONFLICT DO UPDATE … RETURNING` per request, so
 * concurrent requests each see their own hit. A request over the limit is refused until the
 * window ends. Keys are HMACs: no client address in clear.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly secret: string,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now();
    const hashed = createHmac('sha256', this.secret).update(`throttler:${throttlerName}:${key}`).digest('hex');
    const rows: { hits: number; window_started_at: Date }[] = await this.db.query(
      `INSERT INTO rate_limit_counters (key, hits, window_started_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_counters.window_started_at <= $3 THEN 1 ELSE rate_limit_counters.hits + 1 END,
         window_started_at = CASE WHEN rate_limit_counters.window_started_at <= $3 THEN $2
                                  ELSE rate_limit_counters.window_started_at END
       RETURNING hits, window_started_at`,
      [hashed, now, new Date(now.getTime() - ttl)],
    );
    const { hits, window_started_at: started } = rows[0];
    const timeToExpire = Math.max(1, Math.ceil((new Date(started).getTime() + ttl - now.getTime()) / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}
