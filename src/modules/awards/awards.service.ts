import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { Clock } from '../../common/clock/clock';
import {
  AppException,
  CommonErrorCode,
  NotFoundAppException,
  ValidationFailedException,
} from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import type { Locale } from '../../common/i18n/i18n';
import { MembershipsService } from '../access/memberships.service';
import { ApplicationLifecycle } from '../applications/application-lifecycle.service';
import type { ApplicationStatus } from '../applications/domain/application-status';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { CompetitionKind, findTemplate } from '../competitions/domain/competition-templates';
import type { Rulebook } from '../competitions/domain/rulebook.types';
import type { Competition } from '../competitions/entities/competition.entity';
import { formatLongDate } from '../documents/protocol-format.util';
import { fill } from '../documents/protocol-texts.util';
import { attachmentContentDisposition, storedFileName } from '../files/content-disposition.util';
import { FILE_KIND_MIME, FileKind } from '../files/file-kind.util';
import { FileStorageService, StoredFile } from '../files/file-storage.service';
import { FilesErrorCode, FilesException } from '../files/files.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { ProtocolMeetings } from '../scoring/protocol-meeting.service';
import { ScoringRounds } from '../scoring/scoring-rounds.service';
import { AwardsErrorCode, AwardsException } from './awards.exception';
import {
  AwardsDocumentModel,
  AwardsDocumentRow,
  awardsTexts,
  buildTransferActDocx,
  buildWinnersListDocx,
} from './documents/awards-documents.builder';
import {
  AWARDABLE_STATUSES,
  awardPlacementProblems,
  handoverDateProblems,
  handoverMoves,
  hasAwards,
  Placement,
  placementOf,
} from './domain/award-rules';
import { canMoveAward, isAwardEditable } from './domain/award-status';
import type { HandoverDto, SaveAwardDto } from './dto/award.dto';
import { Award } from './entities/award.entity';

/** A signed transfer act is a scan or a photo. */
const SCAN_KINDS: readonly FileKind[] = ['pdf', 'jpg', 'png'];

export interface AwardView {
  id: string;
  competitionId: string;
  applicationId: string;
  status: Award['status'];
  place: number | null;
  nomination: string | null;
  prize: { kk: string; ru: string };
  amount: number | null;
  handedOverOn: string | null;
  scan: { kind: string; size: number; sha256: string; name: string } | null;
  version: number;
}

/** A winner of the published selection, with the award recorded for them (or none yet). */
export interface AwardWinner {
  applicationId: string;
  number: string;
  title: string | null;
  /** Full name; with the organization for an organization's application. */
  name: string;
  phone: string | null;
  applicationStatus: string;
  /** The application's own nomination (volunteer awards). */
  nomination: string | null;
  /** Place in the frozen ranking. */
  rank: number | null;
  /** The place a new award suggests: the winner's order among the winners. */
  suggestedPlace: number;
  award: AwardView | null;
}

export interface AwardsOverview {
  competition: { id: string; title: { kk: string; ru: string }; kind: CompetitionKind; timeZone: string };
  placement: Placement;
  nominations: { code: string; label: { kk: string; ru: string } }[];
  resultsPublished: boolean;
  winners: AwardWinner[];
}

/** One line of the public winners list: no phone, no IIN. */
export interface PublicWinner {
  name: string;
  placement: { kk: string; ru: string };
  prize: { kk: string; ru: string } | null;
}

export interface ScanDownload {
  stream: ReadStream;
  contentType: string;
  contentDisposition: string;
  inlineDisposition: string;
  size: number;
}

const PERSON_NAME = `NULLIF(concat_ws(' ', p.last_name, p.first_name, p.middle_name), '')`;

function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const pg = error.driverError as { code?: string; constraint?: string };
  return pg.code === '23505' && (!constraint || pg.constraint === constraint);
}

/**
 * Awards of prize competitions and volunteer awards (issue 16): the organizer records a prize
 * for each winner of the published selection, prints the winners list and the transfer act,
 * and records the handover with the signed act's scan. The only writer of `awards.status`.
 */
