import { Module } from '@nestjs/common';
import { IdentityModule } from '../modules/identity/identity.module';
import { SignInController } from './account/sign-in.controller';
import { CsrfGuard } from './core/csrf.guard';
import { WebExceptionFilter } from './core/web-exception.filter';
import { WebPages } from './core/web-pages.service';

/**
 * The web pages: server-rendered HTML under `/` from the same process as the API. Page
 * controllers call the modules' services (the same rules, the same audit); no rule lives in a view.
 */
@Module({
  imports: [IdentityModule],
  controllers: [SignInController],
  providers: [WebPages, CsrfGuard, WebExceptionFilter],
  exports: [WebPages, WebExceptionFilter],
})
export class WebModule {}
