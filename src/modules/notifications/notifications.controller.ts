import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { Page, PageQueryDto } from '../../common/pagination/pagination';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../access/access.decorators';
import { FailedMessageDto, FailedQueryDto, InboxPageDto } from './dto/notification.dto';
import { InboxService } from './inbox.service';
import { NotificationAdminService } from './notification-admin.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly admin: NotificationAdminService,
    private readonly inbox: InboxService,
  ) {}

  @Get('notifications/failed')
  @SignedIn()
  failed(@Query() query: FailedQueryDto, @CurrentActor() actor: Actor): Promise<Page<FailedMessageDto>> {
    return this.admin.listFailed(actor, query);
  }

  @Post('notifications/:id/retry')
  @SignedIn()
  @HttpCode(202)
  retry(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.admin.retry(id, actor);
  }

  @Get('me/notifications')
  @SignedIn()
  @ApiOkResponse({ type: InboxPageDto })
  myNotifications(@Query() query: PageQueryDto, @CurrentActor() actor: Actor): Promise<InboxPageDto> {
    return this.inbox.list(actor.userId!, query);
  }

  @Post('me/notifications/read-all')
  @SignedIn()
  @HttpCode(204)
  readAll(@CurrentActor() actor: Actor): Promise<void> {
    return this.inbox.markAllRead(actor.userId!);
  }

  @Post('me/notifications/:id/read')
  @SignedIn()
  @HttpCode(204)
  read(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.inbox.markRead(actor.userId!, id);
  }
}
