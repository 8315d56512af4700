import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { EnvironmentVariables } from '../../../config/env.validation';

/**
 * The API's Redis connection. It never queues commands while Redis is away (offline queue
 * off, one retry, short timeouts): a request must not hang because Redis is down.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  readonly client: Redis;

  constructor(@Inject(EnvironmentVariables) env: EnvironmentVariables) {
    this.client = new Redis(env.REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 2000,
      lazyConnect: false,
      retryStrategy: (times) => Math.min(times * 500, 5000),
    });
    // Without a listener ioredis prints every failed reconnect; one line per state change is enough.
    let down = false;
    this.client.on('error', (err) => {
      if (!down) this.logger.warn(`redis unavailable: ${err.message}`);
      down = true;
    });
    this.client.on('ready', () => {
      if (down) this.logger.log('redis available again');
      down = false;
    });
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
