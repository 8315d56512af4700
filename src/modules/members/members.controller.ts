import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, Public } from '../access/access.decorators';
import { AcceptedInvitationDto, AcceptInvitationDto, InvitationDto, InviteMemberDto } from './dto/member.dto';
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

  @Post('invitations/accept')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedInvitationDto })
  accept(@Body() dto: AcceptInvitationDto, @CurrentActor() actor: Actor): Promise<AcceptedInvitationDto> {
    return this.members.accept(dto, actor);
  }
}
