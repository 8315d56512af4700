import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException, CommonErrorCode } from '../../../common/errors/app.exception';
import { uuidPipe } from '../../../common/validation/uuid.pipe';
import { CompetitionMember } from '../../../modules/access/access.decorators';
import { CompetitionsService } from '../../../modules/competitions/competitions.service';
import { UpdateCompetitionDto } from '../../../modules/competitions/dto/competition.dto';
import { FieldError, FormErrors, formErrorsFrom } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import { validateInput } from '../../core/validate';
import { WebController } from '../../core/web-controller.decorator';
import { WebPages } from '../../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../../core/web-request';
import { CRITERIA } from './rules-criteria.view';
import { DOCUMENTS } from './rules-documents.view';
import { formNameOf, isEditable, rowAction, sectionPath, T } from './rules-parts';
import { OUTCOMES } from './rules-outcomes.view';
import { QUESTIONS } from './rules-questions.view';
import { REPORTING } from './rules-reporting.view';
import type { SectionSpec } from './rules-section';

/** JSON with its keys in order: the database keeps objects in its own key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The rules form's scoring-side sections (issue 15): the rulebook's own questions, the
 * required documents, and the criteria with the selection rule, the nominations and the
 * draw; and what follows the decision: the winners' reports, the participants' survey and
 * the final report's counting rule. Each section is one form saved through CompetitionsService.update (the API's PATCH
 * /competitions/:id) with only its own top-level keys; the service checks the whole
 * rulebook, and its problems are shown beside the inputs that caused them. Open
 * competitions are shown read-only, as the service refuses to change them.
 */
@WebController('organizer')
export class RulesSectionsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly competitions: CompetitionsService,
  ) {}

  @Get('competitions/:id/rules/questions')
  @CompetitionMember(['organizer'])
  questions(
    @Req() r: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') n?: string,
  ) {
    return this.show(QUESTIONS, r, reply, id, n);
  }

  @Post('competitions/:id/rules/questions')
  @CompetitionMember(['organizer'])
  saveQuestions(@Req() r: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.save(QUESTIONS, r, reply, id);
  }

  @Get('competitions/:id/rules/documents')
  @CompetitionMember(['organizer'])
  documents(
    @Req() r: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') n?: string,
  ) {
    return this.show(DOCUMENTS, r, reply, id, n);
  }

  @Post('competitions/:id/rules/documents')
  @CompetitionMember(['organizer'])
  saveDocuments(@Req() r: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.save(DOCUMENTS, r, reply, id);
  }

  @Get('competitions/:id/rules/criteria')
  @CompetitionMember(['organizer'])
  criteria(
    @Req() r: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') n?: string,
  ) {
    return this.show(CRITERIA, r, reply, id, n);
  }

  @Post('competitions/:id/rules/criteria')
  @CompetitionMember(['organizer'])
  saveCriteria(@Req() r: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.save(CRITERIA, r, reply, id);
  }

  @Get('competitions/:id/rules/reporting')
  @CompetitionMember(['organizer'])
  reporting(
    @Req() r: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') n?: string,
  ) {
    return this.show(REPORTING, r, reply, id, n);
  }

  @Post('competitions/:id/rules/reporting')
  @CompetitionMember(['organizer'])
  saveReporting(@Req() r: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.save(REPORTING, r, reply, id);
  }

  @Get('competitions/:id/rules/outcomes')
  @CompetitionMember(['organizer'])
  outcomes(
    @Req() r: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') n?: string,
  ) {
    return this.show(OUTCOMES, r, reply, id, n);
  }

  @Post('competitions/:id/rules/outcomes')
  @CompetitionMember(['organizer'])
  saveOutcomes(@Req() r: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string) {
    return this.save(OUTCOMES, r, reply, id);
  }

  private async show<S>(
    spec: SectionSpec<S>,
    request: WebRequest,
    reply: WebReply,
    id: string,
    notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const competition = await this.competitions.view(id, this.pages.actor(request), true);
    this.pages.render(
      reply,
      spec.page({
        ctx,
        competition,
        state: isEditable(competition) ? spec.fromSaved(competition.rulebook) : undefined,
        version: competition.version,
        notice: notice === 'saved' ? ctx.t(`${T}notice_saved`) : null,
      }),
    );
  }

  private async save<S>(spec: SectionSpec<S>, request: WebRequest, reply: WebReply, id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const body = request.body as FormBody;
    const competition = await this.competitions.view(id, actor, true);
    const ctx = this.pages.context(request, reply);
    let state = spec.fromBody(body);
    const parsedVersion = Number.parseInt(field(body, 'version'), 10);
    const version = Number.isFinite(parsedVersion) ? parsedVersion : -1;

    const action = isEditable(competition) ? rowAction(field(body, 'action')) : null;
    if (action) {
      state = spec.applyAction(state, action);
      return this.pages.render(reply, spec.page({ ctx, competition, state, version, unsaved: true }));
    }

    const { rulebook, rowsOf } = spec.build(state, competition.rulebook);
    try {
      const dto = await validateInput(UpdateCompetitionDto, { version, rulebook });
      await this.competitions.update(id, dto, actor);
      this.pages.redirect(reply, `${sectionPath(id, spec.section)}?notice=saved`);
    } catch (error) {
      const current = await this.competitions.view(id, actor, true);
      if (!isEditable(current)) {
        // Opened meanwhile (or already): the service changed nothing; the page says why.
        formErrorsFrom(error, ctx, () => null);
        const errors = new FormErrors([{ field: '', message: ctx.t('errors.COMPETITION_LOCKED') }]);
        return this.pages.render(
          reply,
          spec.page({ ctx, competition: current, version: current.version, errors }),
          409,
        );
      }
      if (error instanceof AppException && error.code === CommonErrorCode.VERSION_CONFLICT) {
        // The same form sent twice (a double click) finds its own save: nothing to redo.
        const saved = spec.build(spec.fromSaved(current.rulebook), current.rulebook).rulebook;
        if (canonical(saved) === canonical(rulebook)) {
          return this.pages.redirect(reply, `${sectionPath(id, spec.section)}?notice=saved`);
        }
        return this.pages.render(
          reply,
          spec.page({ ctx, competition: current, state, version: current.version, conflict: true }),
          409,
        );
      }
      const errors = this.errorsOf(spec, error, ctx, state, rowsOf);
      this.pages.render(
        reply,
        spec.page({ ctx, competition: current, state, version, errors }),
        error instanceof AppException ? error.status : 400,
      );
    }
  }

  /** The service's problems beside the form's inputs (its rows numbered as the form numbers them). */
  private errorsOf<S>(
    spec: SectionSpec<S>,
    error: unknown,
    ctx: PageContext,
    state: S,
    rowsOf: Map<string, number[]>,
  ): FormErrors {
    const generic = formErrorsFrom(error, ctx, () => null);
    if (!(error instanceof AppException) || error.details.length === 0) return generic;
    const items: FieldError[] = error.details.map((d) => {
      const moved = spec.moveProblem?.(d.field, state) ?? null;
      const name = moved?.name ?? formNameOf(d.field, rowsOf, spec.known) ?? '';
      const message = moved?.messageKey
        ? ctx.t(moved.messageKey)
        : ctx.t(`errors.${d.code}`, { field: d.field, ...d.params });
      return { field: name, message };
    });
    return new FormErrors(items);
  }
}
