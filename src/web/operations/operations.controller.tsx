import { performance } from 'node:perf_hooks';
import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ForbiddenAppException, NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { AdminOnly, SignedIn } from '../../modules/access/access.decorators';
import { AuditService } from '../../modules/audit/audit.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { FailedQueryDto } from '../../modules/notifications/dto/notification.dto';
import { NotificationAdminService } from '../../modules/notifications/notification-admin.service';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import type { WebReply, WebRequest } from '../core/web-request';
import {
  AuditCheckPage,
  AuditResultPage,
  FailedEmailsPage,
  FailedRow,
  OperationsHomePage,
  OPERATIONS_TIME_ZONE,
} from './operations-views';

const PAGE_SIZE = 20;

function pageNumber(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}

/**
 * Operations: failed e-mails with their retry, the audit chain check. Who sees what is the
 * services' rule, exactly as on the API: failed e-mails for admins (all) and organizers (those
 * about their competitions), the chain check for admins only.
 */
@WebController('operations')
export class OperationsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly notifications: NotificationAdminService,
    private readonly audit: AuditService,
    private readonly competitions: CompetitionsService,
  ) {}

  /** The tools this person may use; someone who may use none is refused, as each tool would refuse them. */
  @Get()
  @SignedIn()
  async home(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const failedCount = await this.failedCount(actor);
    if (failedCount === null && !actor.isAdmin) throw new ForbiddenAppException();
    this.pages.render(reply, <OperationsHomePage ctx={ctx} failedCount={failedCount} mayAudit={actor.isAdmin} />);
  }

  @Get('emails')
  @SignedIn()
  async emails(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('page') rawPage?: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const page = await this.failedPage(ctx, this.pages.actor(request), pageNumber(rawPage), {
      notice: notice === 'retried' ? ctx.t('pages.operations.emails.notice_retried') : undefined,
    });
    this.pages.render(reply, page);
  }

  /**
   * Back in the outbox as new; the worker sends it again. A second press (or a message that
   * is someone else's, or no longer failed) finds nothing to retry: the service says "not
   * found" and nothing changes, and the list says so.
   */
  @Post('emails/:id/retry')
  @SignedIn()
  async retry(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    try {
      await this.notifications.retry(id, actor);
    } catch (error) {
      if (!(error instanceof NotFoundAppException)) throw error;
      const ctx = this.pages.context(request, reply);
      // Someone who may not see failed e-mails at all gets the plain "not found" page.
      const page = await this.failedPage(ctx, actor, 1, {
        warning: ctx.t('pages.operations.emails.retry_not_found'),
      }).catch(() => {
        throw error;
      });
      this.pages.render(reply, page, 404);
      return;
    }
    this.pages.redirect(reply, '/operations/emails?notice=retried');
  }

  @Get('audit')
  @AdminOnly()
  auditPage(@Req() request: WebRequest, @Res() reply: WebReply): void {
    this.pages.render(reply, <AuditCheckPage ctx={this.pages.context(request, reply)} />);
  }

  /** Reads the whole chain: a POST, so opening or reloading the page never starts it. */
  @Post('audit/verify')
  @AdminOnly()
  async verify(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const started = performance.now();
    const verdict = await this.audit.verify();
    const ms = performance.now() - started;
    const entry = verdict.ok ? null : await this.audit.entry(verdict.brokenAt);
    this.pages.render(reply, <AuditResultPage ctx={ctx} verdict={verdict} ms={ms} entry={entry} />);
  }

  /** How many failed e-mails this person sees, or null when the service refuses them the list. */
  private async failedCount(actor: Actor): Promise<number | null> {
    try {
      const query = await validateInput(FailedQueryDto, { page: 1, pageSize: 1 });
      return (await this.notifications.listFailed(actor, query)).total;
    } catch (error) {
      if (error instanceof ForbiddenAppException) return null;
      throw error;
    }
  }

  private async failedPage(
    ctx: PageContext,
    actor: Actor,
    page: number,
    messages: { notice?: string; warning?: string },
  ) {
    const query = await validateInput(FailedQueryDto, { page, pageSize: PAGE_SIZE });
    const list = await this.notifications.listFailed(actor, query);
    const titles = new Map<string, FailedRow['competition']>();
    for (const competitionId of new Set(list.items.map((i) => i.competitionId).filter((c): c is string => !!c))) {
      const competition = await this.competitions.find(competitionId);
      titles.set(
        competitionId,
        competition
          ? { kk: competition.titleKk, ru: competition.titleRu, timeZone: competition.timeZone || OPERATIONS_TIME_ZONE }
          : null,
      );
    }
    const rows: FailedRow[] = list.items.map((item) => ({
      ...item,
      competition: item.competitionId ? (titles.get(item.competitionId) ?? null) : null,
    }));
    return (
      <FailedEmailsPage
        ctx={ctx}
        rows={rows}
        total={list.total}
        page={query.page}
        pageSize={query.pageSize}
        seesAll={actor.isAdmin}
        {...messages}
      />
    );
  }
}
