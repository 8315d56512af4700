import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { EnvironmentVariables } from '../../../../../config/env.validation';
import { formatLocalDateTime, localDate } from '../../../../../libs/kz';
import { Clock } from '../../../../common/clock/clock';
import { ValidationFailedException } from '../../../../common/errors/app.exception';
import type { Actor } from '../../../../common/http/actor';
import { AuditService } from '../../../audit/audit.service';
import { CompetitionsService } from '../../../competitions/competitions.service';
import { Competition } from '../../../competitions/entities/competition.entity';
import { NotificationsService } from '../../../notifications/notifications.service';
import { TerritoriesService } from '../../../territories/territories.service';
import { ApplicationsErrorCode, ApplicationsException } from '../../applications.exception';
import { ApplicationsService } from '../../applications.service';
import { formatApplicationNumber, numberSequenceName } from '../../domain/application-number';
import { checkSubmission } from '../../domain/submission-checks';
import { Application } from '../../entities/application.entity';
import { ApplicationMember } from '../../entities/application-member.entity';
import { Attachment } from '../../entities/attachment.entity';
import { User } from '../../../identity/entities/user.entity';

export interface SubmissionReceipt {
  number: string;
  submittedAt: string;
}

/**
 * Submission re-checks every rule of the rulebook, then lets the database settle the limits
 * that must hold under concurrency, then takes the public number as the last step.
 */
