import { applyDecorators, Controller, SetMetadata, UseFilters, UseGuards, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WEB_PAGE } from '../../modules/access/web-sessions';
import { CsrfGuard } from './csrf.guard';
import { WebExceptionFilter } from './web-exception.filter';

/**
 * A controller of web pages: served under `/` (no API version prefix), left out of the
 * OpenAPI document, signed in by the session cookie, every POST checked for its CSRF token,
 * and errors answered as pages (sign in and come back, not found, try again).
 */
export function WebController(path = ''): ClassDecorator {
  return applyDecorators(
    Controller({ path, version: VERSION_NEUTRAL }),
    ApiExcludeController(),
    SetMetadata(WEB_PAGE, true),
    UseGuards(CsrfGuard),
    UseFilters(WebExceptionFilter),
  );
}
