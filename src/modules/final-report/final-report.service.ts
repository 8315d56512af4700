import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { localDate } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { MembershipsService } from '../access/memberships.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { SurveysService } from '../surveys/surveys.service';
import type { Locale } from '../../common/i18n/i18n';
import type { FinalReportRule, ReportCategory } from '../competitions/domain/final-report-rule';
import { finalReportDocx } from './final-report.document';
import { finalReportWorkbook } from './final-report.workbook';
import {
  AGE_BAND_SQL,
  categorySql,
  type ParticipantCell,
  type ParticipantTables,
  precedenceOf,
  tablesOf,
  type TargetResult,
  targetsOf,
} from './domain/final-report';

/**
 * The reports a grant's people and beneficiaries are counted from: per contract, its latest
 * accepted programmatic report — the final one once accepted, else the interim one (a list
 * restates everyone who has taken part so far). Drafts and reports under review count for nothing:
 * the reports module writes a list on every save, so only an accepted one is a fact. `$1` is the competition.
 */
const COUNTED_REPORTS = `counted AS MATERIALIZED (
  SELECT DISTINCT ON (r.contract_id) r.id FROM reports r
   WHERE r.competition_id = $1 AND r.kind = 'programmatic' AND r.status = 'accepted'
   ORDER BY r.contract_id, (r.stage = 'final') DESC, r.due_on DESC)`;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** One grant (a contract) as the final report lists it. */
export interface FinalReportGrant {
  applicationId: string;
  contractId: string;
  number: string;
  applicationNumber: string | null;
  status: string;
  territoryCode: string | null;
  territory: { kk: string; ru: string } | null;
  grantee: string | null;
  amountPlanned: number;
  /** Null while payments are not recorded by this system. */
  amountPaid: number | null;
  /** The application's «direct beneficiaries» answer; null when the form did not ask it. */
  participantsPlanned: number | null;
  participantsActual: number;
}

/** GET /competitions/:id/final-report?format=json (API.md: the final report's JSON, a contract). */
export interface FinalReport {
  competitionId: string;
  generatedAt: string;
  title: { kk: string; ru: string };
  /** Ages are full years on this day (see domain/final-report). */
  referenceDate: string;
  grants: FinalReportGrant[];
  participants: ParticipantTables;
  categoryPrecedence: ReportCategory[];
  beneficiaries: { direct: number; indirect: number };
  /** The participants' survey (SurveysService.satisfaction); a share of null while nobody answered. */
  satisfaction: { answers: number; satisfied: number; satisfiedShare: number | null };
  targets: TargetResult[];
}

interface GrantSqlRow {
  contract_id: string;
  application_id: string;
  number: string;
  application_number: string | null;
  status: string;
  territory_code: string | null;
  territory_kk: string | null;
  territory_ru: string | null;
  grantee: string | null;
  amount: string;
  paid: string | null;
  planned: string | null;
  actual: string | null;
}

/**
 * The operator's final report of a competition: its grants and the participants of their
 * programmatic reports counted as the 004 form asks. The counting is done by the database in
 * one pass over the competition's participant rows: a person is one person per competition
 * however many lists name them (by IIN); a person listed without an IIN counts once per row
 * (nothing reliable joins two such rows); a tally row counts its number.
 */