@Injectable()
export class SubmitApplicationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly applications: ApplicationsService,
    private readonly competitions: CompetitionsService,
    private readonly territories: TerritoriesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async submit(id: string, actor: Actor): Promise<SubmissionReceipt> {
    try {
      return await this.db.transaction((tx) => this.submitIn(tx, id, actor));
    } catch (err) {
      throw this.limitViolation(err) ?? err;
    }
  }

  private async submitIn(tx: EntityManager, id: string, actor: Actor): Promise<SubmissionReceipt> {
    const application = await this.applications.load(id, actor, 'edit', tx, true);
    if (application.status !== 'draft') throw new ApplicationsException(ApplicationsErrorCode.NOT_A_DRAFT);
    const competition = (await this.competitions.find(application.competitionId, tx))!;
    const now = this.clock.now();
    this.assertAccepting(competition, now, actor);
    const rulebook = this.competitions.rulebookOf(competition);
    const members = await tx.find(ApplicationMember, { where: { applicationId: id }, order: { position: 'ASC' } });
    const attachments = await tx.find(Attachment, { select: { documentCode: true }, where: { applicationId: id } });
    const territory = application.territoryCode ? await this.territories.find(application.territoryCode, tx) : null;
    const problems = checkSubmission({
      rulebook,
      application,
      members,
      documentCodes: attachments.map((a) => a.documentCode),
      territory,
      submissionDate: localDate(now, competition.timeZone),
    });
    if (problems.length > 0) throw new ValidationFailedException(problems);

    await tx.update(ApplicationMember, { applicationId: id }, { active: true });
    if (application.applicantKind === 'host_organization' && application.organizationId) {
      await tx.query(
        `INSERT INTO host_org_quota (competition_id, organization_id, used, max_allowed) VALUES ($1, $2, 1, $3)
         ON CONFLICT (competition_id, organization_id) DO UPDATE SET used = host_org_quota.used + 1`,
        [competition.id, application.organizationId, rulebook.limits?.perHostOrganization ?? 7],
      );
    }
    await tx.update(Application, { id }, { status: 'submitted', submittedAt: now, version: () => 'version + 1' } as never);
    // Last: the number. A sequence never waits on another transaction; a number drawn by a
    // submit that then fails stays unused and the journal shows it as void.
    const [{ n }] = await tx.query(`SELECT nextval('${numberSequenceName(competition.id)}')::int AS n`);
    const number = formatApplicationNumber(competition.numberPrefix, Number(localDate(now, competition.timeZone).slice(0, 4)), n);
    await tx.update(Application, { id }, { number, sequenceNo: n });
    await this.sendReceipt(tx, application, competition, number, now);
    await this.audit.record(tx, actor, {
      action: 'application.submitted',
      entityType: 'application',
      entityId: id,
      after: { number, submittedAt: now.toISOString(), amountRequested: application.amountRequested, teamSize: members.length },
    });
    return { number, submittedAt: now.toISOString() };
  }

  async withdraw(id: string, actor: Actor): Promise<{ status: 'withdrawn' }> {
    await this.db.transaction(async (tx) => {
      const application = await this.applications.load(id, actor, 'edit', tx, true);
      const competition = (await this.competitions.find(application.competitionId, tx))!;
      const now = this.clock.now();
      const beforeDeadline = !competition.submissionDeadline || now <= competition.submissionDeadline;
      if (!['draft', 'submitted'].includes(application.status) || !beforeDeadline) {
        throw new ApplicationsException(ApplicationsErrorCode.CANNOT_WITHDRAW);
      }
      await tx.update(ApplicationMember, { applicationId: id }, { active: false });
      if (application.status === 'submitted' && application.applicantKind === 'host_organization' && application.organizationId) {
        await tx.query(`UPDATE host_org_quota SET used = used - 1 WHERE competition_id = $1 AND organization_id = $2`, [
          competition.id,
          application.organizationId,
        ]);
      }
      await tx.update(Application, { id }, { status: 'withdrawn', withdrawnAt: now, version: () => 'version + 1' } as never);
      await this.audit.record(tx, actor, {
        action: 'application.withdrawn',
        entityType: 'application',
        entityId: id,
        before: { status: application.status },
        after: { status: 'withdrawn' },
      });
    });
    return { status: 'withdrawn' };
  }

  /** The deadline is the competition's, in its zone; the refusal states it in local time. */
  private assertAccepting(competition: Competition, now: Date, actor: Actor): void {
    if (competition.status !== 'open') throw new ApplicationsException(ApplicationsErrorCode.COMPETITION_NOT_OPEN);
    if (competition.submissionDeadline && now > competition.submissionDeadline) {
      throw new ApplicationsException(ApplicationsErrorCode.DEADLINE_PASSED, {
        deadline: formatLocalDateTime(competition.submissionDeadline, actor.locale, competition.timeZone),
      });
    }
  }

  private async sendReceipt(tx: EntityManager, application: Application, competition: Competition, number: string, now: Date): Promise<void> {
    const applicant = await tx.findOneByOrFail(User, { id: application.applicantUserId });
    await this.notifications.enqueue(tx, {
      template: 'application-receipt',
      recipients: [{ userId: applicant.id, email: applicant.email, locale: applicant.locale }],
      payload: {
        number,
        competitionTitle: applicant.locale === 'ru' ? competition.titleRu : competition.titleKk,
        submittedAt: formatLocalDateTime(now, applicant.locale, competition.timeZone),
        link: `${this.env.PUBLIC_URL}/applications/${application.id}`,
      },
      competitionId: competition.id,
    });
  }

  /** Constraint violations raised by concurrent submissions, as the applicant should read them. */
  private limitViolation(err: unknown): ApplicationsException | undefined {
    if (!(err instanceof QueryFailedError)) return undefined;
    const pg = err.driverError as { code?: string; constraint?: string; detail?: string };
    if (pg.code === '23505' && pg.constraint === 'uq_member_one_application') {
      const iin = /\(competition_id, iin\)=\([^,]+, (\d{12})\)/.exec(pg.detail ?? '')?.[1] ?? '';
      return new ApplicationsException(ApplicationsErrorCode.PERSON_IN_ANOTHER_APPLICATION, { iin });
    }
    if (pg.code === '23505' && pg.constraint === 'uq_application_per_group') {
      return new ApplicationsException(ApplicationsErrorCode.GROUP_ALREADY_APPLIED);
    }
    if (pg.code === '23514' && pg.constraint === 'chk_host_org_quota') {
      return new ApplicationsException(ApplicationsErrorCode.HOST_ORGANIZATION_LIMIT);
    }
    return undefined;
  }
}
