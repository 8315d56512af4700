import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { Public, SignedIn } from '../access/access.decorators';
import { IdempotencyInterceptor, IdempotencyTicketOf } from '../idempotency/idempotency.interceptor';
import type { IdempotencyTicket } from '../idempotency/idempotency.service';
import { CreateSurveyLinksDto, SubmitSurveyDto } from './dto/survey.dto';
import { CompetitionSurveyResults, PublicSurvey, SurveyBatchView, SurveysService } from './surveys.service';

@ApiTags('surveys')
@Controller()
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post('contracts/:id/survey-links')
  @SignedIn()
  @ApiBearerAuth()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key and body → the same links' })
  @ApiOperation({
    summary: "Make `count` survey links for the project of a contract in force (the competition's organizers)",
    description:
      'Each link has a long random token (`url`, to send) and a short code (`code`, `KM4P-Q7XA`, for a paper list ' +
      'typed at `/s`). The questions are frozen in the links as the rulebook has them now. A contract that is not ' +
      'active or completed: 409 SURVEY_CONTRACT_NOT_IN_FORCE; a rulebook with `survey: null`: 409 ' +
      "SURVEY_NOT_IN_RULEBOOK; someone else's contract: 404.",
  })
  createLinks(
    @Param('id', uuidPipe) id: string,
    @Body() dto: CreateSurveyLinksDto,
    @CurrentActor() actor: Actor,
    @IdempotencyTicketOf() ticket: IdempotencyTicket | undefined,
  ): Promise<SurveyBatchView> {
    return this.surveys.createLinks(id, dto, actor, { ticket });
  }

  @Get('contracts/:id/survey-links')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: "The contract's survey links, batch by batch (the competition's organizers)" })
  links(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<SurveyBatchView[]> {
    return this.surveys.linksOfContract(id, actor);
  }

  @Get('competitions/:id/survey')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Survey results per project and for the competition, against the target share (organizers)',
    description:
      '`satisfiedShare` = satisfied / answers (null without answers), `meetsTarget` compares it with `target` ' +
      "(the rulebook's, 0.8 by default); per question the mean and the 1–5 distribution, or the texts.",
  })
  results(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<CompetitionSurveyResults> {
    return this.surveys.results(id, actor);
  }

  @Get('public/surveys/:token')
  @Public()
  @ApiOperation({
    summary: "A survey by its link's token or its short code: the questions, and whether it was answered",
  })
  publicSurvey(@Param('token') token: string): Promise<PublicSurvey> {
    return this.surveys.publicSurvey(token);
  }

  @Post('public/surveys/:token')
  @Public()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Answer the survey, once per link',
    description:
      'Every scale question needs a whole 1–5; texts are optional. A second answer: 409 SURVEY_ALREADY_ANSWERED, ' +
      'nothing changed; an unknown token or code: 404.',
  })
  submit(
    @Param('token') token: string,
    @Body() dto: SubmitSurveyDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ answeredAt: string }> {
    return this.surveys.submit(token, dto, actor);
  }
}
