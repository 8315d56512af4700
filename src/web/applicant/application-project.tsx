import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../../modules/access/access.decorators';
import { ApplicationsService } from '../../modules/applications/applications.service';
import { UpdateApplicationDto } from '../../modules/applications/dto/application.dto';
import { SubmitApplicationService } from '../../modules/applications/use-cases/submit-application/submit-application.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { DIRECTION_LABELS, isDirectionCode } from '../../modules/competitions/domain/directions.constants';
import type { FormField, Rulebook } from '../../modules/competitions/domain/rulebook.types';
import { TerritoriesService } from '../../modules/territories/territories.service';
import {
  FormErrors,
  formErrorsFrom,
  NO_ERRORS,
  Option,
  PostForm,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  fieldId,
} from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, fields, FormBody, WebReply, WebRequest } from '../core/web-request';
import {
  ApplicationPage,
  ApplicationStepPage,
  autosaved,
  autosaveRefused,
  isAutosave,
  isDraft,
  loadApplicationPage,
  noticeText,
  savedStepPath,
  stepPath,
  stepProblems,
  StepButtons,
  AutosaveStatus,
} from './application-shell';

/** The title's length, as UpdateApplicationDto allows it. */
const TITLE_MAX = 300;

/** What the form holds: the fixed fields and the rulebook's questions (`answers.<key>`), as typed. */
type ProjectValues = Record<string, string | string[]>;

/** The saved application as the form's values: numbers and yes/no as the inputs show them. */
function valuesOf(page: ApplicationPage): ProjectValues {
  const { application, rulebook } = page;
  const values: ProjectValues = {
    title: application.title ?? '',
    territoryCode: application.territoryCode ?? '',
    direction: application.direction ?? '',
    nomination: application.nomination ?? '',
  };
  for (const f of rulebook.fields) {
    const answer = application.answers?.[f.key];
    const name = `answers.${f.key}`;
    if (answer === undefined || answer === null) values[name] = f.type === 'multiselect' ? [] : '';
    else if (f.type === 'multiselect') values[name] = Array.isArray(answer) ? answer.map(String) : [String(answer)];
    else if (f.type === 'boolean') values[name] = answer === true ? 'yes' : answer === false ? 'no' : String(answer);
    else values[name] = String(answer);
  }
  return values;
}

/** The posted form as typed (kept for a re-render), and as the answers the API takes. */
function valuesFrom(body: FormBody, rulebook: Rulebook): { values: ProjectValues; answers: Record<string, unknown> } {
  const values: ProjectValues = {
    title: field(body, 'title'),
    territoryCode: field(body, 'territoryCode'),
    direction: field(body, 'direction'),
    nomination: field(body, 'nomination'),
  };
  const answers: Record<string, unknown> = {};
  for (const f of rulebook.fields) {
    const name = `answers.${f.key}`;
    if (f.type === 'multiselect') {
      const chosen = fields(body, name).filter((v) => v !== '');
      values[name] = chosen;
      answers[f.key] = chosen.length ? chosen : null;
      continue;
    }
    const raw = field(body, name);
    values[name] = raw;
    answers[f.key] = answerOf(f, raw);
  }
  return { values, answers };
}

/**
 * A typed value as the rulebook's type: a number when it reads as one (spaces between
 * thousands allowed), yes/no as true/false, empty as not given. Anything else is kept as
 * typed, so nothing is lost; the check names what is wrong with it.
 */
function answerOf(f: FormField, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return null;
  if (f.type === 'number' || f.type === 'integer') {
    const compact = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
    const pattern = f.type === 'integer' ? /^-?\d{1,15}$/ : /^-?\d{1,15}(\.\d{1,6})?$/;
    return pattern.test(compact) ? Number(compact) : raw;
  }
  if (f.type === 'boolean') return text === 'yes' ? true : text === 'no' ? false : raw;
  return raw;
}

/** A multiselect problem (`answers.kinds[2]`) belongs to its question. */
function projectField(apiField: string): string | null {
  if (['title', 'territoryCode', 'direction', 'nomination'].includes(apiField)) return apiField;
  const answer = /^answers\.([a-zA-Z][a-zA-Z0-9_]*)/.exec(apiField);
  return answer ? `answers.${answer[1]}` : null;
}

/** The limits a question's hint states: characters, value bounds, how many to choose. */
function limitsHint(ctx: PageContext, f: Pick<FormField, 'type' | 'maxLength' | 'min' | 'max'>): string | undefined {
  if (f.maxLength !== undefined) return ctx.t('pages.application.hint.max_length', { limit: f.maxLength });
  if (f.min !== undefined && f.max !== undefined) {
    return ctx.t(f.type === 'multiselect' ? 'pages.application.hint.choose_range' : 'pages.application.hint.range', {
      min: f.min,
      max: f.max,
    });
  }
  if (f.min !== undefined) return ctx.t('pages.application.hint.min', { min: f.min });
  if (f.max !== undefined) return ctx.t('pages.application.hint.max', { max: f.max });
  return undefined;
}

