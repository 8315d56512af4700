import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { EnvironmentVariables } from '../../../../../config/env.validation';
import { formatLocalDateTime, localDate } from '../../../../../libs/kz';
import { Clock } from '../../../../common/clock/clock';
import { queryReturning } from '../../../../common/database/returning';
import { NotFoundAppException, ValidationFailedException } from '../../../../common/errors/app.exception';
import type { Locale } from '../../../../common/i18n/i18n';
import type { Actor } from '../../../../common/http/actor';
import { AuditService } from '../../../audit/audit.service';
import { CompetitionsService } from '../../../competitions/competitions.service';
import type { Competition } from '../../../competitions/entities/competition.entity';
import { IdempotencyService, IdempotencyTicket } from '../../../idempotency/idempotency.service';
import { NotificationsService } from '../../../notifications/notifications.service';
import { ApplicationLifecycle } from '../../application-lifecycle.service';
import { ApplicationsErrorCode, ApplicationsException } from '../../applications.exception';
import { ApplicationAccessFacts, canEditApplication } from '../../applications.policy';
import { ApplicationsService } from '../../applications.service';
import {
  applicationNumberPrefix,
  applicationNumberSql,
  competitionNumberCode,
  numberSequenceName,
} from '../../domain/application-number';
import type { FieldProblem } from '../../../competitions/domain/rulebook.types';
import { checkSubmission, SubmissionInput } from '../../domain/submission-checks';
import { Application } from '../../entities/application.entity';
import { ApplicationMember } from '../../entities/application-member.entity';

export interface SubmissionReceipt {
  number: string;
  submittedAt: string;
}

/** What would stop a submit now: the intake's refusal (closed, deadline passed) and the rules' problems. */
export interface SubmissionCheck {
  refusal: ApplicationsException | null;
  problems: FieldProblem[];
}

type SubmissionCompetition = Pick<
  Competition,
  'id' | 'status' | 'submissionDeadline' | 'timeZone' | 'rulebook' | 'numberPrefix' | 'titleKk' | 'titleRu'
>;
type Applicant = { id: string; email: string; locale: Locale };

interface SubmissionFacts {
  access: ApplicationAccessFacts;
  application: SubmissionInput['application'] & Pick<Application, 'status' | 'organizationId'>;
  competition: SubmissionCompetition;
  members: SubmissionInput['members'];
  documentCodes: string[];
  territory: SubmissionInput['territory'];
  applicant: Applicant;
  /** The competition's series in its numbers (MG2), null until its first submission. */
  numberSeries: number | null;
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
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  async submit(id: string, actor: Actor, ticket?: IdempotencyTicket): Promise<SubmissionReceipt> {
    const team: { iin: string }[] = [];
    try {
      return await this.db.transaction((tx) => this.submitIn(tx, id, actor, ticket, team));
    } catch (err) {
      throw this.limitViolation(err, team) ?? err;
    }
  }

  /**
   * The last minutes before a deadline bring thousands of submits at once, so this path
   * keeps its round trips few: one read of everything the rules need, then the writes.
   */
  private async submitIn(
    tx: EntityManager,
    id: string,
    actor: Actor,
    ticket: IdempotencyTicket | undefined,
    team: { iin: string }[],
  ): Promise<SubmissionReceipt> {
    const found = await this.loadForSubmission(tx, id, actor);
    if (!found || !canEditApplication({ id: actor.userId!, isAdmin: actor.isAdmin }, found.access)) {
      throw new NotFoundAppException('application');
    }
    const { application, competition, members, documentCodes, territory, applicant } = found;
    team.push(...members);
    if (application.status !== 'draft') throw new ApplicationsException(ApplicationsErrorCode.NOT_A_DRAFT);
    const now = this.clock.now();
    this.assertAccepting(competition, now, actor);
    const rulebook = this.competitions.rulebookOf(competition);
    const submissionDate = localDate(now, competition.timeZone);
    const problems = checkSubmission({ rulebook, application, members, documentCodes, territory, submissionDate });
    if (problems.length > 0) throw new ValidationFailedException(problems);

    // The database settles the limits: one person in one application, one per group, N per host.
    await tx.query('UPDATE application_members SET active = true WHERE application_id = $1', [id]);
    if (application.applicantKind === 'host_organization' && application.organizationId) {
      await tx.query(
        `INSERT INTO host_org_quota (competition_id, organization_id, used, max_allowed) VALUES ($1, $2, 1, $3)
         ON CONFLICT (competition_id, organization_id) DO UPDATE SET used = host_org_quota.used + 1`,
        [competition.id, application.organizationId, rulebook.limits?.perHostOrganization ?? 7],
      );
    }
    // Then the number, and the status through the lifecycle. A sequence never waits on
    // another transaction; a number drawn by a submit that then fails stays unused and
    // the journal shows it as void.
    const series = found.numberSeries ?? (await this.assignNumberSeries(tx, competition));
    const [{ number }] = await queryReturning<{ number: string }>(
      tx,
      `UPDATE applications SET sequence_no = s.n, number = ${applicationNumberSql('$2', 's.n')}
         FROM (SELECT nextval($3::regclass)::int AS n) s
        WHERE applications.id = $1
        RETURNING applications.number`,
      [
        id,
        applicationNumberPrefix(
          competitionNumberCode(competition.numberPrefix, series),
          Number(submissionDate.slice(0, 4)),
        ),
        numberSequenceName(competition.id),
      ],
    );
    const receipt: SubmissionReceipt = { number, submittedAt: now.toISOString() };
    await this.sendReceipt(tx, id, applicant, competition, number, now);
    await this.idempotency.completeIn(tx, ticket, receipt);
    await this.lifecycle.move(tx, {
      competitionId: competition.id,
      items: [{ id, locked: { status: application.status, number: null } }],
      to: 'submitted',
      as: 'applicant',
      actor,
      submittedAt: now,
      action: 'application.submitted',
      note: {
        number,
        submittedAt: receipt.submittedAt,
        amountRequested: application.amountRequested,
        teamSize: members.length,
      },
    });
    return receipt;
  }

