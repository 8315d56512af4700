import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, CurrentActor } from '../../common/http/actor';
import { DocumentLanguageQueryDto } from '../../common/i18n/document-language.dto';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, Public, SignedIn } from '../access/access.decorators';
import { brokenMultipart, readHandover } from './awards-http';
import { AwardsOverview, AwardsService, AwardView } from './awards.service';
import { SaveAwardDto } from './dto/award.dto';
import { sendDocument, sendStoredFile } from '../files/download';

@ApiTags('awards')
@ApiBearerAuth()
@Controller()
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

  @Get('competitions/:id/awards')
  @CompetitionMember(['organizer'])
  @ApiOperation({
    summary:
      'Winners of the published selection (prize competitions, volunteer awards) with their awards; 409 for other competitions',
  })
  list(@Param('id', uuidPipe) id: string): Promise<AwardsOverview> {
    return this.awards.overview(id);
  }

  @Post('competitions/:id/awards')
  @CompetitionMember(['organizer'])
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Record a winner's award (place or nomination as the rulebook has them, prize kk/ru, amount); to change it send the version read (stale: 409); the same award again changes nothing",
  })
  save(@Param('id', uuidPipe) id: string, @Body() dto: SaveAwardDto, @CurrentActor() actor: Actor): Promise<AwardView> {
    return this.awards.save(id, dto, actor);
  }

  @Post('awards/:id/handover')
  @SignedIn()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['handedOverOn', 'file'],
      properties: {
        handedOverOn: { type: 'string', format: 'date', description: 'send it before the file' },
        file: { type: 'string', format: 'binary', description: 'the signed transfer act: PDF, JPG or PNG' },
      },
    },
  })
  @ApiOperation({ summary: 'The prize handed over, once (organizer): the signed act scanned; the winner is told' })
  async handover(
    @Param('id', uuidPipe) id: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<AwardView> {
    const { dto, file } = await readHandover(request);
    return this.awards.handover(id, dto, file, actor).catch((error: unknown) => {
      throw error === file.stream.errored ? brokenMultipart(error) : error;
    });
  }

  @Get('awards/:id/scan')
  @SignedIn()
  @ApiOperation({ summary: "The signed transfer act's scan (organizer)" })
  async scan(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const file = await this.awards.scan(id, actor);
    sendStoredFile(reply, file);
  }

  @Get('competitions/:id/winners-list.docx')
  @Public()
  @ApiOperation({
    summary:
      "The winners list (DOCX, kk or ru): the organizer's printed copy with phones and a signature column; anyone's copy once the results are published, without phones",
  })
  async winnersList(
    @Param('id', uuidPipe) id: string,
    @Query() query: DocumentLanguageQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = query.lang ?? actor.locale;
    const file = await this.awards.winnersList(id, locale, actor.userId ? actor : null);
    sendDocument(reply, {
      kind: 'docx',
      fileName: `winners-${id.slice(0, 8)}-${locale}.docx`,
      body: file,
      cache: actor.userId ? 'private' : 'shared',
    });
  }

  @Get('competitions/:id/transfer-act.docx')
  @CompetitionMember(['organizer'])
  @ApiOperation({ summary: 'The transfer act of the prizes (DOCX, kk or ru) to print and sign' })
  async transferAct(
    @Param('id', uuidPipe) id: string,
    @Query() query: DocumentLanguageQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = query.lang ?? actor.locale;
    sendDocument(reply, {
      kind: 'docx',
      fileName: `transfer-act-${id.slice(0, 8)}-${locale}.docx`,
      body: await this.awards.transferAct(id, locale),
      cache: 'private',
    });
  }
}