function optionalLabel(ctx: PageContext, label: string, required: boolean): string {
  return required ? label : `${label} (${ctx.t('pages.common.optional')})`;
}

/** One of the rulebook's questions, in the input its type calls for. */
function Question({
  ctx,
  question,
  values,
  errors,
}: {
  ctx: PageContext;
  question: FormField;
  values: ProjectValues;
  errors: FormErrors;
}) {
  const name = `answers.${question.key}`;
  const label = optionalLabel(ctx, question.label[ctx.locale], question.required);
  const hint = limitsHint(ctx, question);
  const value = values[name];
  const text = typeof value === 'string' ? value : '';
  switch (question.type) {
    case 'textarea':
      return (
        <TextArea
          name={name}
          label={label}
          hint={hint}
          value={text}
          rows={question.maxLength && question.maxLength > 1500 ? 8 : 5}
          maxLength={question.maxLength}
          errors={errors}
        />
      );
    case 'select':
      return (
        <SelectField
          name={name}
          label={label}
          hint={hint}
          value={text}
          placeholder={ctx.t('pages.application.project.choose')}
          options={(question.options ?? []).map((o) => ({ value: o.value, label: o.label[ctx.locale] }))}
          errors={errors}
        />
      );
    case 'multiselect': {
      const id = fieldId(name);
      const error = errors.for(name);
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset class={`field${error ? ' field--error' : ''}`} id={id} tabindex={-1}>
          <legend>{label}</legend>
          {hint && <p class="hint">{hint}</p>}
          {error && <p class="field-error">{error}</p>}
          {(question.options ?? []).map((o, i) => (
            <div class="choice" key={o.value}>
              <input type="checkbox" id={`${id}-${i}`} name={name} value={o.value} checked={chosen.includes(o.value)} />
              <label for={`${id}-${i}`}>{o.label[ctx.locale]}</label>
            </div>
          ))}
        </fieldset>
      );
    }
    case 'boolean':
      return (
        <RadioGroup
          name={name}
          label={label}
          hint={hint}
          value={text}
          options={[
            { value: 'yes', label: ctx.t('pages.common.yes') },
            { value: 'no', label: ctx.t('pages.common.no') },
          ]}
          errors={errors}
        />
      );
    case 'number':
    case 'integer':
      return (
        <TextField
          name={name}
          label={label}
          hint={hint}
          value={text}
          inputMode={question.type === 'integer' ? 'numeric' : 'decimal'}
          width="short"
          errors={errors}
        />
      );
    case 'date':
      return (
        <TextField name={name} label={label} hint={hint} value={text} type="date" width="medium" errors={errors} />
      );
    case 'url':
      return (
        <TextField
          name={name}
          label={label}
          hint={hint}
          value={text}
          type="url"
          maxLength={question.maxLength}
          errors={errors}
        />
      );
    default:
      return (
        <TextField name={name} label={label} hint={hint} value={text} maxLength={question.maxLength} errors={errors} />
      );
  }
}

interface ProjectPageProps {
  ctx: PageContext;
  page: ApplicationPage;
  territories: Option[];
  values: ProjectValues;
  errors?: FormErrors;
  failed?: boolean;
  notice?: string | null;
  /** Rendered from a posted form (a refused save). */
  posted?: boolean;
}

function ProjectPage({ ctx, page, territories, values, errors = NO_ERRORS, failed, notice, posted }: ProjectPageProps) {
  const { rulebook, application } = page;
  const labels: Record<string, string> = {
    title: ctx.t('pages.application.project.title_label'),
    territoryCode: ctx.t('pages.application.project.territory_label'),
    direction: ctx.t('pages.application.project.direction_label'),
    nomination: ctx.t('pages.application.project.nomination_label'),
  };
  for (const f of rulebook.fields) labels[`answers.${f.key}`] = f.label[ctx.locale];
  const territoryOptions = [...territories];
  const current = String(values.territoryCode ?? '');
  if (current && !territoryOptions.some((o) => o.value === current))
    territoryOptions.push({ value: current, label: current });
  const editable = isDraft(page);
  const title = ctx.t('pages.application.step_project');
  return (
    <ApplicationStepPage
      ctx={ctx}
      page={page}
      step="project"
      title={title}
      errors={errors}
      failed={failed}
      labels={labels}
      notice={notice}
      scripts={editable ? ['autosave.js'] : undefined}
    >
      {editable && (
        <PostForm ctx={ctx} action={stepPath(application.id, 'project')} autosave={stepPath(application.id, 'project')}>
          <input type="hidden" name="version" value={String(application.version)} />
          <TextField
            name="title"
            label={labels.title}
            hint={ctx.t('pages.application.hint.max_length', { limit: TITLE_MAX })}
            value={values.title as string}
            maxLength={TITLE_MAX}
            errors={errors}
          />
          <SelectField
            name="territoryCode"
            label={labels.territoryCode}
            hint={ctx.t(
              rulebook.territory.level === 'district'
                ? 'pages.application.project.territory_hint_district'
                : 'pages.application.project.territory_hint_region',
            )}
            value={current}
            placeholder={ctx.t('pages.application.project.choose')}
            options={territoryOptions}
            errors={errors}
          />
          {rulebook.directions.length > 0 && (
            <SelectField
              name="direction"
              label={labels.direction}
              value={values.direction as string}
              placeholder={ctx.t('pages.application.project.choose')}
              options={rulebook.directions.map((code) => ({
                value: code,
                label: isDirectionCode(code) ? DIRECTION_LABELS[code][ctx.locale] : code,
              }))}
              errors={errors}
            />
          )}
          {rulebook.nominations.length > 0 && (
            <SelectField
              name="nomination"
              label={labels.nomination}
              value={values.nomination as string}
              placeholder={ctx.t('pages.application.project.choose')}
              options={rulebook.nominations.map((n) => ({ value: n.code, label: n.label[ctx.locale] }))}
              errors={errors}
            />
          )}
          {rulebook.fields.map((question) => (
            <Question key={question.key} ctx={ctx} question={question} values={values} errors={errors} />
          ))}
          <StepButtons ctx={ctx} />
          <AutosaveStatus ctx={ctx} posted={posted} />
        </PostForm>
      )}
    </ApplicationStepPage>
  );
}