  /**
   * What a submit now would refuse, without submitting: the competition's intake (closed,
   * deadline passed) and every rule of the rulebook at once, for the check-and-submit page.
   * 404 for another's application, NOT_A_DRAFT once submitted, as submit answers.
   */
  async check(id: string, actor: Actor): Promise<SubmissionCheck> {
    const found = await this.loadForSubmission(this.db.manager, id, actor, false);
    if (!found || !canEditApplication({ id: actor.userId!, isAdmin: actor.isAdmin }, found.access)) {
      throw new NotFoundAppException('application');
    }
    const { application, competition, members, documentCodes, territory } = found;
    if (application.status !== 'draft') throw new ApplicationsException(ApplicationsErrorCode.NOT_A_DRAFT);
    const now = this.clock.now();
    let refusal: ApplicationsException | null = null;
    try {
      this.assertAccepting(competition, now, actor);
    } catch (err) {
      if (!(err instanceof ApplicationsException)) throw err;
      refusal = err;
    }
    const rulebook = this.competitions.rulebookOf(competition);
    const submissionDate = localDate(now, competition.timeZone);
    return {
      refusal,
      problems: checkSubmission({ rulebook, application, members, documentCodes, territory, submissionDate }),
    };
  }

  /**
   * The application (locked against a second submit), its competition, team, documents,
   * territory and applicant, and the facts the access policy needs, in one statement.
   */
  private async loadForSubmission(
    tx: EntityManager,
    id: string,
    actor: Actor,
    lock = true,
  ): Promise<SubmissionFacts | undefined> {
    const [row] = await tx.query(
      `SELECT a.applicant_user_id AS "applicantUserId", a.applicant_kind AS "applicantKind", a.organization_id AS "organizationId",
              a.status, a.title, a.territory_code AS "territoryCode", a.direction, a.nomination, a.answers,
              a.budget_lines AS "budgetLines", a.amount_requested::float8 AS "amountRequested",
              c.id AS "competitionId", c.status AS "competitionStatus", c.submission_deadline AS "submissionDeadline",
              c.time_zone AS "timeZone", c.rulebook, c.number_prefix AS "numberPrefix", c.title_kk AS "titleKk", c.title_ru AS "titleRu",
              t.code AS "foundTerritoryCode", t.parent_code AS "territoryParentCode",
              u.email AS "applicantEmail", u.locale AS "applicantLocale",
              (a.organization_id IS NOT NULL AND EXISTS (
                 SELECT 1 FROM organization_representatives r WHERE r.organization_id = a.organization_id AND r.user_id = $2)) AS "representsOrganization",
              (SELECT coalesce(json_agg(json_build_object('iin', m.iin, 'birthDate', m.birth_date) ORDER BY m.position), '[]'::json)
                 FROM application_members m WHERE m.application_id = a.id) AS members,
              (SELECT coalesce(array_agg(DISTINCT f.document_code), '{}') FROM attachments f WHERE f.application_id = a.id) AS "documentCodes",
              (SELECT s.series FROM application_number_series s WHERE s.competition_id = c.id) AS "numberSeries"
         FROM applications a
         JOIN competitions c ON c.id = a.competition_id
         JOIN users u ON u.id = a.applicant_user_id
         LEFT JOIN territories t ON t.code = a.territory_code
        WHERE a.id = $1
          ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id, actor.userId],
    );
    if (!row) return undefined;
    return {
      access: {
        applicantUserId: row.applicantUserId,
        representsOrganization: row.representsOrganization,
        organizesCompetition: false,
      },
      application: {
        applicantKind: row.applicantKind,
        organizationId: row.organizationId,
        status: row.status,
        title: row.title,
        territoryCode: row.territoryCode,
        direction: row.direction,
        nomination: row.nomination,
        answers: row.answers,
        budgetLines: row.budgetLines,
        amountRequested: row.amountRequested,
      },
      competition: {
        id: row.competitionId,
        status: row.competitionStatus,
        submissionDeadline: row.submissionDeadline,
        timeZone: row.timeZone,
        rulebook: row.rulebook,
        numberPrefix: row.numberPrefix,
        titleKk: row.titleKk,
        titleRu: row.titleRu,
      },
      members: row.members,
      documentCodes: row.documentCodes,
      territory: row.foundTerritoryCode ? { code: row.foundTerritoryCode, parentCode: row.territoryParentCode } : null,
      applicant: { id: row.applicantUserId, email: row.applicantEmail, locale: row.applicantLocale },
      numberSeries: row.numberSeries,
    };
  }

  /**
   * A competition's first submission gives it the next series of its prefix (MG1, MG2, …).
   * The lock per prefix makes competitions opening their intake together take turns; it is
   * taken once per competition, and the lock statement runs before the INSERT so the INSERT
   * sees every series committed while it waited.
   */
  private async assignNumberSeries(tx: EntityManager, competition: SubmissionCompetition): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('application_number_series:' || $1::text))`, [
      competition.numberPrefix,
    ]);
    await tx.query(
      `INSERT INTO application_number_series (competition_id, prefix, series)
       SELECT $1, $2::varchar, coalesce(max(series), 0) + 1 FROM application_number_series WHERE prefix = $2::varchar
       ON CONFLICT (competition_id) DO NOTHING`,
      [competition.id, competition.numberPrefix],
    );
    const [{ series }] = await tx.query(`SELECT series FROM application_number_series WHERE competition_id = $1`, [
      competition.id,
    ]);
    return series;
  }

