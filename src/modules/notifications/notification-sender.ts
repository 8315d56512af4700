import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { EnvironmentVariables } from '../../../config/env.validation';
import { MailTransport } from './mail-transport';
import { consumerConnection, NOTIFICATIONS_QUEUE, SendJob } from './notification-queue';
import { OutboxStore } from './outbox.store';
import { TemplateRenderer } from './template-renderer';

/** SMTP 5xx replies (mailbox does not exist, refused) will not change on retry. */
export function isPermanentSmtpFailure(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends one outbox message per job. The row, not the job, is the truth: the job carries
 * only the id, a row already sent is skipped, and the row records every failure.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationSender.name);
  private worker: Worker<SendJob> | undefined;
  private readonly messageIdDomain: string;

  constructor(
    private readonly store: OutboxStore,
    private readonly renderer: TemplateRenderer,
    private readonly mail: MailTransport,
    private readonly env: EnvironmentVariables,
  ) {
    this.messageIdDomain = new URL(env.PUBLIC_URL).hostname || 'grants.local';
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker<SendJob>(NOTIFICATIONS_QUEUE, (job) => this.process(job), {
      connection: consumerConnection(this.env),
      prefix: this.env.REDIS_PREFIX,
      concurrency: this.env.NOTIFY_CONCURRENCY,
      lockDuration: this.env.NOTIFY_LOCK_MS,
      stalledInterval: this.env.NOTIFY_LOCK_MS,
    });
    this.worker.on('error', (err) => this.logger.warn(`queue consumer: ${err.message}`));
  }

  /** Waits for the messages in flight; takes no new ones. */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }

  private render(...args: Parameters<TemplateRenderer['render']>) {
    try {
      return this.renderer.render(...args);
    } catch (err) {
      throw new RenderError(`template ${args[0]}/${args[1]}: ${(err as Error).message}`);
    }
  }

  async process(job: Job<SendJob>): Promise<string> {
    const row = await this.store.load(job.data.outboxId);
    if (!row || row.status === 'sent' || row.status === 'cancelled' || row.status === 'failed') return 'skipped';
    try {
      const message = this.render(row.template, row.locale, row.payload);
      const response = await this.mail.send({
        messageId: `<${row.id}@${this.messageIdDomain}>`,
        to: row.recipientEmail,
        fromName: row.senderName,
        ...message,
        headers: { 'X-Grants-Message': row.template },
      });
      await this.store.markSent(row.id, response);
      return 'sent';
    } catch (err) {
      const reason = describe(err);
      const permanent = isPermanentSmtpFailure(err) || err instanceof RenderError;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (permanent || lastAttempt) {
        await this.store.markFailed(row.id, reason);
        this.logger.warn(`message ${row.id} failed for good: ${reason}`);
        throw new UnrecoverableError(reason);
      }
      await this.store.markAttemptFailed(row.id, reason);
      throw err;
    }
  }
}

/** A template that cannot render will not render on retry either. */
class RenderError extends Error {}

function describe(err: unknown): string {
  const e = err as { message?: string; code?: string; responseCode?: number; response?: string };
  return [e.responseCode, e.code, e.response ?? e.message].filter(Boolean).join(' ');
}
