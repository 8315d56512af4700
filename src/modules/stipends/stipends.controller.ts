import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember } from '../access/access.decorators';
import { StipendMonthQueryDto, StipendRegisterQueryDto } from './dto/stipends.dto';
import { StipendRegister, StipendsService } from './stipends.service';
import { sendDocument } from '../files/download';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The monthly register of social stipends for the accountant (youth micro-projects): every
 * member of a team that got a grant (arms A and B), paid by education status, for the months
 * of the project. A month outside the project gives an empty register that says so.
 */
@ApiTags('stipends')
@ApiBearerAuth()
@Controller('competitions/:id')
export class StipendsController {
  constructor(private readonly stipends: StipendsService) {}

  @Get('stipends')
  @CompetitionMember(['organizer'])
  @ApiOkResponse({ description: 'the register as JSON: rows, totals per arm and region, the total, unstated members' })
  register(@Param('id', uuidPipe) id: string, @Query() query: StipendMonthQueryDto): Promise<StipendRegister> {
    return this.stipends.register(id, query.month);
  }

  @Get('stipends.xlsx')
  @CompetitionMember(['organizer'])
  @ApiProduces(XLSX_TYPE)
  async download(
    @Param('id', uuidPipe) id: string,
    @Query() query: StipendRegisterQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = query.lang ?? actor.locale;
    const file = await this.stipends.workbook(id, query.month, locale);
    sendDocument(reply, {
      kind: 'xlsx',
      fileName: `stipends-${query.month}-${locale}.xlsx`,
      body: file,
      cache: 'private',
    });
  }
}
