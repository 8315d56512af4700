import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Actor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../../modules/access/access.decorators';
import { ApplicationsService } from '../../modules/applications/applications.service';
import { TeamDto } from '../../modules/applications/dto/application.dto';
import { SubmitApplicationService } from '../../modules/applications/use-cases/submit-application/submit-application.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import type { SocialStipends } from '../../modules/competitions/domain/rulebook.types';
import { EDUCATION_STATUS_CODES } from '../../modules/stipends/domain/stipends';
import { formatMoney } from '../core/format';
import { fieldId, FormErrors, formErrorsFrom, NO_ERRORS, PostForm, SelectField, TextField } from '../core/forms';
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

const MEMBER_FIELDS = ['iin', 'lastName', 'firstName', 'phone', 'email', 'educationStatus'] as const;
type MemberRow = Record<(typeof MEMBER_FIELDS)[number], string> & { age?: number };

/** A team of more than this many rows is refused by TeamDto anyway; the form never offers more. */
const MAX_ROWS = 30;

interface TeamForm {
  members: MemberRow[];
  /** The leader's row, or -1 when none is marked. */
  leader: number;
}

function blankRow(): MemberRow {
  return { iin: '', lastName: '', firstName: '', phone: '', email: '', educationStatus: '' };
}

function isBlank(row: MemberRow): boolean {
  return MEMBER_FIELDS.every((f) => row[f].trim() === '');
}

/** The saved team, with ages from the IINs; at least as many rows as the rulebook's smallest team. */
function formOf(page: ApplicationPage): TeamForm {
  const saved = page.application.team as {
    iin?: string;
    lastName: string;
    firstName: string;
    phone?: string | null;
    email?: string | null;
    educationStatus?: string | null;
    isLeader: boolean;
    age: number;
  }[];
  const members: MemberRow[] = saved.map((m) => ({
    iin: m.iin ?? '',
    lastName: m.lastName,
    firstName: m.firstName,
    phone: m.phone ?? '',
    email: m.email ?? '',
    educationStatus: m.educationStatus ?? '',
    age: m.age,
  }));
  const least = Math.min(page.rulebook.team?.minSize ?? 1, MAX_ROWS);
  while (members.length < Math.max(1, least)) members.push(blankRow());
  // The person filling the form usually leads the group: the first row, until they mark another.
  return {
    members,
    leader: Math.max(
      0,
      saved.findIndex((m) => m.isLeader),
    ),
  };
}

/** The rows as posted (`team[0].iin`…), in their order, and the marked leader among them. */
function formFrom(body: FormBody): TeamForm {
  const posted = indexedRows(body, 'team').slice(0, MAX_ROWS);
  const leaderIndex = field(body, 'leader');
  return {
    members: posted.map(({ values }) => {
      const row = blankRow();
      for (const f of MEMBER_FIELDS) row[f] = values[f] ?? '';
      return row;
    }),
    leader: posted.findIndex(({ index }) => String(index) === leaderIndex),
  };
}

/**
 * The team as TeamDto takes it: empty rows left out (the one "add another" gave), the leader
 * the marked row or else the first. `rowOf[k]` is the form's row of the DTO's member k.
 */
function teamOf(form: TeamForm): { body: Record<string, unknown>; rowOf: number[] } {
  const rowOf = form.members.map((m, i) => (isBlank(m) ? -1 : i)).filter((i) => i >= 0);
  const members = rowOf.map((i) => {
    const m = form.members[i];
    return {
      iin: m.iin.replace(/[\s\u00a0-]/g, ''),
      lastName: m.lastName,
      firstName: m.firstName,
      phone: m.phone,
      ...(m.email.trim() ? { email: m.email } : {}),
      // "Not stated" is the empty choice: the member is saved without a status.
      ...(m.educationStatus ? { educationStatus: m.educationStatus } : {}),
    };
  });
  const leaderRow = rowOf.includes(form.leader) ? form.leader : rowOf[0];
  const leaderIin = leaderRow === undefined ? '' : members[rowOf.indexOf(leaderRow)].iin;
  return { body: { leaderIin, members }, rowOf };
}

/** `team[k].iin` of the DTO → `team[row].iin` of the form; `leaderIin` → the leader choice. */
function fieldNamesFor(rowOf: number[]) {
  return (apiField: string): string | null => {
    const member = /^team\[(\d+)\]\.(\w+)$/.exec(apiField);
    if (member) {
      const row = rowOf[Number(member[1])];
      return row === undefined ? null : `team[${row}].${member[2]}`;
    }
    if (apiField === 'leaderIin') return 'leader';
    if (apiField === 'team' || apiField === 'members') return 'team';
    return null;
  };
}

