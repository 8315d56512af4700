import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../../modules/access/access.decorators';
import { ApplicationsService } from '../../modules/applications/applications.service';
import { MAX_BUDGET_LINES } from '../../modules/applications/domain/budget';
import { BudgetDto } from '../../modules/applications/dto/application.dto';
import { SubmitApplicationService } from '../../modules/applications/use-cases/submit-application/submit-application.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { formatMoney } from '../core/format';
import { fieldId, FormErrors, formErrorsFrom, NO_ERRORS, PostForm, TextField } from '../core/forms';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import {
  ApplicationPage,
  ApplicationStepPage,
  autosaved,
  autosaveRefused,
  AutosaveStatus,
  DefaultSaveButton,
  indexedRows,
  isAutosave,
  isDraft,
  loadApplicationPage,
  noticeText,
  savedStepPath,
  stepPath,
  StepButtons,
  stepProblems,
} from './application-shell';

const LINE_FIELDS = ['item', 'quantity', 'unitCost'] as const;
type LineRow = Record<(typeof LINE_FIELDS)[number], string> & { total?: number };

/** Rows a budget of nothing starts with: enough to see how it is filled. */
const FIRST_ROWS = 3;

function blankLine(): LineRow {
  return { item: '', quantity: '', unitCost: '' };
}

function isBlank(row: LineRow): boolean {
  return LINE_FIELDS.every((f) => row[f].trim() === '');
}

/** The saved lines with the totals the server computed. */
function linesOf(page: ApplicationPage): LineRow[] {
  const lines: LineRow[] = page.application.budgetLines.map((l) => ({
    item: l.item,
    quantity: String(l.quantity),
    unitCost: String(l.unitCost),
    total: l.total,
  }));
  while (lines.length < FIRST_ROWS) lines.push(blankLine());
  return lines;
}

function linesFrom(body: FormBody): LineRow[] {
  return indexedRows(body, 'lines')
    .slice(0, MAX_BUDGET_LINES)
    .map(({ values }) => ({
      item: values.item ?? '',
      quantity: values.quantity ?? '',
      unitCost: values.unitCost ?? '',
    }));
}

/** A count or an amount as typed ("150 000", "150000 ₸") as a whole number; anything else as typed, for the check to name. */
function wholeNumber(raw: string): number | string {
  const compact = raw.replace(/[\s\u00a0₸]/g, '');
  return /^\d{1,12}$/.test(compact) ? Number(compact) : raw;
}

/** The lines BudgetDto takes (empty rows left out); `rowOf[k]` is the form's row of line k. */
function budgetOf(lines: LineRow[]): { body: Record<string, unknown>; rowOf: number[] } {
  const rowOf = lines.map((l, i) => (isBlank(l) ? -1 : i)).filter((i) => i >= 0);
  return {
    body: {
      lines: rowOf.map((i) => ({
        item: lines[i].item,
        quantity: wholeNumber(lines[i].quantity),
        unitCost: wholeNumber(lines[i].unitCost),
      })),
    },
    rowOf,
  };
}

/** `budget.lines[k].unitCost` → `lines[row].unitCost`; the amount as a whole → the total. */
function fieldNamesFor(rowOf: number[]) {
  return (apiField: string): string | null => {
    const line = /^budget\.lines\[(\d+)\]\.(\w+)$/.exec(apiField);
    if (line) {
      const row = rowOf[Number(line[1])];
      return row === undefined ? null : `lines[${row}].${line[2]}`;
    }
    return apiField === 'budget' || apiField === 'budget.lines' ? 'budget' : null;
  };
}

function LineFields({
  ctx,
  row,
  index,
  errors,
  canRemove,
}: {
  ctx: PageContext;
  row: LineRow;
  index: number;
  errors: FormErrors;
  canRemove: boolean;
}) {
  const name = (f: string) => `lines[${index}].${f}`;
  return (
    <fieldset class="row-card" data-row="lines" data-index={index}>
      <legend>{ctx.t('pages.application.budget.line', { n: index + 1 })}</legend>
      <TextField
        name={name('item')}
        label={ctx.t('pages.application.budget.item')}
        hint={ctx.t('pages.application.hint.max_length', { limit: 200 })}
        value={row.item}
        maxLength={200}
        errors={errors}
      />
      <div class="row-pair">
        <TextField
          name={name('quantity')}
          label={ctx.t('pages.application.budget.quantity')}
          value={row.quantity}
          inputMode="numeric"
          width="short"
          errors={errors}
        />
        <TextField
          name={name('unitCost')}
          label={ctx.t('pages.application.budget.unit_cost')}
          value={row.unitCost}
          inputMode="numeric"
          width="short"
          errors={errors}
        />
      </div>
      {row.total !== undefined && (
        <p class="line-total">{ctx.t('pages.application.budget.line_total', { amount: formatMoney(row.total) })}</p>
      )}
      {canRemove && (
        <button type="submit" class="link-button" name="action" value={`remove:${index}`}>
          {ctx.t('pages.application.budget.remove', { n: index + 1 })}
        </button>
      )}
    </fieldset>
  );
}

