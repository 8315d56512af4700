import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { loadEnvironment } from '../../../config/load-env';
import { Clock, SystemClock } from '../clock/clock';
import { RedisConnection } from '../redis/redis.provider';
import { PostgresThrottlerStorage } from '../throttling/postgres-throttler-storage';

/** What every process shares: validated config, the clock, Redis. */
@Global()
@Module({
  imports: [
    // Per client address on /auth, counted in PostgreSQL so every API process shares the counts.
    // Generous (shared networks); the sign-in counters in identity do the real work.
    ThrottlerModule.forRootAsync({
      inject: [DataSource, Clock],
      useFactory: (db: DataSource, clock: Clock) => {
        const env = loadEnvironment();
        return {
          throttlers: [{ name: 'default', ttl: 60_000, limit: env.AUTH_RATE_LIMIT_PER_MINUTE }],
          storage: new PostgresThrottlerStorage(db, clock, env.JWT_REFRESH_SECRET),
        };
      },
    }),
  ],
  providers: [
    { provide: EnvironmentVariables, useFactory: () => loadEnvironment() },
    { provide: Clock, useClass: SystemClock },
    RedisConnection,
  ],
  exports: [EnvironmentVariables, Clock, RedisConnection],
})
export class CoreModule {}
