import { Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  AppException,
  CommonErrorCode,
  NotFoundAppException,
  ValidationFailedException,
} from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { CompetitionMember, SignedIn } from '../../modules/access/access.decorators';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { ContractsService } from '../../modules/contracts/contracts.service';
import { REPORT_ATTACHMENT_KINDS, type ReportAttachmentKind } from '../../modules/reports/domain/report-content';
import { REPORT_SECTIONS } from '../../modules/reports/domain/report-status';
import {
  AllowLateDto,
  AttachmentFieldsDto,
  ChangeDueDateDto,
  CompetitionReportsQueryDto,
  ReportActionDto,
  ReturnReportDto,
  SaveReportDto,
} from '../../modules/reports/dto/report.dto';
import { ReportsService, type ReportSummary } from '../../modules/reports/reports.service';
import { autosaved, autosaveRefused, isAutosave } from '../applicant/application-shell';
import { FormErrors, formErrorsFrom, NO_ERRORS } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import {
  blankActivity,
  blankCount,
  blankPerson,
  contentOf,
  formFrom,
  formOf,
  MAX_ROWS,
  type ReportForm,
  toInput,
} from './report-form';
import { CompetitionReportsPage, ContractReportsPage } from './report-list-views';
import { reportPath, type ReportPageModel } from './report-model';
import { CheckPage, ReportPage, type ReportPageProps, VersionPage } from './report-page';
import { T } from './report-read-only';
import { sendStoredFile } from '../../modules/files/download';

const NOTICES = [
  'saved',
  'submitted',
  'uploaded',
  'removed',
  'accepted',
  'returned',
  'due_changed',
  'late_allowed',
] as const;
/** The organizer's list reads every report of the competition, a page of the service's at a time. */
const LIST_PAGE = 100;
const LIST_PAGES = 50;

function statusOf(error: unknown): number {
  return error instanceof AppException && error.status < 500 ? error.status : 400;
}

const isConflict = (error: unknown) => error instanceof AppException && error.code === CommonErrorCode.VERSION_CONFLICT;
const isNotFound = (error: unknown) => error instanceof AppException && error.status === 404;

/** Busboy's own errors carry no code: a broken multipart body is the client's (400). */
function brokenMultipart(error: unknown): unknown {
  if (error instanceof AppException || (error instanceof Error && 'code' in error)) return error;
  return new AppException(400, CommonErrorCode.MALFORMED_MULTIPART);
}