/** `/applications/:id/project`: title, territory, direction and the rulebook's questions, saved as a draft. */
@WebController()
export class ApplicationProjectController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly competitions: CompetitionsService,
    private readonly territories: TerritoriesService,
    private readonly submission: SubmitApplicationService,
  ) {}

  private get services() {
    return { applications: this.applications, competitions: this.competitions };
  }

  @Get('applications/:id/project')
  @SignedIn()
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const actor = this.pages.actor(request);
    const page = await loadApplicationPage(this.services, id, actor);
    const ctx = this.pages.context(request, reply);
    const problems = await stepProblems(
      this.submission,
      page,
      actor,
      ctx,
      (p) => projectField(p.field) !== null,
      projectField,
    );
    this.pages.render(
      reply,
      <ProjectPage
        ctx={ctx}
        page={page}
        territories={await this.territoryOptions(page.rulebook, ctx)}
        values={valuesOf(page)}
        errors={problems}
        failed={false}
        notice={noticeText(ctx, notice)}
      />,
    );
  }

  @Post('applications/:id/project')
  @SignedIn()
  async save(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const body = request.body as FormBody;
    const page = await loadApplicationPage(this.services, id, actor);
    const { values, answers } = valuesFrom(body, page.rulebook);
    const version = Number(field(body, 'version'));
    try {
      const dto = await validateInput(UpdateApplicationDto, {
        version: Number.isInteger(version) && version > 0 ? version : page.application.version,
        title: values.title,
        territoryCode: values.territoryCode || undefined,
        direction: values.direction || undefined,
        nomination: values.nomination || undefined,
        answers,
      });
      const saved = await this.applications.update(id, dto, actor);
      if (isAutosave(request)) return autosaved(reply, saved.version);
      const ctx = this.pages.context(request, reply);
      const after = { ...page, application: saved };
      const problems = await stepProblems(this.submission, after, actor, ctx, (p) => projectField(p.field) !== null);
      this.pages.redirect(reply, savedStepPath(after, 'project', problems.any ? 'save' : field(body, 'action')));
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, projectField);
      // The next save goes over what is saved now: the person has seen the conflict and kept their text.
      const fresh = await loadApplicationPage(this.services, id, actor);
      if (isAutosave(request)) return autosaveRefused(reply, errors, fresh.application.version);
      this.pages.render(
        reply,
        <ProjectPage
          ctx={ctx}
          page={fresh}
          territories={await this.territoryOptions(page.rulebook, ctx)}
          values={values}
          errors={errors}
          posted
        />,
      );
    }
  }

  /**
   * The territories an application may name: the regions in scope, or for a competition of
   * districts ("one winner per district") the districts and cities in scope, with their region.
   */
  private async territoryOptions(rulebook: Rulebook, ctx: PageContext): Promise<Option[]> {
    const top = await this.territories.list();
    const name = (t: { name: { kk: string; ru: string } }) => t.name[ctx.locale];
    if (rulebook.territory.level === 'region') {
      return top
        .filter((t) => rulebook.territory.scope.includes(t.code))
        .map((t) => ({ value: t.code, label: name(t) }));
    }
    const { units } = await this.territories.unitsInScope(rulebook.territory.scope);
    const regions = new Map(top.map((t) => [t.code, name(t)]));
    const severalRegions = new Set(units.map((u) => u.parentCode)).size > 1;
    return units.map((u) => ({
      value: u.code,
      label:
        severalRegions && u.parentCode && regions.has(u.parentCode)
          ? `${name(u)} (${regions.get(u.parentCode)})`
          : name(u),
    }));
  }
}
