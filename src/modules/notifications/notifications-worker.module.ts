import { Module } from '@nestjs/common';
import { MailTransport } from './mail-transport';
import { NotificationSender } from './notification-sender';
import { OutboxRelay } from './outbox-relay';
import { OutboxStore } from './outbox.store';
import { ReminderScheduler } from './scheduler/reminder-scheduler';

/** The delivery side, only in the worker process: relay, sender, scheduler. */
@Module({
  providers: [OutboxStore, OutboxRelay, NotificationSender, MailTransport, ReminderScheduler],
  exports: [OutboxRelay, OutboxStore],
})
export class NotificationsWorkerModule {}
