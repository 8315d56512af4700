import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/http/actor';
import { Page } from '../../common/pagination/pagination';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, Public, SignedIn } from '../access/access.decorators';
import { CompetitionProposals, CompetitionsService, CompetitionView, MyCompetitionView } from './competitions.service';
import { CompetitionTemplate } from './domain/competition-templates';
import { OpenCompetitionDto } from './dto/open-competition.dto';
import {
  CompetitionListQueryDto,
  CreateCompetitionDto,
  MyCompetitionsQueryDto,
  UpdateCompetitionDto,
} from './dto/competition.dto';

@ApiTags('competitions')
@Controller()
export class CompetitionsController {
  constructor(private readonly competitions: CompetitionsService) {}

  @Get('competition-templates')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Ready templates (organizers)' })
  async templates(@CurrentActor() actor: Actor): Promise<readonly CompetitionTemplate[]> {
    await this.competitions.assertCanCreate(actor);
    return this.competitions.templates();
  }

  @Post('competitions')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a competition from a template (admins and organizers); the creator organizes it' })
  create(@Body() dto: CreateCompetitionDto, @CurrentActor() actor: Actor): Promise<CompetitionView> {
    return this.competitions.create(dto, actor);
  }

  @Patch('competitions/:id')
  @CompetitionMember(['organizer'])
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Edit while a draft; once open only a later deadline (drafts are told)' })
  update(
    @Param('id', uuidPipe) id: string,
    @Body() dto: UpdateCompetitionDto,
    @CurrentActor() actor: Actor,
  ): Promise<CompetitionView> {
    return this.competitions.update(id, dto, actor);
  }

  @Get('competitions/:id/proposals')
  @CompetitionMember(['organizer'])
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Winners and fund proposed from the districts in scope, and the warnings opening would give',
  })
  proposals(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<CompetitionProposals> {
    return this.competitions.proposals(id, actor);
  }

  @Post('competitions/:id/open')
  @CompetitionMember(['organizer'])
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Open for applications; 409 OPENING_NEEDS_CONFIRMATION lists warnings until confirmed with acknowledgeWarnings',
  })
  open(
    @Param('id', uuidPipe) id: string,
    @Body() dto: OpenCompetitionDto,
    @CurrentActor() actor: Actor,
  ): Promise<CompetitionView> {
    return this.competitions.open(id, actor, { acknowledgeWarnings: dto.acknowledgeWarnings === true });
  }

  @Post('competitions/:id/close')
  @CompetitionMember(['organizer'])
  @ApiBearerAuth()
  @HttpCode(200)
  close(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<CompetitionView> {
    return this.competitions.close(id, actor);
  }

  @Get('me/competitions')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Competitions where I hold a role (drafts where I organize), with my roles' })
  mine(@Query() query: MyCompetitionsQueryDto, @CurrentActor() actor: Actor): Promise<Page<MyCompetitionView>> {
    return this.competitions.listMine(actor, query);
  }

  @Delete('competitions/:id')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft with its roles and invitations (organizers, admins); 409 once opened' })
  remove(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.competitions.remove(id, actor);
  }

  @Get('competitions')
  @Public()
  @ApiOperation({ summary: 'Published competitions' })
  list(
    @Query() query: CompetitionListQueryDto,
  ): Promise<Page<Omit<CompetitionView, 'rulebook' | 'counts' | 'version'>>> {
    return this.competitions.list(query);
  }

  @Get('competitions/:id')
  @Public()
  @ApiOperation({ summary: 'Rules, dates and counts (received, by territory); drafts only for their organizers' })
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<CompetitionView> {
    return this.competitions.view(id, actor.userId ? actor : null);
  }
}