/** A row's problems are shown at its fields; the leader's IIN is the same problem as its row's. */
function withoutEchoes(errors: FormErrors): FormErrors {
  const rowErrors = errors.items.some((e) => e.field.startsWith('team'));
  return rowErrors ? new FormErrors(errors.items.filter((e) => e.field !== 'leader')) : errors;
}

function MemberFields({
  ctx,
  row,
  index,
  leader,
  errors,
  canRemove,
  stipends,
}: {
  ctx: PageContext;
  row: MemberRow;
  index: number;
  leader: boolean;
  errors: FormErrors;
  canRemove: boolean;
  /** The rulebook's social stipends: the education status is asked only where it decides one. */
  stipends?: SocialStipends;
}) {
  const name = (f: string) => `team[${index}].${f}`;
  return (
    <fieldset class="row-card" data-row="team" data-index={index}>
      <legend>{ctx.t('pages.application.team.member', { n: index + 1 })}</legend>
      <TextField
        name={name('iin')}
        label={ctx.t('pages.application.team.iin')}
        hint={
          row.age !== undefined
            ? ctx.t('pages.application.team.age_from_iin', { age: row.age })
            : ctx.t('pages.application.team.iin_hint')
        }
        value={row.iin}
        inputMode="numeric"
        maxLength={14}
        width="medium"
        autocomplete="off"
        errors={errors}
      />
      <TextField
        name={name('lastName')}
        label={ctx.t('pages.application.team.last_name')}
        value={row.lastName}
        maxLength={100}
        width="medium"
        errors={errors}
      />
      <TextField
        name={name('firstName')}
        label={ctx.t('pages.application.team.first_name')}
        value={row.firstName}
        maxLength={100}
        width="medium"
        errors={errors}
      />
      <TextField
        name={name('phone')}
        label={ctx.t('pages.application.team.phone')}
        hint={ctx.t('pages.application.team.phone_hint')}
        value={row.phone}
        type="tel"
        width="medium"
        errors={errors}
      />
      <TextField
        name={name('email')}
        label={`${ctx.t('pages.application.team.email')} (${ctx.t('pages.common.optional')})`}
        value={row.email}
        type="email"
        maxLength={254}
        width="medium"
        errors={errors}
      />
      {stipends && (
        <SelectField
          name={name('educationStatus')}
          label={ctx.t('pages.application.team.education')}
          value={row.educationStatus}
          placeholder={ctx.t('pages.application.team.education_unstated')}
          options={EDUCATION_STATUS_CODES.map((status) => ({
            value: status,
            label: ctx.t(`pages.application.team.education_status.${status}`),
          }))}
          errors={errors}
        />
      )}
      <div class="choice">
        <input type="radio" id={`${fieldId('leader')}-${index}`} name="leader" value={String(index)} checked={leader} />
        <label for={`${fieldId('leader')}-${index}`}>{ctx.t('pages.application.team.leader')}</label>
      </div>
      {canRemove && (
        <button type="submit" class="link-button" name="action" value={`remove:${index}`}>
          {ctx.t('pages.application.team.remove', { n: index + 1 })}
        </button>
      )}
    </fieldset>
  );
}