  async withdraw(id: string, actor: Actor): Promise<{ status: 'withdrawn' }> {
    await this.db.transaction(async (tx) => {
      const application = await this.applications.load(id, actor, 'edit', tx, true);
      const competition = (await this.competitions.find(application.competitionId, tx))!;
      const now = this.clock.now();
      const beforeDeadline = !competition.submissionDeadline || now <= competition.submissionDeadline;
      await tx.update(ApplicationMember, { applicationId: id }, { active: false });
      if (
        application.status === 'submitted' &&
        application.applicantKind === 'host_organization' &&
        application.organizationId
      ) {
        await tx.query(`UPDATE host_org_quota SET used = used - 1 WHERE competition_id = $1 AND organization_id = $2`, [
          competition.id,
          application.organizationId,
        ]);
      }
      await this.lifecycle.move(tx, {
        competitionId: competition.id,
        items: [{ id }],
        to: 'withdrawn',
        as: 'applicant',
        actor,
        facts: { beforeDeadline },
        withdrawnAt: now,
        action: 'application.withdrawn',
      });
    });
    return { status: 'withdrawn' };
  }

  /** The deadline is the competition's, in its zone; the refusal states it in local time. */
  private assertAccepting(
    competition: Pick<Competition, 'status' | 'submissionDeadline' | 'timeZone'>,
    now: Date,
    actor: Actor,
  ): void {
    if (competition.status !== 'open') throw new ApplicationsException(ApplicationsErrorCode.COMPETITION_NOT_OPEN);
    if (competition.submissionDeadline && now > competition.submissionDeadline) {
      throw new ApplicationsException(ApplicationsErrorCode.DEADLINE_PASSED, {
        deadline: formatLocalDateTime(competition.submissionDeadline, actor.locale, competition.timeZone),
      });
    }
  }

  private async sendReceipt(
    tx: EntityManager,
    applicationId: string,
    applicant: Applicant,
    competition: SubmissionCompetition,
    number: string,
    now: Date,
  ): Promise<void> {
    await this.notifications.enqueue(tx, {
      template: 'application-receipt',
      recipients: [{ userId: applicant.id, email: applicant.email, locale: applicant.locale }],
      payload: {
        number,
        competitionTitle: applicant.locale === 'ru' ? competition.titleRu : competition.titleKk,
        submittedAt: formatLocalDateTime(now, applicant.locale, competition.timeZone),
        link: `${this.env.PUBLIC_URL}/applications/${applicationId}`,
      },
      competitionId: competition.id,
    });
  }

  /** Constraint violations raised by concurrent submissions, as the applicant should read them. */
  private limitViolation(err: unknown, team: { iin: string }[]): ApplicationsException | undefined {
    if (!(err instanceof QueryFailedError)) return undefined;
    const pg = err.driverError as { code?: string; constraint?: string; detail?: string };
    if (pg.code === '23505' && pg.constraint === 'uq_member_one_application') {
      const iin = /\(competition_id, iin\)=\([^,]+, (\d{12})\)/.exec(pg.detail ?? '')?.[1] ?? '';
      // The team member the form should mark, in the field names the draft's own errors use.
      const position = team.findIndex((m) => m.iin === iin);
      return new ApplicationsException(
        ApplicationsErrorCode.PERSON_IN_ANOTHER_APPLICATION,
        { iin },
        position >= 0 ? `team[${position}].iin` : undefined,
      );
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