@Injectable()
export class FinalReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly competitions: CompetitionsService,
    private readonly memberships: MembershipsService,
    private readonly surveys: SurveysService,
    private readonly clock: Clock,
  ) {}

  /**
   * The report is the competition organizers' (and administrators'): to anyone else the
   * competition's report does not exist (404, as another person's record).
   */
  async assertOrganizer(competitionId: string, actor: Actor): Promise<void> {
    if (actor.isAdmin) return;
    if (actor.userId && (await this.memberships.hasRole(actor.userId, competitionId, ['organizer']))) return;
    throw new NotFoundAppException('competition');
  }

  async build(competitionId: string): Promise<FinalReport> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const rule = (competition.rulebook as { finalReport?: FinalReportRule | null }).finalReport ?? null;
    const precedence = precedenceOf(rule);
    const now = this.clock.now();
    const [{ ends_on: endsOn }]: { ends_on: string | null }[] = await this.db.query(
      `SELECT max(content->>'endsOn') AS ends_on FROM contracts WHERE competition_id = $1`,
      [competitionId],
    );
    const referenceDate = endsOn ?? localDate(now, competition.timeZone);
    const [cells, grants, beneficiaries, satisfaction] = await Promise.all([
      this.cells(competitionId, referenceDate, precedence),
      this.grants(competitionId),
      this.beneficiaries(competitionId),
      this.surveys.satisfaction(competitionId),
    ]);
    return {
      competitionId,
      generatedAt: now.toISOString(),
      title: { kk: competition.titleKk, ru: competition.titleRu },
      referenceDate,
      grants,
      participants: tablesOf(cells),
      categoryPrecedence: precedence,
      beneficiaries,
      satisfaction: {
        answers: satisfaction.answers,
        satisfied: satisfaction.satisfied,
        satisfiedShare: satisfaction.satisfiedShare,
      },
      targets: rule?.targets?.length ? targetsOf(cells, rule.targets) : [],
    };
  }

  /** The report's numbers (the JSON answer), for the competition's organizers only: anyone else 'not found'. */
  async report(competitionId: string, actor: Actor): Promise<FinalReport> {
    await this.assertOrganizer(competitionId, actor);
    return this.build(competitionId);
  }

  /** The report as a document in the asked language: the 004 form (DOCX) or a sheet a table (XLSX). */
  async document(
    competitionId: string,
    kind: 'docx' | 'xlsx',
    locale: Locale,
    actor: Actor,
  ): Promise<{ kind: 'docx' | 'xlsx'; fileName: string; body: Buffer; cache: 'private' }> {
    const report = await this.report(competitionId, actor);
    const body = kind === 'xlsx' ? await finalReportWorkbook(report, locale) : await finalReportDocx(report, locale);
    return { kind, fileName: `final-report-${locale}.${kind}`, body, cache: 'private' };
  }

  /** The counts, grouped by everything the tables need: a few hundred rows at most, however many people. */
  private async cells(
    competitionId: string,
    referenceDate: string,
    precedence: ReportCategory[],
  ): Promise<ParticipantCell[]> {
    const rows: {
      gender: string;
      age_band: string;
      category: string;
      vulnerable: boolean;
      disabled: boolean;
      arm: string | null;
      n: string;
    }[] = await this.db.query(
      `WITH ${COUNTED_REPORTS}, listed AS (
           SELECT rp.iin, rp.gender, rp.birth_date, a.arm, rp.facts
             FROM report_participants rp JOIN counted ON counted.id = rp.report_id
             LEFT JOIN applications a ON a.id = rp.application_id
            WHERE rp.competition_id = $1 AND rp.kind = 'person'
         ), people AS (
           -- By IIN: one person however many lists name them, with what every list says of them.
           SELECT iin, min(gender) AS gender, min(birth_date) AS birth_date, min(arm) AS arm,
                  bool_or('disability' = ANY(facts)) AS f_disability,
                  bool_or('civil_servant' = ANY(facts)) AS f_civil_servant,
                  bool_or('public_sector_worker' = ANY(facts)) AS f_public_sector_worker,
                  bool_or('unemployed' = ANY(facts)) AS f_unemployed,
                  bool_or('low_income' = ANY(facts)) AS f_low_income,
                  bool_or('ngo_representative' = ANY(facts)) AS f_ngo_representative,
                  bool_or('business' = ANY(facts)) AS f_business
             FROM listed WHERE iin IS NOT NULL GROUP BY iin
           UNION ALL
           -- Without an IIN: each row is a person.
           SELECT NULL, gender, birth_date, arm, 'disability' = ANY(facts), 'civil_servant' = ANY(facts),
                  'public_sector_worker' = ANY(facts), 'unemployed' = ANY(facts), 'low_income' = ANY(facts),
                  'ngo_representative' = ANY(facts), 'business' = ANY(facts)
             FROM listed WHERE iin IS NULL
         ), flagged AS (
           SELECT p.gender, p.arm,
                  CASE WHEN p.birth_date IS NULL THEN NULL ELSE date_part('year', age($2::date, p.birth_date))::int END AS age,
                  p.f_disability OR COALESCE(pr.has_disability, false) AS disability,
                  p.f_civil_servant OR COALESCE('civil_servant' = ANY(pr.social_categories), false) AS civil_servant,
                  p.f_public_sector_worker OR COALESCE('public_sector_worker' = ANY(pr.social_categories), false) AS public_sector_worker,
                  p.f_unemployed OR COALESCE(pr.social_categories && ARRAY['unemployed', 'registered_unemployed'], false) AS unemployed,
                  p.f_low_income OR COALESCE(pr.social_categories && ARRAY['low_income', 'neet'], false) AS low_income,
                  p.f_ngo_representative OR COALESCE('ngo_representative' = ANY(pr.social_categories), false) AS ngo_representative,
                  p.f_business OR COALESCE('business' = ANY(pr.social_categories), false) AS business
             FROM people p LEFT JOIN persons pr ON pr.iin = p.iin
         )
         SELECT gender, ${AGE_BAND_SQL} AS age_band, ${categorySql(precedence)} AS category,
                (disability OR unemployed OR low_income) AS vulnerable, disability AS disabled, arm, count(*) AS n
           FROM flagged GROUP BY 1, 2, 3, 4, 5, 6
         UNION ALL
         SELECT rp.gender, rp.age_band, rp.category, rp.category IN ('disability', 'unemployed'), rp.category = 'disability',
                a.arm, sum(rp.count)
           FROM report_participants rp JOIN counted ON counted.id = rp.report_id
           LEFT JOIN applications a ON a.id = rp.application_id
          WHERE rp.competition_id = $1 AND rp.kind = 'count'
          GROUP BY 1, 2, 3, 4, 5, 6`,
      [competitionId, referenceDate],
    );
    return rows.map((r) => ({
      gender: (r.gender ?? 'unknown') as ParticipantCell['gender'],
      ageBand: r.age_band as ParticipantCell['ageBand'],
      category: r.category as ReportCategory,
      vulnerable: r.vulnerable,
      disabled: r.disabled,
      arm: r.arm,
      n: Number(r.n),
    }));
  }

  private async grants(competitionId: string): Promise<FinalReportGrant[]> {
    // Payments are recorded by the payments module (contract_payments); read, never written, here.
    const paid = `(SELECT COALESCE(sum(cp.amount), 0) FROM contract_payments cp WHERE cp.contract_id = c.id)`;
    const rows: GrantSqlRow[] = await this.db.query(
      `WITH ${COUNTED_REPORTS}, actual AS MATERIALIZED (
         SELECT rp.application_id,
                count(DISTINCT rp.iin) + count(*) FILTER (WHERE rp.kind = 'person' AND rp.iin IS NULL)
                  + COALESCE(sum(rp.count) FILTER (WHERE rp.kind = 'count'), 0) AS n
           FROM report_participants rp JOIN counted ON counted.id = rp.report_id
          WHERE rp.competition_id = $1 GROUP BY rp.application_id
       )
       SELECT c.id AS contract_id, c.application_id, c.number, a.number AS application_number, c.status,
              a.territory_code, t.name_kk AS territory_kk, t.name_ru AS territory_ru,
              COALESCE(c.content->'grantee'->'organization'->>'name', c.content->'grantee'->'person'->>'fullName') AS grantee,
              c.amount, ${paid} AS paid,
              CASE WHEN jsonb_typeof(a.answers->'directBeneficiaries') = 'number' THEN a.answers->>'directBeneficiaries' END AS planned,
              actual.n AS actual
         FROM contracts c JOIN applications a ON a.id = c.application_id
         LEFT JOIN territories t ON t.code = a.territory_code
         LEFT JOIN actual ON actual.application_id = c.application_id
        WHERE c.competition_id = $1
        ORDER BY c.sequence_no`,
      [competitionId],
    );
    return rows.map((r) => ({
      applicationId: r.application_id,
      contractId: r.contract_id,
      number: r.number,
      applicationNumber: r.application_number,
      status: r.status,
      territoryCode: r.territory_code,
      territory: r.territory_kk && r.territory_ru ? { kk: r.territory_kk, ru: r.territory_ru } : null,
      grantee: r.grantee,
      amountPlanned: Number(r.amount),
      amountPaid: Number(r.paid ?? 0),
      participantsPlanned: r.planned === null ? null : Number(r.planned),
      participantsActual: Number(r.actual ?? 0),
    }));
  }

  /** Per grant, its counted report's figures (a final report restates the interim one's, not adds to them). */
  private async beneficiaries(competitionId: string): Promise<{ direct: number; indirect: number }> {
    const [row]: { direct: string | null; indirect: string | null }[] = await this.db.query(
      `WITH ${COUNTED_REPORTS}
       SELECT sum(rb.direct) AS direct, sum(rb.indirect) AS indirect
         FROM report_beneficiaries rb JOIN counted ON counted.id = rb.report_id
        WHERE rb.competition_id = $1`,
      [competitionId],
    );
    return { direct: Number(row?.direct ?? 0), indirect: Number(row?.indirect ?? 0) };
  }
}
