import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, Public, SignedIn } from '../access/access.decorators';
import {
  AcceptedInvitationDto,
  AcceptInvitationDto,
  InvitationDto,
  InviteMemberDto,
  MembersListDto,
} from './dto/member.dto';
import { MembersService } from './members.service';

@ApiTags('competitions')
@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post('competitions/:id/members')
  @CompetitionMember(['organizer'])
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: InvitationDto })
  invite(
    @Param('id', uuidPipe) id: string,
    @Body() dto: InviteMemberDto,
    @CurrentActor() actor: Actor,
  ): Promise<InvitationDto> {
    return this.members.invite(id, dto, actor);
  }

  @Get('competitions/:id/members')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: "Active members and invitations not accepted yet (the competition's organizers, admins)" })
  @ApiOkResponse({ type: MembersListDto })
  list(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<MembersListDto> {
    return this.members.list(id, actor);
  }

  @Post('competitions/:id/invitations/:invitationId/resend')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'A new link by a new e-mail; the old link stops working' })
  @ApiOkResponse({ type: InvitationDto })
  resend(
    @Param('id', uuidPipe) id: string,
    @Param('invitationId', uuidPipe) invitationId: string,
    @CurrentActor() actor: Actor,
  ): Promise<InvitationDto> {
    return this.members.resend(id, invitationId, actor);
  }

  @Delete('competitions/:id/invitations/:invitationId')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an invitation: its link stops working and says so' })
  revoke(
    @Param('id', uuidPipe) id: string,
    @Param('invitationId', uuidPipe) invitationId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.members.revoke(id, invitationId, actor);
  }

  @Post('invitations/accept')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedInvitationDto })
  accept(@Body() dto: AcceptInvitationDto, @CurrentActor() actor: Actor): Promise<AcceptedInvitationDto> {
    return this.members.accept(dto, actor);
  }
}