@Injectable()
export class AwardsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly competitions: CompetitionsService,
    private readonly memberships: MembershipsService,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly files: FileStorageService,
    private readonly rounds: ScoringRounds,
    private readonly meetings: ProtocolMeetings,
  ) {}

  /** The competition's winners with their awards; 409 for a competition without awards. */
  async overview(competitionId: string): Promise<AwardsOverview> {
    const competition = await this.awardCompetition(competitionId);
    const rulebook = this.competitions.rulebookOf(competition);
    const resultsPublished = await this.resultsPublished(competitionId);
    return {
      competition: {
        id: competition.id,
        title: { kk: competition.titleKk, ru: competition.titleRu },
        kind: this.kindOf(competition)!,
        timeZone: competition.timeZone,
      },
      placement: placementOf(rulebook),
      nominations: rulebook.nominations.map((n) => ({ code: n.code, label: n.label })),
      resultsPublished,
      winners: resultsPublished ? await this.winners(this.db.manager, competitionId) : [],
    };
  }

  /**
   * Records a winner's award, or changes it when `version` names the one read. The same award
   * sent again (a double click) changes nothing; a different one without the version, a stale
   * version, or a change after the handover is refused with 409.
   */
  async save(competitionId: string, dto: SaveAwardDto, actor: Actor): Promise<AwardView> {
    const competition = await this.awardCompetition(competitionId);
    if (!(await this.resultsPublished(competitionId)))
      throw new AwardsException(AwardsErrorCode.AWARD_RESULTS_NOT_PUBLISHED);
    const rulebook = this.competitions.rulebookOf(competition);
    try {
      return await this.db.transaction((tx) => this.saveIn(tx, competition, rulebook, dto, actor));
    } catch (error) {
      if (isUniqueViolation(error, 'uq_award_application')) {
        // Two saves of a new award at once: the one that lost finds the other's row.
        const existing = await this.db.getRepository(Award).findOneBy({ applicationId: dto.applicationId });
        if (existing && this.sameContent(existing, dto, existing.nomination)) return this.view(existing);
        throw new AwardsException(AwardsErrorCode.AWARD_ALREADY_RECORDED);
      }
      if (isUniqueViolation(error, 'uq_award_place') || isUniqueViolation(error, 'uq_award_nomination_place'))
        throw this.placeTaken(dto.place ?? 0);
      throw error;
    }
  }

  private async saveIn(
    tx: EntityManager,
    competition: Competition,
    rulebook: Rulebook,
    dto: SaveAwardDto,
    actor: Actor,
  ): Promise<AwardView> {
    const winners = await this.winners(tx, competition.id);
    const winner = winners.find((w) => w.applicationId === dto.applicationId);
    if (!winner) {
      const [other]: { number: string | null }[] = await tx.query(
        `SELECT number FROM applications WHERE id = $1 AND competition_id = $2`,
        [dto.applicationId, competition.id],
      );
      if (!other) throw new NotFoundAppException('application');
      throw new AwardsException(AwardsErrorCode.AWARD_NOT_A_WINNER, { number: other.number ?? '' });
    }
    const existing = await tx.findOne(Award, {
      where: { applicationId: dto.applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    const placement = placementOf(rulebook);
    const nomination =
      placement === 'nomination'
        ? (dto.nomination ?? existing?.nomination ?? winner.nomination)
        : (dto.nomination ?? null);
    const problems = awardPlacementProblems(
      { place: dto.place ?? null, nomination },
      { placement, nominationCodes: rulebook.nominations.map((n) => n.code), winners: winners.length },
    );
    if (problems.length) throw new ValidationFailedException(problems);
    if (existing) {
      if (!isAwardEditable(existing.status))
        throw new AwardsException(AwardsErrorCode.AWARD_ALREADY_HANDED_OVER, {
          date: this.longDate(existing.handedOverOn!, actor.locale),
        });
      if (this.sameContent(existing, dto, nomination)) return this.view(existing);
      if (dto.version === undefined) throw new AwardsException(AwardsErrorCode.AWARD_ALREADY_RECORDED);
      if (dto.version !== existing.version) throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
    }
    await this.assertPlaceFree(tx, competition.id, dto.applicationId, dto.place ?? null, nomination);
    const content = {
      place: dto.place ?? null,
      nomination,
      prizeKk: dto.prize.kk,
      prizeRu: dto.prize.ru,
      amount: dto.amount ?? null,
    };
    let saved: Award;
    if (existing) {
      const moved = await tx.update(Award, { id: existing.id, version: existing.version }, {
        ...content,
        version: existing.version + 1,
      } as never);
      if (!moved.affected) throw new AppException(409, CommonErrorCode.VERSION_CONFLICT);
      saved = (await tx.findOneBy(Award, { id: existing.id }))!;
    } else {
      saved = await tx.save(
        tx.create(Award, {
          competitionId: competition.id,
          applicationId: dto.applicationId,
          status: 'recorded',
          ...content,
          createdBy: actor.userId!,
        }),
      );
    }
    await this.audit.record(tx, actor, {
      action: existing ? 'award.changed' : 'award.recorded',
      entityType: 'award',
      entityId: saved.id,
      before: existing ? this.auditContent(existing) : null,
      after: { applicationId: dto.applicationId, number: winner.number, ...this.auditContent(saved) },
    });
    await this.tellWinner(tx, competition, rulebook, saved, winner);
    return this.view(saved);
  }

  /**
   * The prize handed over, once: the signed transfer act's scan (PDF, JPG or PNG) is kept, the
   * application moves on (handoverMoves), the winner is told in their language. A second
   * handover is refused before a byte of its file is stored.
   */
  async handover(
    awardId: string,
    dto: HandoverDto,
    scan: { originalName: string; stream: Readable },
    actor: Actor,
  ): Promise<AwardView> {
    const award = await this.db.getRepository(Award).findOneBy({ id: awardId });
    if (!award || !(await this.isOrganizer(actor, award.competitionId))) {
      scan.stream.resume();
      throw new NotFoundAppException('award');
    }
    const competition = (await this.competitions.find(award.competitionId))!;
    if (!canMoveAward(award.status, 'handed_over')) {
      scan.stream.resume();
      throw new AwardsException(AwardsErrorCode.AWARD_ALREADY_HANDED_OVER, {
        date: this.longDate(award.handedOverOn!, actor.locale),
      });
    }
    const problems = handoverDateProblems(dto.handedOverOn, this.today(competition.timeZone));
    if (problems.length) {
      scan.stream.resume();
      throw new ValidationFailedException(problems);
    }
    const stored = await this.storeScan(scan.stream);
    try {
      return await this.db.transaction(async (tx) => {
        const locked = (await tx.findOne(Award, { where: { id: awardId }, lock: { mode: 'pessimistic_write' } }))!;
        if (!canMoveAward(locked.status, 'handed_over'))
          throw new AwardsException(AwardsErrorCode.AWARD_ALREADY_HANDED_OVER, {
            date: this.longDate(locked.handedOverOn!, actor.locale),
          });
        await tx.update(Award, { id: awardId, version: locked.version }, {
          status: 'handed_over',
          handedOverOn: dto.handedOverOn,
          handedOverAt: this.clock.now(),
          handedOverBy: actor.userId,
          scanStorageKey: stored.storageKey,
          scanKind: stored.kind,
          scanSha256: stored.sha256,
          scanSize: stored.size,
          scanName: storedFileName(scan.originalName),
          version: locked.version + 1,
        } as never);
        const [application]: {
          status: ApplicationStatus;
          number: string;
          user_id: string;
          email: string;
          locale: Locale;
        }[] = await tx.query(
          `SELECT a.status, a.number, u.id AS user_id, u.email, u.locale
             FROM applications a JOIN users u ON u.id = a.applicant_user_id WHERE a.id = $1 FOR UPDATE OF a`,
          [locked.applicationId],
        );
        for (const to of handoverMoves(this.kindOf(competition)!, application.status)) {
          await this.lifecycle.move(tx, {
            competitionId: competition.id,
            items: [{ id: locked.applicationId }],
            to,
            as: 'organizer',
            actor,
            note: { awardId, reason: 'award_handed_over' },
          });
        }
        await this.audit.record(tx, actor, {
          action: 'award.handed_over',
          entityType: 'award',
          entityId: awardId,
          before: { status: locked.status },
          after: {
            status: 'handed_over',
            handedOverOn: dto.handedOverOn,
            scan: { sha256: stored.sha256, size: stored.size, kind: stored.kind },
          },
        });
        const locale = application.locale;
        await this.notifications.enqueue(tx, {
          template: 'award-handed-over',
          recipients: [{ userId: application.user_id, email: application.email, locale }],
          payload: {
            competitionTitle: locale === 'ru' ? competition.titleRu : competition.titleKk,
            number: application.number,
            prize: locale === 'ru' ? locked.prizeRu : locked.prizeKk,
            handedOverOn: this.longDate(dto.handedOverOn, locale),
            link: `${this.env.PUBLIC_URL}/competitions/${competition.id}/winners`,
          },
          competitionId: competition.id,
          dedupeKey: `award-handed-over:${awardId}`,
        });
        return this.view((await tx.findOneBy(Award, { id: awardId }))!);
      });
    } catch (error) {
      await this.files.remove(stored.storageKey).catch(() => undefined);
      throw error;
    }
  }

  /** The winner learns of their prize (and of a change to it), in their language, once per edition. */
  private async tellWinner(
    tx: EntityManager,
    competition: Competition,
    rulebook: Rulebook,
    award: Award,
    winner: AwardWinner,
  ): Promise<void> {
    const [applicant]: { user_id: string; email: string; locale: Locale }[] = await tx.query(
      `SELECT u.id AS user_id, u.email, u.locale FROM applications a JOIN users u ON u.id = a.applicant_user_id WHERE a.id = $1`,
      [award.applicationId],
    );
    if (!applicant) return;
    const locale = applicant.locale;
    const shown: AwardWinner = { ...winner, award: this.view(award) };
    await this.notifications.enqueue(tx, {
      template: 'award-recorded',
      recipients: [{ userId: applicant.user_id, email: applicant.email, locale }],
      payload: {
        competitionTitle: locale === 'ru' ? competition.titleRu : competition.titleKk,
        number: winner.number,
        prize: locale === 'ru' ? award.prizeRu : award.prizeKk,
        placement: this.placementText(rulebook, shown, locale),
        changed: award.version > 1,
        link: `${this.env.PUBLIC_URL}/applications/${award.applicationId}`,
      },
      competitionId: competition.id,
      dedupeKey: `award-recorded:${award.id}:${award.version}`,
    });
  }

  /** Which competition and application an award belongs to, for the competition's organizers; 404 for anyone else. */
  async locate(awardId: string, actor: Actor): Promise<{ competitionId: string; applicationId: string }> {
    const award = await this.db.getRepository(Award).findOneBy({ id: awardId });
    if (!award || !(await this.isOrganizer(actor, award.competitionId))) throw new NotFoundAppException('award');
    return { competitionId: award.competitionId, applicationId: award.applicationId };
  }

  /** The signed act's scan, for the competition's organizers; 404 for anyone else. */
  async scan(awardId: string, actor: Actor): Promise<ScanDownload> {
    const award = await this.db.getRepository(Award).findOneBy({ id: awardId });
    if (!award?.scanStorageKey || !(await this.isOrganizer(actor, award.competitionId)))
      throw FilesException.notFound();
    const kind = award.scanKind as FileKind;
    const name = award.scanName ?? `act.${kind}`;
    return {
      stream: await this.files.open(award.scanStorageKey),
      contentType: FILE_KIND_MIME[kind],
      contentDisposition: attachmentContentDisposition(name, kind),
      inlineDisposition: attachmentContentDisposition(name, kind, 'inline'),
      size: award.scanSize ?? 0,
    };
  }

  /**
   * The winners list as DOCX: the organizer's printed copy (phones, a signature column), or,
   * for anyone else once the results are published, the public copy (the prize, no phones).
   */
  async winnersList(competitionId: string, locale: Locale, actor: Actor | null): Promise<Buffer> {
    const organizer = !!actor && (await this.isOrganizer(actor, competitionId));
    const competition = organizer
      ? await this.awardCompetition(competitionId)
      : await this.competitions.findPublished(competitionId);
    if (!competition || !hasAwards(this.kindOf(competition))) throw new NotFoundAppException('competition');
    const published = await this.resultsPublished(competitionId);
    if (!organizer && !published) throw new NotFoundAppException('winners');
    if (!published) throw new AwardsException(AwardsErrorCode.AWARD_RESULTS_NOT_PUBLISHED);
    const model = await this.documentModel(competition, locale);
    if (!organizer) model.rows = model.rows.map(({ phone: _phone, ...row }) => row);
    return buildWinnersListDocx(model, organizer ? 'print' : 'public');
  }

  /** The transfer act as DOCX, for the organizer: the recorded prizes and a line for each recipient's signature. */
  async transferAct(competitionId: string, locale: Locale): Promise<Buffer> {
    const competition = await this.awardCompetition(competitionId);
    if (!(await this.resultsPublished(competitionId)))
      throw new AwardsException(AwardsErrorCode.AWARD_RESULTS_NOT_PUBLISHED);
    const model = await this.documentModel(competition, locale);
    return buildTransferActDocx({ ...model, rows: model.rows.map(({ phone: _phone, ...row }) => row) });
  }

  /** The public winners list (name, nomination or place, prize); null before the results are published. */
  async publicWinners(
    competitionId: string,
  ): Promise<{ competition: { id: string; title: { kk: string; ru: string } }; winners: PublicWinner[] } | null> {
    const competition = await this.competitions.findPublished(competitionId);
    if (!competition || !hasAwards(this.kindOf(competition))) return null;
    if (!(await this.resultsPublished(competitionId))) return null;
    const rulebook = this.competitions.rulebookOf(competition);
    const winners = await this.winners(this.db.manager, competitionId);
    return {
      competition: { id: competition.id, title: { kk: competition.titleKk, ru: competition.titleRu } },
      winners: winners.map((w) => ({
        name: w.name,
        placement: {
          kk: this.placementText(rulebook, w, 'kk'),
          ru: this.placementText(rulebook, w, 'ru'),
        },
        prize: w.award ? w.award.prize : null,
      })),
    };
  }

  /** Whether a competition gives awards (for links on other pages). */
  async givesAwards(competitionId: string): Promise<boolean> {
    const competition = await this.competitions.find(competitionId);
    return !!competition && hasAwards(this.kindOf(competition));
  }

  private async documentModel(competition: Competition, locale: Locale): Promise<AwardsDocumentModel> {
    const rulebook = this.competitions.rulebookOf(competition);
    const winners = await this.winners(this.db.manager, competition.id);
    const organizer = await this.competitions.organizerOf(competition);
    const [head]: { head_name: string | null }[] = competition.organizerOrganizationId
      ? await this.db.query(`SELECT head_name FROM organizations WHERE id = $1`, [competition.organizerOrganizationId])
      : [];
    const meeting = await this.meetings.of(competition.id);
    const rows: AwardsDocumentRow[] = winners.map((w) => ({
      name: w.name,
      applicationNumber: w.number,
      placement: this.placementText(rulebook, w, locale),
      phone: w.phone ?? '',
      prize: w.award ? w.award.prize[locale] : '',
      amount: w.award?.amount ?? null,
    }));
    return {
      locale,
      organizer: organizer
        ? {
            name: organizer.name,
            bin: organizer.bin,
            ...(organizer.address ? { address: organizer.address } : {}),
            ...(head?.head_name ? { head: head.head_name } : {}),
          }
        : null,
      competitionTitle: locale === 'ru' ? competition.titleRu : competition.titleKk,
      date: this.longDate(this.today(competition.timeZone), locale),
      ...(meeting?.place ? { place: meeting.place } : organizer?.address ? { place: organizer.address } : {}),
      rows,
    };
  }

  /** «Жыл волонтері, 1-орын», «2-орын»…: the award's placement, or the application's nomination before one is recorded. */
  private placementText(rulebook: Rulebook, w: AwardWinner, locale: Locale): string {
    const t = awardsTexts(locale).placement;
    const code = w.award ? w.award.nomination : w.nomination;
    const label = code ? (rulebook.nominations.find((n) => n.code === code)?.label[locale] ?? code) : null;
    const place = w.award?.place ?? null;
    if (label && place) return fill(t.nominationPlace, { nomination: label, place });
    if (label) return label;
    if (place) return fill(t.place, { place });
    return '';
  }

  /** Winners of the published selection, in the ranking's order, with their awards. */
  private async winners(manager: EntityManager, competitionId: string): Promise<AwardWinner[]> {
    const rows: {
      id: string;
      number: string;
      title: string | null;
      status: string;
      nomination: string | null;
      rank: number | null;
      person: string | null;
      person_phone: string | null;
      leader: string | null;
      leader_phone: string | null;
      organization: string | null;
    }[] = await manager.query(
      `SELECT a.id, a.number, a.title, a.status, a.nomination, r.rank,
              ${PERSON_NAME} AS person, p.phone AS person_phone, o.name AS organization,
              l.name AS leader, l.phone AS leader_phone
         FROM selection_results r
         JOIN applications a ON a.id = r.application_id
         LEFT JOIN persons p ON p.user_id = a.applicant_user_id
         LEFT JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN LATERAL (SELECT concat_ws(' ', m.last_name, m.first_name) AS name, m.phone
                              FROM application_members m WHERE m.application_id = a.id AND m.is_leader
                             ORDER BY m.position LIMIT 1) l ON true
        WHERE r.competition_id = $1 AND r.selected AND a.status = ANY($2::text[])
        ORDER BY r.rank NULLS LAST, a.sequence_no`,
      [competitionId, AWARDABLE_STATUSES],
    );
    const awards = await manager.find(Award, { where: { competitionId } });
    const byApplication = new Map(awards.map((a) => [a.applicationId, a]));
    return rows.map((r, i) => {
      const person = r.leader ?? r.person ?? '';
      const award = byApplication.get(r.id);
      return {
        applicationId: r.id,
        number: r.number,
        title: r.title,
        name: r.organization ? (person ? `${r.organization} (${person})` : r.organization) : person,
        phone: r.leader_phone ?? r.person_phone,
        applicationStatus: r.status,
        nomination: r.nomination,
        rank: r.rank,
        suggestedPlace: i + 1,
        award: award ? this.view(award) : null,
      };
    });
  }

  private async assertPlaceFree(
    tx: EntityManager,
    competitionId: string,
    applicationId: string,
    place: number | null,
    nomination: string | null,
  ): Promise<void> {
    if (place === null) return;
    const [taken]: unknown[] = await tx.query(
      `SELECT 1 FROM awards WHERE competition_id = $1 AND place = $2 AND nomination IS NOT DISTINCT FROM $3 AND application_id <> $4`,
      [competitionId, place, nomination, applicationId],
    );
    if (taken) throw this.placeTaken(place);
  }

  private placeTaken(place: number): ValidationFailedException {
    return new ValidationFailedException([{ field: 'place', code: 'AWARD_PLACE_TAKEN', params: { place } }]);
  }

  private sameContent(existing: Award, dto: SaveAwardDto, nomination: string | null): boolean {
    return (
      existing.place === (dto.place ?? null) &&
      existing.nomination === nomination &&
      existing.prizeKk === dto.prize.kk &&
      existing.prizeRu === dto.prize.ru &&
      existing.amount === (dto.amount ?? null)
    );
  }

  private auditContent(a: Award) {
    return { place: a.place, nomination: a.nomination, prize: { kk: a.prizeKk, ru: a.prizeRu }, amount: a.amount };
  }

  private async storeScan(stream: Readable): Promise<StoredFile> {
    const stored = await this.files.store(stream).catch((error: unknown) => {
      if (error instanceof FilesException && error.code === FilesErrorCode.FILE_TYPE_REFUSED) throw this.scanRefused();
      throw error;
    });
    if (!SCAN_KINDS.includes(stored.kind)) {
      await this.files.remove(stored.storageKey).catch(() => undefined);
      throw this.scanRefused();
    }
    return stored;
  }

  private scanRefused(): AppException {
    return new AppException(415, 'AWARD_SCAN_TYPE_REFUSED');
  }

  private async awardCompetition(competitionId: string): Promise<Competition> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    if (!hasAwards(this.kindOf(competition))) throw new AwardsException(AwardsErrorCode.NOT_AN_AWARD_COMPETITION);
    return competition;
  }

  private kindOf(competition: Pick<Competition, 'templateCode'>): CompetitionKind | undefined {
    return findTemplate(competition.templateCode)?.kind;
  }

  private async resultsPublished(competitionId: string): Promise<boolean> {
    return !!(await this.rounds.of(competitionId)).resultsPublishedAt;
  }

  private async isOrganizer(actor: Actor, competitionId: string): Promise<boolean> {
    if (actor.isAdmin) return true;
    return !!actor.userId && (await this.memberships.hasRole(actor.userId, competitionId, ['organizer']));
  }

  /** Today's date (YYYY-MM-DD) where the competition runs. */
  private today(timeZone: string): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      this.clock.now(),
    );
  }

  private longDate(isoDate: string, locale: Locale): string {
    return formatLongDate(isoDate, locale);
  }

  view(a: Award): AwardView {
    return {
      id: a.id,
      competitionId: a.competitionId,
      applicationId: a.applicationId,
      status: a.status,
      place: a.place,
      nomination: a.nomination,
      prize: { kk: a.prizeKk, ru: a.prizeRu },
      amount: a.amount,
      handedOverOn: a.handedOverOn,
      scan: a.scanStorageKey
        ? { kind: a.scanKind!, size: a.scanSize!, sha256: a.scanSha256!, name: a.scanName ?? '' }
        : null,
      version: a.version,
    };
  }
}
