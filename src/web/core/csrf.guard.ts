import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { WebErrorCode, WebException } from './web.exception';
import { WebPages } from './web-pages.service';
import type { WebRequest } from './web-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing page request carries the page's CSRF token: `_csrf` in the form, or
 * in the query for a file upload (multipart is read by the handler, after the guards).
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly pages: WebPages) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<WebRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    const fromBody = (request.body as Record<string, unknown> | undefined)?._csrf;
    const fromQuery = (request.query as Record<string, unknown> | undefined)?._csrf;
    const token = typeof fromBody === 'string' ? fromBody : typeof fromQuery === 'string' ? fromQuery : undefined;
    if (!this.pages.csrfValid(request, token)) throw new WebException(WebErrorCode.FORM_EXPIRED);
    return true;
  }
}
