import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxMessage } from './entities/outbox-message.entity';
import { InboxService } from './inbox.service';
import { NotificationAdminService } from './notification-admin.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { SweepRegistry } from './scheduler/sweep-registry';
import { TemplateRenderer } from './template-renderer';

/** What every process needs: enqueueing in a transaction, the inbox, the sweep registry. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  controllers: [NotificationsController],
  providers: [NotificationsService, TemplateRenderer, SweepRegistry, NotificationAdminService, InboxService],
  exports: [NotificationsService, TemplateRenderer, SweepRegistry, InboxService, NotificationAdminService],
})
export class NotificationsModule {}
