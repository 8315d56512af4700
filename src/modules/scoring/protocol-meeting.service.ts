import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorDetail, NotFoundAppException, ValidationFailedException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { ProtocolMeetingDto } from './dto/protocol-meeting.dto';
import { ProtocolMeeting } from './entities/protocol-meeting.entity';
import { ScoringRounds } from './scoring-rounds.service';
import { ScoringErrorCode, ScoringException } from './scoring.exception';

export type ProtocolMeetingView = Omit<ProtocolMeeting, 'competitionId' | 'updatedBy' | 'updatedAt'>;

/**
 * The meeting the protocol records (number, day, place, chair, secretary, who attended),
 * entered by the organizer, audited, and frozen once the results are published.
 */
@Injectable()
export class ProtocolMeetings {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly competitions: CompetitionsService,
    private readonly rounds: ScoringRounds,
    private readonly audit: AuditService,
  ) {}

  of(competitionId: string, manager: EntityManager = this.db.manager): Promise<ProtocolMeeting | null> {
    return manager.findOneBy(ProtocolMeeting, { competitionId });
  }

  async get(competitionId: string): Promise<ProtocolMeetingView> {
    const meeting = await this.of(competitionId);
    if (!meeting) throw new NotFoundAppException('protocol_meeting');
    return view(meeting);
  }

  async set(competitionId: string, dto: ProtocolMeetingDto, actor: Actor): Promise<ProtocolMeetingView> {
    await this.db.transaction(async (tx) => {
      // Share-locked: publishing (which locks the competition for its move) cannot slip in between.
      const competition = await this.competitions.findShared(tx, competitionId);
      if (!competition) throw new NotFoundAppException('competition');
      if ((await this.rounds.of(competitionId, tx)).resultsPublishedAt) {
        throw new ScoringException(ScoringErrorCode.RESULTS_PUBLISHED);
      }
      const people: { user_id: string; role: string; named: boolean }[] = await tx.query(
        `SELECT m.user_id, m.role, (p.id IS NOT NULL) AS named
           FROM competition_memberships m LEFT JOIN persons p ON p.user_id = m.user_id
          WHERE m.competition_id = $1 AND m.status = 'active' AND m.role IN ('commission', 'organizer')`,
        [competitionId],
      );
      const commission = new Set(people.filter((p) => p.role === 'commission').map((p) => p.user_id));
      const staff = new Set(people.map((p) => p.user_id));
      const named = new Set(people.filter((p) => p.named).map((p) => p.user_id));
      const problems: ErrorDetail[] = [];
      const check = (field: string, userId: string, pool: Set<string>) => {
        if (!pool.has(userId)) problems.push({ field, code: ScoringErrorCode.NOT_COMMISSION_MEMBER });
        else if (!named.has(userId)) problems.push({ field, code: ScoringErrorCode.PERSON_NAME_MISSING });
      };
      check('chairUserId', dto.chairUserId, commission);
      check('secretaryUserId', dto.secretaryUserId, staff);
      dto.attendeeUserIds.forEach((id, i) => check(`attendeeUserIds[${i}]`, id, commission));
      if (problems.length) throw new ValidationFailedException(problems);

      const attendees = [dto.chairUserId, ...dto.attendeeUserIds];
      if (commission.has(dto.secretaryUserId)) attendees.push(dto.secretaryUserId);
      const values = {
        number: dto.number,
        heldOn: dto.heldOn,
        place: dto.place,
        chairUserId: dto.chairUserId,
        secretaryUserId: dto.secretaryUserId,
        attendeeUserIds: [...new Set(attendees)],
        updatedBy: actor.userId!,
      };
      const before = await tx.findOne(ProtocolMeeting, {
        where: { competitionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (before) await tx.update(ProtocolMeeting, { competitionId }, { ...values, version: before.version + 1 });
      else await tx.insert(ProtocolMeeting, { competitionId, ...values, version: 1 });
      await this.audit.record(tx, actor, {
        action: 'protocol.meeting_set',
        entityType: 'competition',
        entityId: competitionId,
        before: before ? view(before) : null,
        after: values,
      });
    });
    return this.get(competitionId);
  }
}

function view(m: ProtocolMeeting): ProtocolMeetingView {
  return {
    number: m.number,
    heldOn: m.heldOn,
    place: m.place,
    chairUserId: m.chairUserId,
    secretaryUserId: m.secretaryUserId,
    attendeeUserIds: m.attendeeUserIds,
    version: m.version,
  };
}
