import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, SignedIn } from '../access/access.decorators';
import { BulkScreeningDecisionDto, ScreeningDecisionDto } from './dto/screening.dto';
import { BulkScreeningResult, ChecklistView, ScreeningService } from './screening.service';

@ApiTags('screening')
@ApiBearerAuth()
@Controller()
export class ScreeningController {
  constructor(private readonly screening: ScreeningService) {}

  @Post('competitions/:id/screening/run')
  @CompetitionMember(['organizer'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Check every submitted application against the rulebook (overrides are kept)' })
  run(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<{ checked: number; failing: number }> {
    return this.screening.run(id, actor);
  }

  @Get('applications/:id/screening')
  @SignedIn()
  @ApiOperation({ summary: 'The checklist: organizers always, the applicant once published' })
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ChecklistView> {
    return this.screening.get(id, actor);
  }

  @Put('applications/:id/screening')
  @SignedIn()
  @ApiOperation({ summary: 'Confirm or override lines (with a comment) and decide screened in or out' })
  decide(
    @Param('id', uuidPipe) id: string,
    @Body() dto: ScreeningDecisionDto,
    @CurrentActor() actor: Actor,
  ): Promise<ChecklistView> {
    return this.screening.decide(id, dto, actor);
  }

  @Post('competitions/:id/screening/decisions')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Decide many at once: {accept: 'passing'} screens in every passing, undecided application; or {applicationIds, decision}",
  })
  decideMany(
    @Param('id', uuidPipe) id: string,
    @Body() dto: BulkScreeningDecisionDto,
    @CurrentActor() actor: Actor,
  ): Promise<BulkScreeningResult> {
    return this.screening.decideMany(id, dto, actor);
  }

  @Post('competitions/:id/screening/publish')
  @CompetitionMember(['organizer'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Tell every applicant the outcome; scoring opens' })
  publish(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<{ published: number }> {
    return this.screening.publish(id, actor);
  }
}
