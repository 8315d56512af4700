import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { EnvironmentVariables } from '../../../config/env.validation';
import { loadEnvironment } from '../../../config/load-env';
import { Clock, SystemClock } from '../clock/clock';
import { RedisConnection } from '../redis/redis.provider';

/** What every process shares: validated config, the clock, Redis. */
@Global()
@Module({
  imports: [
    // In-memory counters: per API process. Several API replicas would need a shared store.
    ThrottlerModule.forRootAsync({
      useFactory: () => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: loadEnvironment().AUTH_RATE_LIMIT_PER_MINUTE }],
      }),
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
