import type { ConnectionOptions, DefaultJobOptions } from 'bullmq';
import { EnvironmentVariables } from '../../../config/env.validation';

export const NOTIFICATIONS_QUEUE = 'notifications';
export const SCHEDULES_QUEUE = 'schedules';

export interface SendJob {
  outboxId: string;
}

/** The row id is the job id, so relaying the same row twice adds one job; a manual retry adds a new one. */
export function sendJobId(outboxId: string, retries: number): string {
  return retries === 0 ? outboxId : `${outboxId}-retry-${retries}`;
}

function redisOptions(env: EnvironmentVariables) {
  const url = new URL(env.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

/** Producers never wait on a dead Redis: no offline queue, one retry, short timeouts. */
export function producerConnection(env: EnvironmentVariables): ConnectionOptions {
  return {
    ...redisOptions(env),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 3000,
  };
}

/** Consumers block on Redis by design and reconnect forever. */
export function consumerConnection(env: EnvironmentVariables): ConnectionOptions {
  return {
    ...redisOptions(env),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(times * 500, 5000),
  };
}

export function sendJobOptions(env: EnvironmentVariables): DefaultJobOptions {
  return {
    attempts: env.NOTIFY_MAX_ATTEMPTS,
    backoff: { type: 'exponential', delay: env.NOTIFY_BACKOFF_MS },
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}
