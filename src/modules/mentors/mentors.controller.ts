import { Body, Controller, Get, Param, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, SignedIn } from '../access/access.decorators';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { AssignMentorDto, LogMeetingDto, MonthQueryDto } from './dto/mentors.dto';
import {
  AssignmentResult,
  LoggedMeeting,
  MeetingView,
  MentorsOverview,
  MentorsService,
  MentorTeam,
} from './mentors.service';

@ApiTags('mentors')
@ApiBearerAuth()
@Controller()
export class MentorsController {
  constructor(private readonly mentors: MentorsService) {}

  @Get('competitions/:id/mentors')
  @CompetitionMember(['organizer'])
  @ApiOperation({
    summary:
      "Mentors who may be assigned (invited, or winners of a mentor selection) with their load, and every arm A and C team with its mentor and the month's meetings; `behind`: fewer than 2",
  })
  overview(
    @Param('id', uuidPipe) id: string,
    @Query() query: MonthQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<MentorsOverview> {
    return this.mentors.overview(id, actor, query.month);
  }

  @Put('competitions/:id/mentors/assignments')
  @CompetitionMember(['organizer'])
  @ApiOperation({
    summary:
      "Set a mentor's teams in this competition (arms A and C only); at most 2 projects and 10 people per mentor, refused by the database under concurrency",
  })
  assign(
    @Param('id', uuidPipe) id: string,
    @Body() dto: AssignMentorDto,
    @CurrentActor() actor: Actor,
  ): Promise<AssignmentResult> {
    return this.mentors.assign(id, dto, actor);
  }

  @Get('me/mentor-teams')
  @SignedIn()
  @ApiOperation({ summary: "My teams as a mentor, with their members and this month's meetings" })
  myTeams(@CurrentActor() actor: Actor): Promise<MentorTeam[]> {
    return this.mentors.myTeams(actor);
  }

  @Get('applications/:id/mentor-meetings')
  @SignedIn()
  @ApiOperation({ summary: "A team's mentor meetings: its mentor, the organizers, the applicant" })
  meetings(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<MeetingView[]> {
    return this.mentors.meetings(id, actor);
  }

  @Post('applications/:id/mentor-meetings')
  @SignedIn()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key and body → same answer' })
  @ApiOperation({
    summary:
      'The assigned mentor logs a meeting (not after today; attendees of the team only). The same team, day and topic again answers the meeting already logged (`alreadyLogged`)',
  })
  logMeeting(
    @Param('id', uuidPipe) id: string,
    @Body() dto: LogMeetingDto,
    @CurrentActor() actor: Actor,
  ): Promise<LoggedMeeting> {
    return this.mentors.logMeeting(id, dto, actor);
  }
}
