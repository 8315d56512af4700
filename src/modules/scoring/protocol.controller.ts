import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor } from '../../common/http/actor';
import { DocumentLanguageQueryDto } from '../../common/i18n/document-language.dto';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember } from '../access/access.decorators';
import { sendDocument } from '../files/download';
import { ProtocolMeetingDto } from './dto/protocol-meeting.dto';
import { ProtocolMeetings, ProtocolMeetingView } from './protocol-meeting.service';
import { ProtocolService } from './protocol.service';

/** What the protocol records about the meeting, and each member's score sheet to sign. */
@ApiTags('scoring')
@ApiBearerAuth()
@Controller('competitions/:id')
export class ProtocolController {
  constructor(
    private readonly meetings: ProtocolMeetings,
    private readonly protocol: ProtocolService,
  ) {}

  @Put('protocol/meeting')
  @CompetitionMember(['organizer'])
  @ApiOperation({
    summary:
      "The protocol's number, the meeting's date and place, chair, secretary and attendees; refused once published",
  })
  setMeeting(
    @Param('id', uuidPipe) id: string,
    @Body() dto: ProtocolMeetingDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProtocolMeetingView> {
    return this.meetings.set(id, dto, actor);
  }

  @Get('protocol/meeting')
  @CompetitionMember(['organizer'])
  @ApiOperation({ summary: 'The meeting as entered for the protocol' })
  meeting(@Param('id', uuidPipe) id: string): Promise<ProtocolMeetingView> {
    return this.meetings.get(id);
  }

  @Get('score-sheets/me.docx')
  @CompetitionMember(['commission'])
  @ApiOperation({ summary: 'My score sheet to print and sign (DOCX, kk or ru), once scoring is closed' })
  async myScoreSheet(
    @Param('id', uuidPipe) id: string,
    @Query() query: DocumentLanguageQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = query.lang ?? actor.locale;
    sendDocument(reply, {
      kind: 'docx',
      fileName: `score-sheet-${id.slice(0, 8)}-${locale}.docx`,
      body: await this.protocol.scoreSheet(id, actor.userId!, locale),
      cache: 'private',
    });
  }

  @Get('score-sheets/:memberId.docx')
  @CompetitionMember(['organizer'])
  @ApiOperation({ summary: "A commission member's score sheet (DOCX, kk or ru), once scoring is closed" })
  async memberScoreSheet(
    @Param('id', uuidPipe) id: string,
    @Param('memberId', uuidPipe) memberId: string,
    @Query() query: DocumentLanguageQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const locale = query.lang ?? actor.locale;
    const file = await this.protocol.scoreSheet(id, memberId, locale);
    sendDocument(reply, {
      kind: 'docx',
      fileName: `score-sheet-${id.slice(0, 8)}-${memberId.slice(0, 8)}-${locale}.docx`,
      body: file,
      cache: 'private',
    });
  }
}
