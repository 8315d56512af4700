import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { EnvironmentVariables } from '../../../../config/env.validation';
import { Clock } from '../../../common/clock/clock';
import { consumerConnection, producerConnection, SCHEDULES_QUEUE } from '../notification-queue';
import { SweepRegistry } from './sweep-registry';

/**
 * Runs the registered sweeps on BullMQ job schedulers. Several workers may run: the
 * scheduler upsert is idempotent and each firing is one job, taken by one worker.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReminderScheduler.name);
  private readonly queue: Queue;
  private worker: Worker | undefined;

  constructor(
    private readonly registry: SweepRegistry,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
  ) {
    this.queue = new Queue(SCHEDULES_QUEUE, { connection: producerConnection(env), prefix: env.REDIS_PREFIX });
    this.queue.on('error', () => undefined);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker(SCHEDULES_QUEUE, (job) => this.fire(job), {
      connection: consumerConnection(this.env),
      prefix: this.env.REDIS_PREFIX,
      concurrency: 1,
    });
    this.worker.on('error', (err) => this.logger.warn(`scheduler consumer: ${err.message}`));
    for (const sweep of this.registry.all()) {
      try {
        await this.queue.upsertJobScheduler(
          sweep.name,
          { every: sweep.everyMs },
          { name: sweep.name, opts: { removeOnComplete: 100, removeOnFail: 100 } },
        );
      } catch (err) {
        // Redis is down at start: the sweep still runs when the next worker (re)starts.
        this.logger.warn(`could not schedule ${sweep.name}: ${(err as Error).message}`);
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue.close().catch(() => undefined);
  }

  /** Runs a sweep by name now; what the scheduler does on each firing. */
  async fire(job: Pick<Job, 'name'>): Promise<void> {
    const sweep = this.registry.get(job.name);
    if (!sweep) {
      this.logger.warn(`no sweep named ${job.name}; removing its schedule`);
      await this.queue.removeJobScheduler(job.name).catch(() => undefined);
      return;
    }
    await sweep.run(this.clock.now());
  }
}
