import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProtocolService } from './protocol.service';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { DocumentLanguageQueryDto } from '../../common/i18n/document-language.dto';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, Public, SignedIn, VerifiedEmail } from '../access/access.decorators';
import { CommissionOverview } from './commission-overview.service';
import { CommissionService } from './commission.service';
import { AssignDto, CloseScoringDto, DeclareConflictDto, PutScoresDto, ResolveSuggestionDto } from './dto/scoring.dto';
import { RankingRow, ResultsService } from './results.service';
import { sendDocument } from '../files/download';

@ApiTags('scoring')
@ApiBearerAuth()
@Controller()
export class ScoringController {
  constructor(
    private readonly commission: CommissionService,
    private readonly overview: CommissionOverview,
    private readonly results: ResultsService,
    private readonly protocol: ProtocolService,
  ) {}

  @Post('competitions/:id/results/publish')
  @CompetitionMember(['organizer'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish results and the protocol; every applicant is told' })
  publish(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.results.publish(id, actor);
  }

  @Get('competitions/:id/protocol.docx')
  @Public()
  @ApiOperation({
    summary: 'The commission protocol (DOCX, kk or ru): organizers after close, everyone after publication',
  })
  async protocolDocx(
    @Param('id', uuidPipe) id: string,
    @Query() query: DocumentLanguageQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = query.lang ?? actor.locale;
    const file = await this.protocol.build(id, locale, actor.userId ? actor : null);
    // Signed in: an organizer's copy (perhaps before publication); else the published protocol anyone may read.
    sendDocument(reply, {
      kind: 'docx',
      fileName: `protocol-${id.slice(0, 8)}-${locale}.docx`,
      body: file,
      cache: actor.userId ? 'private' : 'shared',
    });
  }

  @Get('competitions/:id/commission/applications')
  @CompetitionMember(['commission'])
  @ApiOperation({
    summary:
      'Applications that passed screening (number, title, applicant, organization, team names, my conflict), to declare conflicts before assignment; no answers or budget',
  })
  applicationsForConflicts(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.overview.applicationsForConflicts(id, actor);
  }

  @Post('competitions/:id/conflicts')
  @CompetitionMember(['commission'])
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Declare a conflict of interest: the application is never shown to or counted for me; if it was assigned to me, the least-loaded free member takes my place on it (nobody free: it stays short)',
  })
  declare(
    @Param('id', uuidPipe) id: string,
    @Body() dto: DeclareConflictDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.commission.declareConflict(id, dto, actor);
  }

  @Post('competitions/:id/conflicts/suggestions')
  @CompetitionMember(['commission'])
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Confirm or dismiss (with a reason) a conflict the system suggested; a confirmed one after assignment replaces me on that application only',
  })
  resolve(
    @Param('id', uuidPipe) id: string,
    @Body() dto: ResolveSuggestionDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.commission.resolveSuggestion(id, dto, actor);
  }

  @Post('competitions/:id/assignments')
  @CompetitionMember(['organizer'])
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign screened-in applications to the commission (all members, or a quorum Q with balanced load)',
  })
  assign(@Param('id', uuidPipe) id: string, @Body() dto: AssignDto, @CurrentActor() actor: Actor) {
    return this.commission.assign(id, dto, actor);
  }

  @Get('competitions/:id/assignments')
  @CompetitionMember(['commission'])
  @ApiOperation({
    summary: 'What I must score (answers, budget, team names and ages, documents), and how far I am',
  })
  mine(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.overview.myAssignments(id, actor);
  }

  @Get('competitions/:id/scoring/progress')
  @CompetitionMember(['organizer'])
  @ApiOperation({
    summary:
      'Scoring progress per commission member (name, assigned, scored, conflicts) and the applications short of the quorum',
  })
  progress(@Param('id', uuidPipe) id: string) {
    return this.overview.progress(id);
  }

  @Get('applications/:id/scores/me')
  @SignedIn()
  myScores(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.commission.myScores(id, actor);
  }

  @Put('applications/:id/scores/me')
  @SignedIn()
  @VerifiedEmail()
  @ApiOperation({ summary: 'My scores of an assigned application; 409 on a stale version' })
  putScores(@Param('id', uuidPipe) id: string, @Body() dto: PutScoresDto, @CurrentActor() actor: Actor) {
    return this.commission.putScores(id, dto, actor);
  }

  @Post('competitions/:id/scoring/close')
  @CompetitionMember(['organizer'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Close scoring; refused below quorum unless forced with a reason' })
  close(@Param('id', uuidPipe) id: string, @Body() dto: CloseScoringDto, @CurrentActor() actor: Actor) {
    return this.results.close(id, dto, actor);
  }

  @Get('competitions/:id/ranking')
  @Public()
  @ApiOperation({
    summary:
      'Ranking by mean with the published tie-break; organizers after close, everyone after publication; before that 409 RESULTS_NOT_YET',
  })
  ranking(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<RankingRow[]> {
    return this.results.ranking(id, actor.userId ? actor : null);
  }

  @Post('competitions/:id/selection')
  @CompetitionMember(['organizer'])
  @HttpCode(200)
  @ApiOperation({ summary: "Apply the rulebook's selection rule; every application gets its reason" })
  selection(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.results.selection(id, actor);
  }
}
