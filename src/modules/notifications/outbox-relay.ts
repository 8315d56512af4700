import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { EnvironmentVariables } from '../../../config/env.validation';
import { NOTIFICATIONS_QUEUE, producerConnection, SendJob, sendJobId, sendJobOptions } from './notification-queue';
import { OutboxStore } from './outbox.store';

const BATCH = 500;

/**
 * Moves committed outbox rows into the queue. If Redis is down the rows simply stay in
 * the outbox (their short claim lease runs out) and go out when it is back.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queue: Queue<SendJob>;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private redisWasDown = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly env: EnvironmentVariables,
  ) {
    this.queue = new Queue<SendJob>(NOTIFICATIONS_QUEUE, {
      connection: producerConnection(env),
      prefix: env.REDIS_PREFIX,
      defaultJobOptions: sendJobOptions(env),
    });
    this.queue.on('error', () => undefined); // reported once per outage by relayOnce
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stop claiming first; the sender then finishes what it holds. */
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.queue.close().catch(() => undefined);
  }

  /** One pass; returns how many rows were queued. Exposed for tests and benchmarks. */
  async relayOnce(): Promise<number> {
    const claimed = await this.store.claim(BATCH);
    if (claimed.length === 0) return 0;
    try {
      await this.queue.addBulk(
        claimed.map((row) => ({ name: 'send', data: { outboxId: row.id }, opts: { jobId: sendJobId(row.id, row.retries) } })),
      );
    } catch (err) {
      if (!this.redisWasDown) this.logger.warn(`queue unavailable, ${claimed.length} messages wait in the outbox: ${(err as Error).message}`);
      this.redisWasDown = true;
      await this.store.release(claimed.map((r) => r.id));
      return 0;
    }
    if (this.redisWasDown) this.logger.log('queue available again');
    this.redisWasDown = false;
    await this.store.markQueued(claimed.map((r) => r.id));
    return claimed.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let queued = 0;
      try {
        queued = await this.relayOnce();
      } catch (err) {
        this.logger.error(`relay pass failed: ${(err as Error).message}`);
      }
      if (queued < BATCH && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.env.RELAY_INTERVAL_MS);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
