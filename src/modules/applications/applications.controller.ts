import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { Page, PageQueryDto } from '../../common/pagination/pagination';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn, VerifiedEmail } from '../access/access.decorators';
import { IdempotencyInterceptor, IdempotencyTicketOf } from '../idempotency/idempotency.interceptor';
import type { IdempotencyTicket } from '../idempotency/idempotency.service';
import { ApplicationsService, ApplicationView } from './applications.service';
import { BudgetDto, CreateApplicationDto, TeamDto, UpdateApplicationDto } from './dto/application.dto';
import { SubmissionReceipt, SubmitApplicationService } from './use-cases/submit-application/submit-application.service';

const idempotencyHeader = {
  name: 'Idempotency-Key',
  required: false,
  description: 'repeat the request safely: same key and body → same answer',
};

@ApiTags('applications')
@ApiBearerAuth()
@Controller()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly submission: SubmitApplicationService,
  ) {}

  @Post('competitions/:id/applications')
  @SignedIn()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader(idempotencyHeader)
  @ApiOperation({ summary: 'Start a draft application' })
  create(
    @Param('id', uuidPipe) competitionId: string,
    @Body() dto: CreateApplicationDto,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.applications.createDraft(competitionId, dto, actor);
  }

  @Get('applications/:id')
  @SignedIn()
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ApplicationView> {
    return this.applications.get(id, actor);
  }

  @Patch('applications/:id')
  @SignedIn()
  @ApiOperation({ summary: 'Save draft content (may be incomplete; submit checks everything)' })
  update(
    @Param('id', uuidPipe) id: string,
    @Body() dto: UpdateApplicationDto,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.applications.update(id, dto, actor);
  }

  @Put('applications/:id/team')
  @SignedIn()
  putTeam(
    @Param('id', uuidPipe) id: string,
    @Body() dto: TeamDto,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.applications.putTeam(id, dto, actor);
  }

  @Put('applications/:id/budget')
  @SignedIn()
  @ApiOperation({ summary: 'Budget lines in integer tenge; totals are computed by the server' })
  putBudget(
    @Param('id', uuidPipe) id: string,
    @Body() dto: BudgetDto,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.applications.putBudget(id, dto, actor);
  }

  @Post('applications/:id/submit')
  @SignedIn()
  @VerifiedEmail()
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader(idempotencyHeader)
  @ApiOperation({ summary: 'Submit: every rule re-checked, deadline enforced, public number given, receipt e-mailed' })
  submit(
    @Param('id', uuidPipe) id: string,
    @CurrentActor() actor: Actor,
    @IdempotencyTicketOf() ticket: IdempotencyTicket | undefined,
  ): Promise<SubmissionReceipt> {
    return this.submission.submit(id, actor, ticket);
  }

  @Post('applications/:id/withdraw')
  @SignedIn()
  @HttpCode(200)
  withdraw(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<{ status: 'withdrawn' }> {
    return this.submission.withdraw(id, actor);
  }

  @Get('me/applications')
  @SignedIn()
  mine(@Query() query: PageQueryDto, @CurrentActor() actor: Actor): Promise<Page<Record<string, unknown>>> {
    return this.applications.listMine(actor, query);
  }
}