function TeamPage({
  ctx,
  page,
  form,
  errors = NO_ERRORS,
  failed,
  notice,
  posted,
}: {
  ctx: PageContext;
  page: ApplicationPage;
  form: TeamForm;
  errors?: FormErrors;
  failed?: boolean;
  notice?: string | null;
  /** Rendered from a posted form (a row added or removed, a refused save). */
  posted?: boolean;
}) {
  const rule = page.rulebook.team;
  const stipends = page.rulebook.funding?.stipends;
  const labels: Record<string, string> = {
    leader: ctx.t('pages.application.team.leader'),
    team: ctx.t('pages.application.step_team'),
  };
  form.members.forEach((_, i) => {
    const n = ctx.t('pages.application.team.member', { n: i + 1 });
    labels[`team[${i}].iin`] = `${n}, ${ctx.t('pages.application.team.iin')}`;
    labels[`team[${i}].lastName`] = `${n}, ${ctx.t('pages.application.team.last_name')}`;
    labels[`team[${i}].firstName`] = `${n}, ${ctx.t('pages.application.team.first_name')}`;
    labels[`team[${i}].phone`] = `${n}, ${ctx.t('pages.application.team.phone')}`;
    labels[`team[${i}].email`] = `${n}, ${ctx.t('pages.application.team.email')}`;
    labels[`team[${i}].educationStatus`] = `${n}, ${ctx.t('pages.application.team.education')}`;
  });
  const teamError = errors.for('team');
  const leaderError = errors.for('leader');
  const id = page.application.id;
  return (
    <ApplicationStepPage
      ctx={ctx}
      page={page}
      step="team"
      title={ctx.t('pages.application.step_team')}
      errors={errors}
      failed={failed}
      labels={labels}
      notice={notice}
      scripts={isDraft(page) ? ['autosave.js'] : undefined}
    >
      <p>{ctx.t('pages.application.team.intro')}</p>
      {rule && (
        <p class="hint">
          {ctx.t('pages.application.team.size_rule', { min: rule.minSize, max: rule.maxSize })}
          {rule.minAge !== undefined &&
            rule.maxAge !== undefined &&
            ` ${ctx.t('pages.application.team.age_rule', { min: rule.minAge, max: rule.maxAge })}`}
        </p>
      )}
      {stipends && (
        <p class="hint">
          {ctx.t('pages.application.team.education_hint', {
            students: formatMoney(stipends.schoolLeaverAndStudents),
            graduates: formatMoney(stipends.graduates),
          })}
        </p>
      )}
      {isDraft(page) && (
        <PostForm ctx={ctx} action={stepPath(id, 'team')} autosave={stepPath(id, 'team')}>
          <DefaultSaveButton ctx={ctx} />
          <input type="hidden" name="version" value={String(page.application.version)} />
          {teamError && (
            <div id={fieldId('team')} tabindex={-1} class="field--error">
              <p class="field-error">{teamError}</p>
            </div>
          )}
          {leaderError && (
            <div id={fieldId('leader')} tabindex={-1} class="field--error">
              <p class="field-error">{leaderError}</p>
            </div>
          )}
          {form.members.map((row, i) => (
            <MemberFields
              key={i}
              ctx={ctx}
              row={row}
              index={i}
              leader={form.leader === i}
              errors={errors}
              canRemove={form.members.length > 1}
              stipends={stipends}
            />
          ))}
          {form.members.length < Math.min(rule?.maxSize ?? MAX_ROWS, MAX_ROWS) && (
            <p>
              <button type="submit" class="button button--secondary" name="action" value="add">
                {ctx.t('pages.application.team.add')}
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

/** `/applications/:id/team`: members by IIN (ages read from it), the leader marked; rows added and removed without script. */
@WebController()
export class ApplicationTeamController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly competitions: CompetitionsService,
    private readonly submission: SubmitApplicationService,
  ) {}

  private get services() {
    return { applications: this.applications, competitions: this.competitions };
  }

  /** What submission would still refuse on this step (ages, team size, the leader), at the rows' fields. */
  private problems(page: ApplicationPage, actor: Actor, ctx: PageContext): Promise<FormErrors> {
    return stepProblems(this.submission, page, actor, ctx, (p) => p.field === 'team' || p.field.startsWith('team['));
  }

  @Get('applications/:id/team')
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
    const form = formOf(page);
    const problems = page.application.team.length > 0 ? await this.problems(page, actor, ctx) : NO_ERRORS;
    this.pages.render(
      reply,
      <TeamPage ctx={ctx} page={page} form={form} errors={problems} failed={false} notice={noticeText(ctx, notice)} />,
    );
  }

  @Post('applications/:id/team')
  @SignedIn()
  async save(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const actor = this.pages.actor(request);
    const body = request.body as FormBody;
    const page = await loadApplicationPage(this.services, id, actor);
    const form = formFrom(body);
    const action = field(body, 'action');

    // Another row, or one fewer: the same page again with everything typed, nothing saved yet.
    if (action === 'add' || action.startsWith('remove:')) {
      const ctx = this.pages.context(request, reply);
      if (action === 'add' && form.members.length < MAX_ROWS) form.members.push(blankRow());
      const removed = Number(action.slice('remove:'.length));
      if (action.startsWith('remove:') && Number.isInteger(removed) && removed >= 0 && form.members.length > 1) {
        form.members.splice(removed, 1);
        form.leader = form.leader === removed ? -1 : form.leader > removed ? form.leader - 1 : form.leader;
      }
      return this.pages.render(reply, <TeamPage ctx={ctx} page={page} form={form} posted />);
    }

    const { body: team, rowOf } = teamOf(form);
    try {
      const dto = await validateInput(TeamDto, team);
      const saved = await this.applications.putTeam(id, dto, actor);
      if (isAutosave(request)) return autosaved(reply, saved.version);
      const ctx = this.pages.context(request, reply);
      const after = { ...page, application: saved };
      const problems = await this.problems(after, actor, ctx);
      this.pages.redirect(reply, savedStepPath(after, 'team', problems.any ? 'save' : action));
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = withoutEchoes(formErrorsFrom(error, ctx, fieldNamesFor(rowOf)));
      if (isAutosave(request)) return autosaveRefused(reply, errors);
      this.pages.render(reply, <TeamPage ctx={ctx} page={page} form={form} errors={errors} posted />);
    }
  }
}
