import { Body, Controller, Get, Param, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, Public } from '../access/access.decorators';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { ArmsComplianceService, ArmsComplianceTable } from './arms-compliance.service';
import { CreateTrainingSessionDto, MarkAttendanceDto } from './dto/training.dto';
import {
  CreatedSession,
  MarkedAttendance,
  TrainingOverview,
  TrainingService,
  TrainingSessionDetail,
} from './training.service';

@ApiTags('training')
@ApiBearerAuth()
@Controller()
export class TrainingController {
  constructor(
    private readonly training: TrainingService,
    private readonly compliance: ArmsComplianceService,
  ) {}

  @Get('competitions/:id/training-sessions')
  @CompetitionMember(['organizer'])
  @ApiOperation({
    summary:
      "The competition's training sessions (newest first, `held` once their day has come, `present` counted) and the teams of the arms that include training, with their members",
  })
  overview(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<TrainingOverview> {
    return this.training.overview(id, actor);
  }

  @Post('competitions/:id/training-sessions')
  @CompetitionMember(['organizer'])
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key and body → same answer' })
  @ApiOperation({
    summary:
      'Plan or record a training session (day, minutes, topic, online or a place). The same day and topic again answers the session already there (`alreadyCreated`); 409 when no arm of the draw includes training',
  })
  create(
    @Param('id', uuidPipe) id: string,
    @Body() dto: CreateTrainingSessionDto,
    @CurrentActor() actor: Actor,
  ): Promise<CreatedSession> {
    return this.training.createSession(id, dto, actor);
  }

  @Get('competitions/:id/training-sessions/:sessionId')
  @CompetitionMember(['organizer'])
  @ApiOperation({ summary: 'A session with the IINs marked present and the teams who may be marked' })
  session(
    @Param('id', uuidPipe) id: string,
    @Param('sessionId', uuidPipe) sessionId: string,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingSessionDetail> {
    return this.training.session(id, sessionId, actor);
  }

  @Put('competitions/:id/training-sessions/:sessionId/attendance')
  @CompetitionMember(['organizer'])
  @ApiOperation({
    summary:
      "Who was present at a held session, as the whole list (members of the training arms' teams). The same list again changes nothing (`changed: false`); a stale `version` is 409, a session not yet held 409, a stranger 400",
  })
  mark(
    @Param('id', uuidPipe) id: string,
    @Param('sessionId', uuidPipe) sessionId: string,
    @Body() dto: MarkAttendanceDto,
    @CurrentActor() actor: Actor,
  ): Promise<MarkedAttendance> {
    return this.training.markAttendance(id, sessionId, dto, actor);
  }

  @Get('competitions/:id/arms-compliance')
  @Public()
  @ApiOperation({
    summary:
      "Assigned versus received per arm: drawn applications, and per entitlement (grant: contract active or completed with a payment; training: half of the team at half of the sessions held; mentor: assigned, 2 meetings in every full month) how many received it and the percent. The competition's organizers always (with `applications`, one row each); anyone once the draw is published (counts only), 404 before",
  })
  armsCompliance(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ArmsComplianceTable> {
    return this.compliance.table(id, actor);
  }
}
