import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { KZ_TIME_ZONE } from '../../../libs/kz';
import { AppException, CommonErrorCode } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import type { PageQueryDto } from '../../common/pagination/pagination';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../../modules/access/access.decorators';
import { ApplicationsService } from '../../modules/applications/applications.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import type { InboxPageDto } from '../../modules/notifications/dto/notification.dto';
import { InboxService } from '../../modules/notifications/inbox.service';
import { ResultsService } from '../../modules/scoring/results.service';
import { ScreeningService } from '../../modules/screening/screening.service';
import { formatDateTime } from '../core/format';
import { PostForm, SubmitButton } from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import { MyApplications } from './me-applications';
import { MeNav, noticeText } from './me-nav';
import type { MyApplicationItem } from './me-progress';

const NOTIFICATIONS_PER_PAGE = 20;
/** An applicant has a handful of applications (a host organization at most 7 per competition). */
const APPLICATIONS_SHOWN = 100;
const NOTICES = ['read', 'read_all'] as const;

/** GET /me/applications's row. */
interface MyApplicationRow {
  id: string;
  competitionId: string;
  competitionTitleKk: string;
  competitionTitleRu: string;
  status: string;
  number: string | null;
  title: string | null;
  submittedAt: Date | string | null;
}

function pageNumber(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

const URL_IN_TEXT = /(https?:\/\/[^\s<>"]+)/g;

/** A message's text with its links clickable (only http(s) links; everything else stays text). */
function TextWithLinks({ text }: { text: string }) {
  const parts = text.split(URL_IN_TEXT);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

function Notifications({ ctx, inbox, notice }: { ctx: PageContext; inbox: InboxPageDto; notice?: string }) {
  const page = inbox.page;
  const hasOlder = inbox.total > page * inbox.pageSize;
  return (
    <section id="notifications" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{ctx.t('pages.me.notifications_title')}</h2>
      <Notice text={notice} />
      <p>{ctx.t('pages.me.unread_count', { n: inbox.unreadCount })}</p>
      {inbox.unreadCount > 0 && (
        <PostForm ctx={ctx} action="/me/notifications/read-all">
          <SubmitButton secondary>{ctx.t('pages.me.mark_all_read')}</SubmitButton>
        </PostForm>
      )}
      {inbox.items.length === 0 ? (
        <p>{ctx.t('pages.me.notifications_none')}</p>
      ) : (
        <ul class="cards">
          {inbox.items.map((n) => (
            <li key={n.id} class={n.readAt ? 'card card--read' : 'card'}>
              <h3>
                {!n.readAt && (
                  <>
                    <strong class="tag tag--yellow">{ctx.t('pages.me.unread_tag')}</strong>{' '}
                  </>
                )}
                {n.subject}
              </h3>
              <p class="muted">
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, KZ_TIME_ZONE, ctx.locale)}</time>
              </p>
              <details>
                <summary>{ctx.t('pages.me.notification_text')}</summary>
                <p class="message-text">
                  <TextWithLinks text={n.text} />
                </p>
              </details>
              {!n.readAt && (
                <PostForm ctx={ctx} action={`/me/notifications/${n.id}/read`}>
                  {page > 1 && <input type="hidden" name="page" value={String(page)} />}
                  <SubmitButton secondary>
                    {ctx.t('pages.me.mark_read')}
                    <span class="visually-hidden">: {n.subject}</span>
                  </SubmitButton>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {(page > 1 || hasOlder) && (
        <ul class="links">
          {page > 1 && (
            <li>
              <a href={page === 2 ? '/me#notifications' : `/me?page=${page - 1}#notifications`}>
                {ctx.t('pages.me.newer')}
              </a>
            </li>
          )}
          {hasOlder && (
            <li>
              <a href={`/me?page=${page + 1}#notifications`}>{ctx.t('pages.me.older')}</a>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

function MyPage({
  ctx,
  items,
  inbox,
  notice,
}: {
  ctx: PageContext;
  items: MyApplicationItem[];
  inbox: InboxPageDto;
  notice?: string;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('pages.me.title')}>
      <MeNav ctx={ctx} current="/me" />
      <h1>{ctx.t('pages.me.title')}</h1>
      <section aria-labelledby="applications-title">
        <h2 id="applications-title">{ctx.t('pages.me.applications_title')}</h2>
        <MyApplications ctx={ctx} items={items} />
      </section>
      <Notifications ctx={ctx} inbox={inbox} notice={notice} />
    </Layout>
  );
}

/**
 * "My page": the applicant's applications with their status and what happens next, and the
 * messages they were sent (the in-app copy of every e-mail) with the unread ones marked.
 */
@WebController()
export class MePageController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly competitions: CompetitionsService,
    private readonly screening: ScreeningService,
    private readonly results: ResultsService,
    private readonly inbox: InboxService,
  ) {}

  @Get('me')
  @SignedIn()
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Query('page') page?: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const actor = this.pages.actor(request);
    const query = { page: pageNumber(page), pageSize: NOTIFICATIONS_PER_PAGE } as PageQueryDto;
    const [items, inbox] = await Promise.all([this.myApplications(actor), this.inbox.list(actor.userId!, query)]);
    this.pages.render(
      reply,
      <MyPage ctx={ctx} items={items} inbox={inbox} notice={noticeText(ctx, notice, NOTICES)} />,
    );
  }

  @Post('me/notifications/read-all')
  @SignedIn()
  async readAll(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    await this.inbox.markAllRead(this.pages.actor(request).userId!);
    this.pages.redirect(reply, '/me?notice=read_all#notifications');
  }

  /** Another person's message (or none) is "not found", as the API answers. */
  @Post('me/notifications/:id/read')
  @SignedIn()
  async read(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    await this.inbox.markRead(this.pages.actor(request).userId!, id);
    const page = pageNumber(field(request.body as FormBody, 'page'));
    this.pages.redirect(reply, `/me?${page > 1 ? `page=${page}&` : ''}notice=read#notifications`);
  }

  /**
   * The applications of GET /me/applications, each with what its owner may read about it: the
   * deadline of a draft, the screening outcome once published (with the failed lines), whether
   * the results are published, the draw's arm.
   */
  private async myApplications(actor: Actor): Promise<MyApplicationItem[]> {
    const list = await this.applications.listMine(actor, { page: 1, pageSize: APPLICATIONS_SHOWN } as PageQueryDto);
    const rows = list.items as unknown as MyApplicationRow[];
    const competitionIds = [...new Set(rows.map((r) => r.competitionId))];
    const competitions = new Map(
      await Promise.all(competitionIds.map(async (id) => [id, await this.competitions.find(id)] as const)),
    );
    const published = new Map<string, Promise<boolean>>();
    const resultsPublished = (competitionId: string) => {
      if (!published.has(competitionId)) published.set(competitionId, this.resultsPublished(competitionId, actor));
      return published.get(competitionId)!;
    };
    return Promise.all(
      rows.map(async (row) => {
        const competition = competitions.get(row.competitionId) ?? null;
        const screening = ['screened_in', 'screened_out'].includes(row.status)
          ? await this.screeningOutcome(row.id, actor)
          : null;
        const arm = ['allocated', 'winner'].includes(row.status)
          ? (await this.applications.get(row.id, actor)).arm
          : null;
        return {
          id: row.id,
          number: row.number,
          title: row.title,
          competitionTitle: actor.locale === 'ru' ? row.competitionTitleRu : row.competitionTitleKk,
          status: row.status,
          submittedAt: row.submittedAt ? new Date(row.submittedAt) : null,
          deadline: competition?.submissionDeadline ?? null,
          timeZone: competition?.timeZone ?? KZ_TIME_ZONE,
          arm,
          screening,
          resultsPublished: ['shortlisted', 'not_selected', 'winner'].includes(row.status)
            ? await resultsPublished(row.competitionId)
            : false,
        };
      }),
    );
  }

  /** The screening service shows the applicant the checklist once it is published; before that, nothing. */
  private async screeningOutcome(applicationId: string, actor: Actor): Promise<MyApplicationItem['screening']> {
    try {
      const checklist = await this.screening.get(applicationId, actor);
      return {
        reasons: checklist.lines
          .filter((l) => !l.effective)
          .map((l) => ({ label: l.label, message: l.override?.comment ?? l.message ?? '' })),
        comment: checklist.decisionComment,
      };
    } catch (error) {
      if (error instanceof AppException && error.code === CommonErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  /** The ranking is public once the results are published; until then the service says "not yet". */
  private async resultsPublished(competitionId: string, actor: Actor): Promise<boolean> {
    try {
      await this.results.ranking(competitionId, actor);
      return true;
    } catch (error) {
      if (error instanceof AppException && error.code === 'RESULTS_NOT_YET') return false;
      throw error;
    }
  }
}