function positiveInt(raw: string): number | undefined {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * The winners' reports as pages (issue 17, deliverable 7): the grantee fills the programmatic
 * and financial reports on a phone (autosave, receipts uploaded one by one per budget line),
 * checks and submits them, reads the organizer's comments and answers them; the organizer
 * reads a submitted version beside a comment field per section and accepts or returns it,
 * moves a due date or allows a late submission, and sees the competition's overdue list
 * first. Every step is the ReportsService's, with the API's DTOs and access: another's
 * report is "not found".
 */
@WebController()
export class ReportsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly reports: ReportsService,
    private readonly contracts: ContractsService,
    private readonly competitions: CompetitionsService,
  ) {}

  // --- lists ------------------------------------------------------------------------------

  @Get('contracts/:id/reports')
  @SignedIn()
  async contractReports(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const reports = await this.reports.listForContract(id, actor);
    const contract = await this.contracts.get(id, actor);
    this.pages.render(
      reply,
      <ContractReportsPage
        ctx={ctx}
        contract={{
          id,
          number: contract.number,
          projectTitle: contract.content.application.title,
          competitionTitle: contract.content.competition.title[ctx.locale],
        }}
        reports={reports}
        timeZone={contract.content.competition.timeZone}
      />,
    );
  }

  /** From the winner's application page: its contract's reports (a page saying there are none before a contract). */
  @Get('applications/:id/reports')
  @SignedIn()
  async ofApplication(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    const contract = await this.contracts.forApplication(id, this.pages.actor(request));
    if (!contract) throw new NotFoundAppException('contract');
    this.pages.redirect(reply, `/contracts/${contract.id}/reports`);
  }

  @Get('organizer/competitions/:id/reports')
  @CompetitionMember(['organizer'])
  async competitionReports(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const competition = await this.competitions.find(id);
    if (!competition) throw new NotFoundAppException('competition');
    const reports: ReportSummary[] = [];
    for (let page = 1; page <= LIST_PAGES; page += 1) {
      const query = await validateInput(CompetitionReportsQueryDto, { page, pageSize: LIST_PAGE });
      const found = await this.reports.forCompetition(id, query, actor);
      reports.push(...found.items);
      if (reports.length >= found.total || found.items.length === 0) break;
    }
    const title = ctx.locale === 'ru' ? competition.titleRu : competition.titleKk;
    this.pages.render(reply, <CompetitionReportsPage ctx={ctx} competition={{ id, title }} reports={reports} />);
  }

  // --- one report ---------------------------------------------------------------------------

  @Get('reports/:id')
  @SignedIn()
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const report = await this.load(id, request);
    const text = NOTICES.includes(notice as never) ? ctx.t(`${T}notice.${notice}`) : null;
    this.renderReport(reply, { ctx, report, form: formOf(report), notice: text });
  }

  /** The grantee's save (the form's buttons, or autosave.js): rows added or removed, saved, or refused as typed. */
  @Post('reports/:id')
  @SignedIn()
  async save(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const body = request.body as FormBody;
    const report = await this.load(id, request);
    const form = formFrom(body, report);
    const action = field(body, 'action');
    // The version the form was read at, not the one now: a save over a newer one is the 409.
    const version = positiveInt(field(body, 'version')) ?? 0;
    const read = { ...report, version };

    if (action.startsWith('add:') || action.startsWith('remove:')) {
      changeRows(form, action);
      return this.renderReport(reply, { ctx, report: read, form, posted: true });
    }
    const input = toInput(form, read);
    try {
      const dto = await validateInput(SaveReportDto, input.body);
      const saved = await this.reports.save(id, dto, actor);
      if (isAutosave(request)) return autosaved(reply, saved.version);
      this.pages.redirect(reply, action === 'check' ? `${reportPath(id)}/check` : `${reportPath(id)}?notice=saved`);
    } catch (error) {
      if (isNotFound(error)) throw error;
      if (isConflict(error)) {
        // Saved meanwhile (another tab, another member of the group): both shown, nothing overwritten.
        if (isAutosave(request)) return autosaveRefused(reply, NO_ERRORS, report.version);
        return this.renderReport(
          reply,
          {
            ctx,
            report,
            form,
            posted: true,
            conflict: {
              saved: {
                ...report.content,
                participants: report.participants as Record<string, unknown>[],
                beneficiaries: report.beneficiaries ?? undefined,
              },
              typed: contentOf(form, read),
            },
          },
          409,
        );
      }
      const errors = formErrorsFrom(error, ctx, input.fieldNames);
      if (isAutosave(request)) return autosaveRefused(reply, errors);
      this.renderReport(reply, { ctx, report: read, form, errors, posted: true }, statusOf(error));
    }
  }

  /** What the report holds and what a submission would meet, with the submit button. */
  @Get('reports/:id/check')
  @SignedIn()
  async check(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const report = await this.load(id, request);
    this.pages.render(reply, <CheckPage ctx={ctx} report={report} problems={knownProblems(ctx, report)} />);
  }

  @Post('reports/:id/submit')
  @SignedIn()
  async submit(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    try {
      const version = positiveInt(field(request.body as FormBody, 'version'));
      await this.reports.submit(id, await validateInput(ReportActionDto, version ? { version } : {}), actor);
      this.pages.redirect(reply, `${reportPath(id)}?notice=submitted`);
    } catch (error) {
      if (isNotFound(error)) throw error;
      const ctx = this.pages.context(request, reply);
      const report = await this.load(id, request);
      let problems = formErrorsFrom(error, ctx, (f) => (/^lines\[\d+\]\.justification$/.test(f) ? f : null));
      if (isConflict(error)) problems = new FormErrors([{ field: '', message: ctx.t(`${T}changed_meanwhile`) }]);
      this.pages.render(reply, <CheckPage ctx={ctx} report={report} problems={problems} failed />, statusOf(error));
    }
  }

  // --- files --------------------------------------------------------------------------------

  /** Multipart: the CSRF token came in the query (the guard read it); the kind and budget line, then the file. */
  @Post('reports/:id/attachments')
  @SignedIn()
  async upload(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    let at = '';
    try {
      const part = await request.file().catch((error: unknown) => {
        throw brokenMultipart(error);
      });
      if (!part) throw new ValidationFailedException([{ field: 'file', code: 'REQUIRED' }]);
      const value = (name: string) => {
        const f = part.fields[name] as { value?: unknown } | undefined;
        return typeof f?.value === 'string' ? f.value : '';
      };
      const kind = value('kind');
      const line = value('budgetLine');
      if ((REPORT_ATTACHMENT_KINDS as readonly string[]).includes(kind))
        at = kind === 'receipt' && /^\d{1,4}$/.test(line) ? `file.receipt.${line}` : `file.${kind}`;
      const fields = await validateInput(AttachmentFieldsDto, {
        kind,
        ...(line !== '' ? { budgetLine: /^\d{1,4}$/.test(line) ? Number(line) : line } : {}),
      }).catch((error: unknown) => {
        part.file.resume();
        throw error;
      });
      if (!part.filename) {
        part.file.resume();
        throw new ValidationFailedException([{ field: 'file', code: 'REQUIRED' }]);
      }
      await this.reports
        .uploadAttachment(
          id,
          {
            kind: fields.kind as ReportAttachmentKind,
            budgetLine: fields.budgetLine,
            originalName: part.filename,
            stream: part.file,
          },
          actor,
        )
        .catch((error: unknown) => {
          part.file.resume();
          throw error === part.file.errored ? brokenMultipart(error) : error;
        });
      const next = `${reportPath(id)}?notice=uploaded#${at ? `f-${at.replace(/\./g, '-')}` : 'files-title'}`;
      this.pages.redirectAfterUpload(request, reply, next);
    } catch (error) {
      if (isNotFound(error)) throw error;
      const ctx = this.pages.context(request, reply);
      const report = await this.load(id, request);
      // Every refusal of an upload (type, size, the state of the report) is said beside its file field.
      let errors = new FormErrors(formErrorsFrom(error, ctx, () => at).items.map((e) => ({ ...e, field: at })));
      if (error instanceof ValidationFailedException && error.details.some((d) => d.field === 'file'))
        errors = new FormErrors([{ field: at, message: ctx.t(`${T}choose_file`) }]);
      this.renderReport(reply, { ctx, report, form: formOf(report), errors }, statusOf(error));
    }
  }

  @Get('reports/:id/files/:fileId')
  @SignedIn()
  async file(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('fileId', uuidPipe) fileId: string,
  ): Promise<void> {
    const file = await this.reports.attachment(id, fileId, this.pages.actor(request));
    sendStoredFile(reply, file);
  }

  @Post('reports/:id/files/:fileId/delete')
  @SignedIn()
  async removeFile(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('fileId', uuidPipe) fileId: string,
  ): Promise<void> {
    try {
      await this.reports.removeAttachment(id, fileId, this.pages.actor(request));
      this.pages.redirect(reply, `${reportPath(id)}?notice=removed#files-title`);
    } catch (error) {
      if (isNotFound(error)) throw error;
      const ctx = this.pages.context(request, reply);
      const report = await this.load(id, request);
      const errors = formErrorsFrom(error, ctx, () => null);
      this.renderReport(reply, { ctx, report, form: formOf(report), errors }, statusOf(error));
    }
  }

  @Get('reports/:id/versions/:number')
  @SignedIn()
  async version(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Param('number', new ParseIntPipe({ exceptionFactory: () => new NotFoundAppException('report') })) number: number,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const report = await this.load(id, request);
    const version = await this.reports.version(id, number, this.pages.actor(request));
    this.pages.render(reply, <VersionPage ctx={ctx} report={report} version={version} />);
  }

  // --- the organizer ------------------------------------------------------------------------

  /** Accept, or return with a general comment and comments per section. */
  @Post('reports/:id/review')
  @SignedIn()
  async review(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const body = request.body as FormBody;
    const report = await this.load(id, request);
    if (report.role !== 'organizer') throw new NotFoundAppException('report');
    const version = positiveInt(field(body, 'version'));
    const comment = field(body, 'comment');
    const typedSections: Record<string, string> = {};
    for (const section of REPORT_SECTIONS[report.kind]) typedSections[section] = field(body, `sections.${section}`);
    const commented = REPORT_SECTIONS[report.kind].filter((s) => typedSections[s].trim());
    const decision = field(body, 'decision');
    try {
      if (decision === 'accept') {
        await this.reports.accept(id, await validateInput(ReportActionDto, version ? { version } : {}), actor);
        return this.pages.redirect(reply, `${reportPath(id)}?notice=accepted`);
      }
      const dto = await validateInput(ReturnReportDto, {
        ...(version ? { version } : {}),
        ...(comment.trim() ? { comment } : {}),
        sections: commented.map((section) => ({ section, comment: typedSections[section] })),
      });
      await this.reports.return(id, dto, actor);
      this.pages.redirect(reply, `${reportPath(id)}?notice=returned`);
    } catch (error) {
      if (isNotFound(error)) throw error;
      const ctx = this.pages.context(request, reply);
      let errors = formErrorsFrom(error, ctx, (f) => {
        if (f === 'comment') return 'comment';
        const s = /^sections\[(\d+)\]/.exec(f);
        return s && commented[Number(s[1])] ? `sections.${commented[Number(s[1])]}` : null;
      });
      if (isConflict(error)) errors = new FormErrors([{ field: '', message: ctx.t(`${T}changed_meanwhile`) }]);
      const fresh = await this.load(id, request);
      this.renderReport(
        reply,
        { ctx, report: fresh, form: formOf(fresh), errors, review: { comment, sections: typedSections } },
        statusOf(error),
      );
    }
  }

  /** A new due date and/or a late allowance, each with the reason given. */
  @Post('reports/:id/due')
  @SignedIn()
  async due(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const body = request.body as FormBody;
    const report = await this.load(id, request);
    if (report.role !== 'organizer') throw new NotFoundAppException('report');
    const typed = { dueOn: field(body, 'dueOn'), lateUntil: field(body, 'lateUntil'), reason: field(body, 'reason') };
    let version = positiveInt(field(body, 'version'));
    let notice = 'due_changed';
    try {
      if (typed.dueOn !== report.dueOn || !typed.lateUntil) {
        const moved = await this.reports.changeDueDate(
          id,
          await validateInput(ChangeDueDateDto, {
            ...(version ? { version } : {}),
            dueOn: typed.dueOn,
            reason: typed.reason,
          }),
          actor,
        );
        version = moved.version;
      }
      if (typed.lateUntil && typed.lateUntil !== report.lateUntil) {
        await this.reports.allowLate(
          id,
          await validateInput(AllowLateDto, {
            ...(version ? { version } : {}),
            until: typed.lateUntil,
            reason: typed.reason,
          }),
          actor,
        );
        notice = 'late_allowed';
      }
      this.pages.redirect(reply, `${reportPath(id)}?notice=${notice}`);
    } catch (error) {
      if (isNotFound(error)) throw error;
      const ctx = this.pages.context(request, reply);
      let errors = formErrorsFrom(error, ctx, (f) =>
        f === 'until' ? 'lateUntil' : f === 'dueOn' || f === 'reason' ? f : null,
      );
      if (isConflict(error)) errors = new FormErrors([{ field: '', message: ctx.t(`${T}changed_meanwhile`) }]);
      const fresh = await this.load(id, request);
      this.renderReport(reply, { ctx, report: fresh, form: formOf(fresh), errors, due: typed }, statusOf(error));
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private renderReport(reply: WebReply, props: ReportPageProps, status = 200): void {
    this.pages.render(reply, <ReportPage {...props} />, status);
  }

  /** The report for the person acting (another's is the service's 404), its competition's words and the last version. */
  private async load(id: string, request: WebRequest): Promise<ReportPageModel> {
    const actor = this.pages.actor(request);
    const view = await this.reports.get(id, actor);
    const competition = await this.competitions.find(view.competitionId);
    if (!competition) throw new NotFoundAppException('report');
    const latest = view.submissions > 0 ? await this.reports.version(id, view.submissions, actor) : null;
    return {
      ...view,
      competitionTitle: { kk: competition.titleKk, ru: competition.titleRu },
      timeZone: competition.timeZone,
      latest,
    };
  }
}

/** A row added to or removed from the form (no script needed): `add:people`, `remove:activities:2`. */
function changeRows(form: ReportForm, action: string): void {
  const [verb, prefix, index] = action.split(':');
  const lists = { activities: form.activities, people: form.people, counts: form.counts } as Record<
    string,
    unknown[] | undefined
  >;
  const blank = { activities: blankActivity, people: blankPerson, counts: blankCount } as Record<string, () => unknown>;
  const list = lists[prefix];
  if (!list) return;
  if (verb === 'add' && list.length < MAX_ROWS) list.push(blank[prefix]());
  const i = Number(index);
  if (verb === 'remove' && Number.isInteger(i) && i >= 0 && i < list.length && list.length > 1) list.splice(i, 1);
}

/** What the service already says stands in the way of a submission: a line overspent without its justification. */
function knownProblems(ctx: PageContext, report: ReportPageModel): FormErrors {
  const fin = report.financial;
  if (!fin || !(report.role === 'grantee' && report.editable)) return NO_ERRORS;
  return new FormErrors(
    fin.rows
      .filter((r) => r.needsJustification)
      .map((r) => ({
        field: `lines[${r.line}].justification`,
        message: ctx.t('errors.OVERSPEND_NEEDS_JUSTIFICATION', {
          item: r.item,
          approved: r.approved,
          cumulative: r.cumulative,
          tolerance: fin.tolerancePercent,
        }),
      })),
  );
}
