import { randomBytes, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { Clock } from '../../common/clock/clock';
import { NotFoundAppException, ValidationFailedException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { CompetitionsService } from '../competitions/competitions.service';
import type { LocalizedText, SurveyQuestion, SurveyRule } from '../competitions/domain/rulebook.types';
import { ContractsService } from '../contracts/contracts.service';
import type { ContractSummary, ContractView } from '../contracts/contracts.service';
import { AuditService } from '../audit/audit.service';
import { IdempotencyService, IdempotencyTicket } from '../idempotency/idempotency.service';
import { formatCode, newCode, normalizeCode, TOKEN_PATTERN } from './domain/survey-codes';
import {
  AnswerRow,
  isSatisfied,
  QuestionResult,
  questionResults,
  readAnswers,
  satisfiedShare,
  SurveyAnswers,
  surveyRuleOf,
} from './domain/satisfaction';
import type { CreateSurveyLinksDto, SubmitSurveyDto } from './dto/survey.dto';
import type { SurveyProject } from './entities/survey-batch.entity';
import { SurveysErrorCode, SurveysException } from './surveys.exception';

/** Contracts whose projects are carried out: their participants are the ones to ask. */
const SURVEYED_CONTRACT_STATUSES: readonly string[] = ['active', 'completed'];

export interface SatisfactionFigures {
  answers: number;
  satisfied: number;
  /** satisfied / answers; null when nobody answered yet. */
  satisfiedShare: number | null;
}

export interface SurveyLinkView {
  position: number;
  /** `KM4P-Q7XA`, for the paper list. */
  code: string;
  url: string;
}

export interface SurveyBatchView {
  id: string;
  contractId: string;
  contractNumber: string;
  projectTitle: string;
  count: number;
  /** How many of its links were answered (which ones is not shown: the survey is anonymous). */
  answered: number;
  createdAt: string;
  links: SurveyLinkView[];
}

export interface ProjectSurveyResults extends SatisfactionFigures {
  contractId: string;
  contractNumber: string;
  applicationNumber: string;
  projectTitle: string;
  grantee: string;
  contractStatus: string;
  /** Links made for the project. */
  links: number;
  meetsTarget: boolean | null;
  questions: QuestionResult[];
}

export interface CompetitionSurveyResults extends SatisfactionFigures {
  competitionId: string;
  /** The rulebook's survey, null when it has none. */
  rule: SurveyRule | null;
  target: number;
  meetsTarget: boolean | null;
  links: number;
  questions: QuestionResult[];
  projects: ProjectSurveyResults[];
}

export interface PublicSurvey {
  code: string;
  competitionTitle: LocalizedText;
  projectTitle: string;
  grantee: string;
  questions: SurveyQuestion[];
  scaleMax: number;
  answered: boolean;
  answeredAt: string | null;
}

interface LinkRow {
  id: string;
  batch_id: string;
  code: string;
  competition_id: string;
  contract_id: string;
  rule: SurveyRule;
  project: SurveyProject;
  submitted_at: Date | null;
}

/** The share a competition aims at when its rulebook does not say (the seeds' «80%-дан кем емес»). */
const DEFAULT_TARGET = 0.8;

/**
 * The participants' satisfaction survey (сауалнама / анкета): an organizer makes links for a
 * contract's project (a token for the URL, a short code for a paper list; the questions
 * frozen in them), a participant answers once per link without an account, and the
 * organizer reads the results per project and per competition against the target share.
 */
@Injectable()
export class SurveysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly competitions: CompetitionsService,
    private readonly contracts: ContractsService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * `count` new links for the project of a contract in force, for its organizers (anyone else:
   * 404). `formKey` (a page's form) or `ticket` (the API's Idempotency-Key) make a repeat of
   * the same request return the same links instead of making more.
   */
  async createLinks(
    contractId: string,
    dto: CreateSurveyLinksDto,
    actor: Actor,
    options: { formKey?: string; ticket?: IdempotencyTicket } = {},
  ): Promise<SurveyBatchView> {
    const contract = await this.organizedContract(contractId, actor);
    if (!SURVEYED_CONTRACT_STATUSES.includes(contract.status))
      throw new SurveysException(SurveysErrorCode.SURVEY_CONTRACT_NOT_IN_FORCE, { number: contract.number });
    const competition = await this.competitions.find(contract.competitionId);
    if (!competition) throw new NotFoundAppException('contract');
    const rule = surveyRuleOf(this.competitions.rulebookOf(competition));
    if (!rule) throw new SurveysException(SurveysErrorCode.SURVEY_NOT_IN_RULEBOOK);
    const project: SurveyProject = {
      contractNumber: contract.number,
      applicationNumber: contract.content.application.number,
      title: contract.content.application.title,
      grantee: contract.content.grantee.organization?.name ?? contract.content.grantee.person?.fullName ?? '',
      competitionTitle: { kk: competition.titleKk, ru: competition.titleRu },
    };
    const batchId = await this.db.transaction(async (tx) => {
      const [inserted]: { id: string }[] = await tx.query(
        `INSERT INTO survey_batches (competition_id, contract_id, rule, project, count, form_key, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (contract_id, form_key) WHERE form_key IS NOT NULL DO NOTHING RETURNING id`,
        [
          contract.competitionId,
          contractId,
          rule,
          project,
          dto.count,
          options.formKey ?? null,
          actor.userId,
          this.clock.now(), // the service's clock, as for the answers (the demo runs on its own)
        ],
      );
      if (!inserted) {
        // The same form sent again: its links were made by the first.
        const [existing]: { id: string }[] = await tx.query(
          `SELECT id FROM survey_batches WHERE contract_id = $1 AND form_key = $2`,
          [contractId, options.formKey],
        );
        return existing.id;
      }
      await this.insertLinks(tx, inserted.id, dto.count);
      await this.audit.record(tx, actor, {
        action: 'survey.links_created',
        entityType: 'contract',
        entityId: contractId,
        after: { batchId: inserted.id, count: dto.count, contractNumber: contract.number },
      });
      const view = await this.batchView(tx, inserted.id, true);
      await this.idempotency.completeIn(tx, options.ticket, view);
      return inserted.id;
    });
    return this.batchView(this.db.manager, batchId, true);
  }

  /** A contract's batches with their links, for its organizers. */
  async linksOfContract(contractId: string, actor: Actor): Promise<SurveyBatchView[]> {
    await this.organizedContract(contractId, actor);
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM survey_batches WHERE contract_id = $1 ORDER BY created_at, id`,
      [contractId],
    );
    return Promise.all(rows.map((r) => this.batchView(this.db.manager, r.id, true)));
  }

  /** A competition's batches (without their links), for its organizers. */
  async batches(competitionId: string, actor: Actor): Promise<SurveyBatchView[]> {
    await this.contracts.list(competitionId, actor);
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM survey_batches WHERE competition_id = $1 ORDER BY created_at DESC, id`,
      [competitionId],
    );
    return Promise.all(rows.map((r) => this.batchView(this.db.manager, r.id, false)));
  }

  /** One batch with its links (the printable list), for the competition's organizers; else 404. */
  async batch(competitionId: string, batchId: string, actor: Actor): Promise<SurveyBatchView> {
    await this.contracts.list(competitionId, actor);
    const [row]: { id: string }[] = await this.db.query(
      `SELECT id FROM survey_batches WHERE id = $1 AND competition_id = $2`,
      [batchId, competitionId],
    );
    if (!row) throw new NotFoundAppException('record');
    return this.batchView(this.db.manager, row.id, true);
  }

  // --- the participant ----------------------------------------------------------------

  /** The survey behind a link's token or a typed code: its frozen questions, and whether it was answered. */
  async publicSurvey(key: string): Promise<PublicSurvey> {
    const link = await this.linkOf(this.db.manager, key);
    return {
      code: formatCode(link.code),
      competitionTitle: link.project.competitionTitle,
      projectTitle: link.project.title,
      grantee: link.project.grantee,
      questions: link.rule.questions,
      scaleMax: 5,
      answered: link.submitted_at !== null,
      answeredAt: link.submitted_at ? link.submitted_at.toISOString() : null,
    };
  }

  /** The link's token for a typed code (the code page sends the participant on to it). */
  async tokenOf(key: string): Promise<string> {
    const link = await this.linkOf(this.db.manager, key);
    const [row]: { token: string }[] = await this.db.query(`SELECT token FROM survey_links WHERE id = $1`, [link.id]);
    return row.token;
  }

  /**
   * One answer per link: an answered link is refused (409) before its input is read; bad
   * answers are refused all at once, named by question (400); two answers at the same
   * moment leave one, the unique link of `survey_answers` refusing the other (409).
   */
  async submit(key: string, dto: SubmitSurveyDto, actor: Actor): Promise<{ answeredAt: string }> {
    const link = await this.linkOf(this.db.manager, key);
    if (link.submitted_at) throw new SurveysException(SurveysErrorCode.SURVEY_ALREADY_ANSWERED);
    const { answers, problems } = readAnswers(link.rule.questions, dto.answers);
    if (problems.length > 0) {
      const labels = new Map(link.rule.questions.map((q) => [`answers.${q.code}`, q.label[actor.locale]]));
      throw new ValidationFailedException(
        problems.map((p) => ({ ...p, params: { ...p.params, question: labels.get(p.field) ?? p.field } })),
      );
    }
    const satisfied = isSatisfied(link.rule, answers);
    const now = this.clock.now();
    const inserted: { id: string }[] = await this.db.query(
      `INSERT INTO survey_answers (link_id, batch_id, competition_id, contract_id, answers, satisfied, locale, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (link_id) DO NOTHING RETURNING id`,
      [link.id, link.batch_id, link.competition_id, link.contract_id, answers, satisfied, actor.locale, now],
    );
    if (inserted.length === 0) throw new SurveysException(SurveysErrorCode.SURVEY_ALREADY_ANSWERED);
    return { answeredAt: now.toISOString() };
  }

  // --- results ------------------------------------------------------------------------

  /** Per project and for the whole competition, against the target share; for its organizers (else 404). */
  async results(competitionId: string, actor: Actor): Promise<CompetitionSurveyResults> {
    const contracts = await this.contracts.list(competitionId, actor);
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const rule = surveyRuleOf(this.competitions.rulebookOf(competition));
    const target = rule?.target ?? DEFAULT_TARGET;
    const rows: { contract_id: string; answers: SurveyAnswers; satisfied: boolean; rule: SurveyRule }[] =
      await this.db.query(
        `SELECT a.contract_id, a.answers, a.satisfied, b.rule
           FROM survey_answers a JOIN survey_batches b ON b.id = a.batch_id
          WHERE a.competition_id = $1 ORDER BY a.submitted_at, a.id`,
        [competitionId],
      );
    const linkCounts: { contract_id: string; links: string }[] = await this.db.query(
      `SELECT contract_id, sum(count) AS links FROM survey_batches WHERE competition_id = $1 GROUP BY contract_id`,
      [competitionId],
    );
    const linksOf = new Map(linkCounts.map((r) => [r.contract_id, Number(r.links)]));
    const latest = rule?.questions ?? [];
    const answerRows = (of: typeof rows): AnswerRow[] =>
      of.map((r) => ({ answers: r.answers, satisfied: r.satisfied, questions: r.rule.questions }));
    const figures = (of: typeof rows) => {
      const satisfied = of.filter((r) => r.satisfied).length;
      const share = satisfiedShare(of.length, satisfied);
      return {
        answers: of.length,
        satisfied,
        satisfiedShare: share,
        meetsTarget: share === null ? null : share >= target,
      };
    };
    const projects = contracts
      .filter((c) => linksOf.has(c.id) || SURVEYED_CONTRACT_STATUSES.includes(c.status))
      .map((c: ContractSummary): ProjectSurveyResults => {
        const mine = rows.filter((r) => r.contract_id === c.id);
        return {
          contractId: c.id,
          contractNumber: c.number,
          applicationNumber: c.applicationNumber,
          projectTitle: c.projectTitle,
          grantee: c.grantee,
          contractStatus: c.status,
          links: linksOf.get(c.id) ?? 0,
          ...figures(mine),
          questions: questionResults(answerRows(mine), latest),
        };
      });
    return {
      competitionId,
      rule,
      target,
      links: [...linksOf.values()].reduce((a, b) => a + b, 0),
      ...figures(rows),
      questions: questionResults(answerRows(rows), latest),
      projects,
    };
  }

  /**
   * The competition's satisfaction for the final report: answers, satisfied, and their share
   * (null when nobody answered). No access check: the caller (the final report) has made it.
   */
  async satisfaction(competitionId: string): Promise<SatisfactionFigures> {
    const [row]: { answers: string; satisfied: string }[] = await this.db.query(
      `SELECT count(*) AS answers, count(*) FILTER (WHERE satisfied) AS satisfied
         FROM survey_answers WHERE competition_id = $1`,
      [competitionId],
    );
    const answers = Number(row.answers);
    const satisfied = Number(row.satisfied);
    return { answers, satisfied, satisfiedShare: satisfiedShare(answers, satisfied) };
  }

  // --- inside -------------------------------------------------------------------------

  private async organizedContract(contractId: string, actor: Actor): Promise<ContractView> {
    const contract = await this.contracts.get(contractId, actor);
    if (contract.role !== 'organizer') throw new NotFoundAppException('contract');
    return contract;
  }

  /**
   * Positions 1…count, each with a fresh token and code; a code that happens to exist
   * already (rare: 23⁸ of them) is drawn again for its position only.
   */
  private async insertLinks(tx: EntityManager, batchId: string, count: number): Promise<void> {
    let missing = Array.from({ length: count }, (_, i) => i + 1);
    for (let round = 0; missing.length > 0; round += 1) {
      if (round > 5) throw new Error('survey links: could not draw unique codes');
      const tokens = missing.map(() => randomBytes(24).toString('base64url'));
      const codes = missing.map(() => newCode((n) => randomInt(n)));
      const done: { position: number }[] = await tx.query(
        `INSERT INTO survey_links (batch_id, position, token, code)
         SELECT $1, p, t, c FROM unnest($2::int[], $3::text[], $4::text[]) AS x(p, t, c)
         ON CONFLICT DO NOTHING RETURNING position`,
        [batchId, missing, tokens, codes],
      );
      const inserted = new Set(done.map((d) => d.position));
      missing = missing.filter((p) => !inserted.has(p));
    }
  }

  private async batchView(manager: EntityManager, batchId: string, withLinks: boolean): Promise<SurveyBatchView> {
    const [b]: {
      id: string;
      contract_id: string;
      project: SurveyProject;
      count: number;
      created_at: Date;
      answered: string;
    }[] = await manager.query(
      `SELECT b.id, b.contract_id, b.project, b.count, b.created_at,
              (SELECT count(*) FROM survey_answers a WHERE a.batch_id = b.id) AS answered
         FROM survey_batches b WHERE b.id = $1`,
      [batchId],
    );
    const links: { position: number; token: string; code: string }[] = withLinks
      ? await manager.query(`SELECT position, token, code FROM survey_links WHERE batch_id = $1 ORDER BY position`, [
          batchId,
        ])
      : [];
    return {
      id: b.id,
      contractId: b.contract_id,
      contractNumber: b.project.contractNumber,
      projectTitle: b.project.title,
      count: b.count,
      answered: Number(b.answered),
      createdAt: b.created_at.toISOString(),
      links: links.map((l) => ({ position: l.position, code: formatCode(l.code), url: this.surveyUrl(l.token) })),
    };
  }

  surveyUrl(token: string): string {
    return `${this.env.PUBLIC_URL}/s/${token}`;
  }

  /** By the URL's token or a typed code; anything else, or nothing found: 404. */
  private async linkOf(manager: EntityManager, key: string): Promise<LinkRow> {
    const code = TOKEN_PATTERN.test(key) ? null : normalizeCode(key);
    if (!TOKEN_PATTERN.test(key) && !code) throw new SurveysException(SurveysErrorCode.SURVEY_LINK_NOT_FOUND);
    const [row]: LinkRow[] = await manager.query(
      `SELECT l.id, l.batch_id, l.code, b.competition_id, b.contract_id, b.rule, b.project, a.submitted_at
         FROM survey_links l JOIN survey_batches b ON b.id = l.batch_id
         LEFT JOIN survey_answers a ON a.link_id = l.id
        WHERE ${code ? 'l.code = $1' : 'l.token = $1'}`,
      [code ?? key],
    );
    if (!row) throw new SurveysException(SurveysErrorCode.SURVEY_LINK_NOT_FOUND);
    return row;
  }
}
