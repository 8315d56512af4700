import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { clientHungUp } from '../../common/errors/all-exceptions.filter';
import { AppException, CommonErrorCode } from '../../common/errors/app.exception';
import { WEB_SESSION_COOKIE } from '../../modules/access/web-sessions';
import { WebSessionService } from '../../modules/identity/web-session.service';
import { Layout } from './layout';
import type { PageContext } from './page-context';
import { WebErrorCode } from './web.exception';
import { safeLocalPath, WebPages } from './web-pages.service';
import type { WebReply, WebRequest } from './web-request';

function statusOf(exception: unknown): number {
  if (exception instanceof AppException) return exception.status;
  if (exception instanceof ThrottlerException) return 429;
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { statusCode?: number })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

function ErrorPage({
  ctx,
  status,
  code,
  requestId,
}: {
  ctx: PageContext;
  status: number;
  code: string;
  requestId: string;
}) {
  const kind =
    code === WebErrorCode.FORM_EXPIRED
      ? 'form_expired'
      : status === 404
        ? 'not_found'
        : status === 403
          ? 'forbidden'
          : status === 429
            ? 'too_many'
            : status === 413
              ? 'too_large'
              : status >= 500
                ? 'server'
                : 'bad_request';
  return (
    <Layout ctx={ctx} title={ctx.t(`pages.errors.${kind}_title`)}>
      <h1>{ctx.t(`pages.errors.${kind}_title`)}</h1>
      <p>{ctx.t(`pages.errors.${kind}_text`)}</p>
      {status >= 500 && <p class="hint">{ctx.t('pages.errors.request_id', { requestId })}</p>}
      <p>
        <a href="/">{ctx.t('pages.errors.home_link')}</a>
      </p>
    </Layout>
  );
}

/**
 * Errors on page routes become pages, never JSON: not signed in (or the session ended) →
 * sign in and come back here; another's record → "not found"; an expired form → try again.
 */
@Catch()
@Injectable()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebError');

  constructor(
    private readonly pages: WebPages,
    private readonly sessions: WebSessionService,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const reply = host.switchToHttp().getResponse<WebReply>();
    await this.answer(exception, request, reply);
  }

  async answer(exception: unknown, request: WebRequest, reply: WebReply): Promise<void> {
    if (clientHungUp(request)) return;
    // An unknown address never reached the access guard: find the session here, so the
    // page still shows the person as signed in, in their language.
    const cookie = request.cookies?.[WEB_SESSION_COOKIE];
    if (!request.webSession && cookie) {
      const session = await this.sessions.resolve(cookie).catch(() => null);
      if (session) request.webSession = session;
    }
    const status = statusOf(exception);
    const code = exception instanceof AppException ? exception.code : '';
    if (status === 401 || code === CommonErrorCode.UNAUTHENTICATED) {
      // After signing in, the person lands where they were; a form's page is its own URL.
      const back = request.method === 'GET' ? request.url : (request.headers.referer ?? request.url);
      const next = safeLocalPath(back.startsWith('/') ? back : pathOf(back));
      this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(next)}`);
      return;
    }
    if (status >= 500) this.logger.error({ err: exception, reqId: request.id }, 'page failed');
    const ctx = this.pages.context(request, reply);
    if (status === 429) {
      const wait = exception instanceof AppException ? exception.params.retryAfterSeconds : undefined;
      void reply.header('Retry-After', String(typeof wait === 'number' ? wait : 60));
    }
    this.pages.render(
      reply,
      <ErrorPage ctx={ctx} status={status} code={code} requestId={String(request.id)} />,
      status === 404 && code === CommonErrorCode.ROUTE_NOT_FOUND ? 404 : status,
    );
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '/';
  }
}
