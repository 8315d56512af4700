import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { EnvironmentVariables } from '../../../config/env.validation';
import { NOTIFICATIONS_QUEUE, producerConnection, SendJob, sendJobId, sendJobOptions } from './notification-queue';
import { OutboxStore } from './outbox.store';

const BATCH = 500;
const RECONNECT_AFTER_MS = 3000;
/** While Redis is away the relay asks at most this often. */
const OUTAGE_PAUSE_MS = 1000;

/**
 * Moves committed outbox rows into the queue. If Redis is down the rows simply stay in
 * the outbox (their short claim lease runs out) and go out when it is back.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private queue: Queue<SendJob>;
  private failingSince: number | null = null;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private redisWasDown = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly env: EnvironmentVariables,
  ) {
    this.queue = this.createQueue();
  }

  private createQueue(): Queue<SendJob> {
    const queue = new Queue<SendJob>(NOTIFICATIONS_QUEUE, {
      connection: producerConnection(this.env),
      prefix: this.env.REDIS_PREFIX,
      defaultJobOptions: sendJobOptions(this.env),
    });
    queue.on('error', () => undefined); // reported once per outage by relayOnce
    return queue;
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

  /** One pass; returns how many rows were queued, or -1 when the queue was unreachable. Exposed for tests and benchmarks. */
  async relayOnce(): Promise<number> {
    const claimed = await this.store.claim(BATCH);
    if (claimed.length === 0) return 0;
    try {
      await this.queue.addBulk(
        claimed.map((row) => ({
          name: 'send',
          data: { outboxId: row.id },
          opts: { jobId: sendJobId(row.id, row.retries) },
        })),
      );
    } catch (err) {
      if (!this.redisWasDown)
        this.logger.warn(`queue unavailable, ${claimed.length} messages wait in the outbox: ${(err as Error).message}`);
      this.redisWasDown = true;
      await this.store.release(claimed.map((r) => r.id));
      // A connection that dropped mid-pipeline can stay unusable after Redis returns (seen in
      // the outage test): after a few seconds of failures, start over with a fresh one.
      this.failingSince ??= Date.now();
      if (Date.now() - this.failingSince > RECONNECT_AFTER_MS) {
        const stale = this.queue;
        this.queue = this.createQueue();
        this.failingSince = Date.now();
        void stale.close().catch(() => undefined);
      }
      return -1;
    }
    this.failingSince = null;
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
        const pause = queued < 0 ? Math.max(this.env.RELAY_INTERVAL_MS, OUTAGE_PAUSE_MS) : this.env.RELAY_INTERVAL_MS;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pause);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
