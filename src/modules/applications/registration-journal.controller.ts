import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor } from '../../common/http/actor';
import { Page } from '../../common/pagination/pagination';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember } from '../access/access.decorators';
import { DocumentLanguageQueryDto } from '../../common/i18n/document-language.dto';
import { ApplicationListQueryDto } from './dto/application-list.dto';
import { RegistrationJournalService } from './use-cases/registration-journal/registration-journal.service';
import { sendDocument } from '../files/download';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('competitions/:id')
export class RegistrationJournalController {
  constructor(private readonly journal: RegistrationJournalService) {}

  @Get('applications')
  @CompetitionMember(['organizer'])
  list(
    @Param('id', uuidPipe) id: string,
    @Query() query: ApplicationListQueryDto,
  ): Promise<Page<Record<string, unknown>>> {
    return this.journal.list(id, query) as never;
  }

  @Get('journal.xlsx')
  @CompetitionMember(['organizer'])
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async download(
    @Param('id', uuidPipe) id: string,
    @Query() query: DocumentLanguageQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = query.lang ?? actor.locale;
    const file = await this.journal.journal(id, locale);
    sendDocument(reply, {
      kind: 'xlsx',
      fileName: `journal-${id.slice(0, 8)}-${locale}.xlsx`,
      body: file,
      cache: 'private',
    });
  }
}