function BudgetPage({
  ctx,
  page,
  lines,
  errors = NO_ERRORS,
  failed,
  notice,
  posted,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  lines: LineRow[];
  errors?: FormErrors;
  failed?: boolean;
  notice?: string | null;
  /** Rendered from a posted form (a row added or removed, a refused save). */
  posted?: boolean;
}) {
  const funding = page.rulebook.funding;
  const labels: Record<string, string> = { budget: ctx.t('pages.application.step_budget') };
  lines.forEach((_, i) => {
    const n = ctx.t('pages.application.budget.line', { n: i + 1 });
    labels[`lines[${i}].item`] = `${n}, ${ctx.t('pages.application.budget.item')}`;
    labels[`lines[${i}].quantity`] = `${n}, ${ctx.t('pages.application.budget.quantity')}`;
    labels[`lines[${i}].unitCost`] = `${n}, ${ctx.t('pages.application.budget.unit_cost')}`;
  });
  const totalError = errors.for('budget');
  const id = page.application.id;
  return (
    <ApplicationStepPage
      ctx={ctx}
      page={page}
      step="budget"
      title={ctx.t('pages.application.step_budget')}
      errors={errors}
      failed={failed}
      labels={labels}
      notice={notice}
      scripts={isDraft(page) ? ['autosave.js'] : undefined}
    >
      <p>{ctx.t('pages.application.budget.intro')}</p>
      {funding && (
        <ul class="hint">
          {funding.amountCap !== undefined && (
            <li>{ctx.t('pages.application.budget.cap', { amount: formatMoney(funding.amountCap) })}</li>
          )}
          {funding.perRegionFund !== undefined && (
            <li>{ctx.t('pages.application.budget.per_region_fund', { amount: formatMoney(funding.perRegionFund) })}</li>
          )}
          {funding.hostOrganizationOverheadPercent !== undefined &&
            page.application.applicantKind === 'host_organization' && (
              <li>
                {ctx.t('pages.application.budget.overhead', { percent: funding.hostOrganizationOverheadPercent })}
              </li>
            )}
        </ul>
      )}
      <div id={fieldId('budget')} tabindex={-1} class={`panel budget-total${totalError ? ' field--error' : ''}`}>
        {totalError && <p class="field-error">{totalError}</p>}
        <p>
          {ctx.t('pages.application.budget.total_saved')}{' '}
          <strong>{formatMoney(page.application.amountRequested)}</strong>
        </p>
      </div>
      {isDraft(page) && (
        <PostForm ctx={ctx} action={stepPath(id, 'budget')} autosave={stepPath(id, 'budget')}>
          <DefaultSaveButton ctx={ctx} />
          <input type="hidden" name="version" value={String(page.application.version)} />
          {lines.map((row, i) => (
            <LineFields key={i} ctx={ctx} row={row} index={i} errors={errors} canRemove={lines.length > 1} />
          ))}
          {lines.length < MAX_BUDGET_LINES && (
            <p>
              <button type="submit" class="button button--secondary" name="action" value="add">
                {ctx.t('pages.application.budget.add')}
              </button>
            </p>
          )}
          <StepButtons ctx={ctx} />
          <AutosaveStatus ctx={ctx} posted={posted} />
        </PostForm>
      )}
    </ApplicationStepPage>
  );
}

/** `/applications/:id/budget`: lines in whole tenge; the server computes every total and checks the cap. */
@WebController()
export class ApplicationBudgetController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly competitions: CompetitionsService,
    private readonly submission: SubmitApplicationService,
  ) {}

  private get services() {
    return { applications: this.applications, competitions: this.competitions };
  }

  private problems(page: ApplicationPage, request: WebRequest, ctx: PageContext): Promise<FormErrors> {
    return stepProblems(
      this.submission,
      page,
      this.pages.actor(request),
      ctx,
      (p) => (p.field === 'budget' || p.field.startsWith('budget.')) && p.code !== 'BUDGET_EMPTY',
      fieldNamesFor(page.application.budgetLines.map((_, i) => i)),
    );
  }

  @Get('applications/:id/budget')
  @SignedIn()
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const page = await loadApplicationPage(this.services, id, this.pages.actor(request));
    const ctx = this.pages.context(request, reply);
    const problems = await this.problems(page, request, ctx);
    this.pages.render(
      reply,
      <BudgetPage
        ctx={ctx}
        page={page}
        lines={linesOf(page)}
        errors={problems}
        failed={false}
        notice={noticeText(ctx, notice)}
      />,
    );
  }

  @Post('applications/:id/budget')
  @SignedIn()
  async save(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const body = request.body as FormBody;
    const page = await loadApplicationPage(this.services, id, actor);
    const lines = linesFrom(body);
    const action = field(body, 'action');

    if (action === 'add' || action.startsWith('remove:')) {
      const ctx = this.pages.context(request, reply);
      if (action === 'add' && lines.length < MAX_BUDGET_LINES) lines.push(blankLine());
      const removed = Number(action.slice('remove:'.length));
      if (action.startsWith('remove:') && Number.isInteger(removed) && removed >= 0 && lines.length > 1) {
        lines.splice(removed, 1);
      }
      return this.pages.render(reply, <BudgetPage ctx={ctx} page={page} lines={lines} posted />);
    }

    const { body: budget, rowOf } = budgetOf(lines);
    try {
      const dto = await validateInput(BudgetDto, budget);
      const saved = await this.applications.putBudget(id, dto, actor);
      if (isAutosave(request)) return autosaved(reply, saved.version);
      const ctx = this.pages.context(request, reply);
      const after = { ...page, application: saved };
      const problems = await this.problems(after, request, ctx);
      this.pages.redirect(reply, savedStepPath(after, 'budget', problems.any ? 'save' : action));
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, fieldNamesFor(rowOf));
      if (isAutosave(request)) return autosaveRefused(reply, errors);
      this.pages.render(reply, <BudgetPage ctx={ctx} page={page} lines={lines} errors={errors} posted />);
    }
  }
}
