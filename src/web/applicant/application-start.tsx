import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Actor } from '../../common/http/actor';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { NotFoundAppException } from '../../common/errors/app.exception';
import { SignedIn } from '../../modules/access/access.decorators';
import { ApplicationsService } from '../../modules/applications/applications.service';
import { CreateApplicationDto } from '../../modules/applications/dto/application.dto';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import type { Rulebook } from '../../modules/competitions/domain/rulebook.types';
import type { Competition } from '../../modules/competitions/entities/competition.entity';
import { OrganizationsService } from '../../modules/organizations/organizations.service';
import { formatDateTime, formatMoney } from '../core/format';
import {
  ErrorSummary,
  FormErrors,
  formErrorsFrom,
  NO_ERRORS,
  PostForm,
  RadioGroup,
  SelectField,
  SubmitButton,
} from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import { stepPath } from './application-shell';

/** Kinds of applicant that apply through an organization they represent. */
const ORGANIZATION_KINDS = ['ngo', 'host_organization'];

interface MyApplication {
  id: string;
  status: string;
  number: string | null;
  title: string | null;
}

interface StartData {
  competition: Competition;
  rulebook: Rulebook;
  mine: MyApplication[];
  organizations: { id: string; name: string; bin: string }[];
}

function StartPage({
  ctx,
  data,
  values = {},
  errors = NO_ERRORS,
}: {
  ctx: PageContext;
  data: StartData;
  values?: { applicantKind?: string; organizationId?: string };
  errors?: FormErrors;
}) {
  const { competition, rulebook, mine, organizations } = data;
  const title = ctx.locale === 'ru' ? competition.titleRu : competition.titleKk;
  const open =
    competition.status === 'open' && (!competition.submissionDeadline || competition.submissionDeadline > ctx.now);
  const drafts = mine.filter((a) => a.status === 'draft');
  // One group, one application: with a draft already, the way forward is that draft. A host
  // organization applies for several groups, so it may start another.
  const mayStartAnother = drafts.length === 0 || rulebook.applicantKinds.includes('host_organization');
  const kinds = rulebook.applicantKinds;
  const needsOrganization = kinds.some((k) => ORGANIZATION_KINDS.includes(k));
  const labels = {
    applicantKind: ctx.t('pages.application.start.kind_label'),
    organizationId: ctx.t('pages.application.start.organization_label'),
  };
  return (
    <Layout ctx={ctx} title={ctx.t('pages.application.start.title')} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <p class="caption">{title}</p>
      <h1>{ctx.t('pages.application.start.title')}</h1>
      <p>{ctx.t('pages.application.start.intro')}</p>

      <h2>{ctx.t('pages.application.start.what_you_need')}</h2>
      <ul>
        <li>
          {ctx.t('pages.application.start.who_may_apply', {
            kinds: kinds.map((k) => ctx.t(`pages.application.kind.${k}`)).join(', '),
          })}
        </li>
        {rulebook.team && (
          <li>
            {ctx.t('pages.application.start.team_rule', {
              min: rulebook.team.minSize,
              max: rulebook.team.maxSize,
            })}
            {rulebook.team.minAge !== undefined &&
              rulebook.team.maxAge !== undefined &&
              ` ${ctx.t('pages.application.start.team_ages', { min: rulebook.team.minAge, max: rulebook.team.maxAge })}`}
          </li>
        )}
        {rulebook.funding?.amountCap !== undefined && (
          <li>{ctx.t('pages.application.start.amount_cap', { amount: formatMoney(rulebook.funding.amountCap) })}</li>
        )}
        {rulebook.documents.some((d) => d.required) && (
          <li>
            {ctx.t('pages.application.start.documents')}
            <ul>
              {rulebook.documents
                .filter((d) => d.required)
                .map((d) => (
                  <li key={d.code}>{d.label[ctx.locale]}</li>
                ))}
            </ul>
          </li>
        )}
        {competition.submissionDeadline && (
          <li>
            {ctx.t('pages.application.start.deadline', {
              deadline: formatDateTime(competition.submissionDeadline, competition.timeZone, ctx.locale),
            })}
          </li>
        )}
      </ul>
      <p class="hint">{ctx.t('pages.application.start.saved_as_you_go')}</p>

      {mine.length > 0 && (
        <>
          <h2>{ctx.t('pages.application.start.yours')}</h2>
          <ul class="links">
            {mine.map((a) => (
              <li key={a.id}>
                <a href={a.status === 'draft' ? stepPath(a.id, 'project') : `/applications/${a.id}`}>
                  {a.title || a.number || ctx.t('pages.application.untitled')}
                </a>{' '}
                <span class="muted">({ctx.t(`status.${a.status}`)})</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {!open && <Notice kind="warning" text={ctx.t('pages.application.start.not_open')} />}
      {open && drafts.length > 0 && (
        <p>
          <a class="button" href={stepPath(drafts[0].id, 'project')}>
            {ctx.t('pages.application.start.continue_draft')}
          </a>
        </p>
      )}
      {open && mayStartAnother && (
        <PostForm ctx={ctx} action={`/competitions/${competition.id}/apply`}>
          {kinds.length > 1 ? (
            <RadioGroup
              name="applicantKind"
              label={labels.applicantKind}
              value={values.applicantKind ?? (kinds.length === 1 ? kinds[0] : '')}
              options={kinds.map((k) => ({ value: k, label: ctx.t(`pages.application.kind.${k}`) }))}
              errors={errors}
            />
          ) : (
            <input type="hidden" name="applicantKind" value={kinds[0]} />
          )}
          {needsOrganization &&
            (organizations.length > 0 ? (
              <SelectField
                name="organizationId"
                label={labels.organizationId}
                hint={ctx.t('pages.application.start.organization_hint')}
                value={values.organizationId}
                placeholder={ctx.t('pages.application.start.organization_none')}
                options={organizations.map((o) => ({ value: o.id, label: `${o.name} (${o.bin})` }))}
                errors={errors}
              />
            ) : (
              <p class="hint" id="f-organizationId">
                {ctx.t('pages.application.start.no_organization')}
              </p>
            ))}
          {drafts.length > 0 && <input type="hidden" name="another" value="1" />}
          <SubmitButton secondary={drafts.length > 0}>
            {ctx.t(drafts.length > 0 ? 'pages.application.start.start_another' : 'pages.application.start.button')}
          </SubmitButton>
        </PostForm>
      )}
    </Layout>
  );
}

/** `/competitions/:id/apply`: what an application needs, then a draft is started and its first step opens. */
@WebController()
export class ApplicationStartController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly competitions: CompetitionsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get('competitions/:id/apply')
  @SignedIn()
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('kind') kind?: string,
  ): Promise<void> {
    const data = await this.load(id, this.pages.actor(request));
    const ctx = this.pages.context(request, reply);
    this.pages.render(reply, <StartPage ctx={ctx} data={data} values={{ applicantKind: kind }} />);
  }

  @Post('competitions/:id/apply')
  @SignedIn()
  async start(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const body = request.body as FormBody;
    const actor = this.pages.actor(request);
    const values = { applicantKind: field(body, 'applicantKind'), organizationId: field(body, 'organizationId') };
    const data = await this.load(id, actor);
    // A second press of the button (or a reload of the form) opens the draft already started.
    const existing = data.mine.find((a) => a.status === 'draft');
    if (existing && field(body, 'another') !== '1') {
      return this.pages.redirect(reply, stepPath(existing.id, 'project'));
    }
    try {
      const dto = await validateInput(CreateApplicationDto, {
        applicantKind: values.applicantKind || undefined,
        organizationId: values.organizationId || undefined,
      });
      const draft = await this.applications.createDraft(id, dto, actor);
      this.pages.redirect(reply, `${stepPath(draft.id, 'project')}?notice=started`);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'applicantKind' || f === 'organizationId' ? f : null));
      this.pages.render(reply, <StartPage ctx={ctx} data={data} values={values} errors={errors} />, 200);
    }
  }

  private async load(id: string, actor: Actor): Promise<StartData> {
    const competition = await this.competitions.findPublished(id);
    if (!competition) throw new NotFoundAppException('competition');
    const page = await this.applications.listMine(actor, { page: 1, pageSize: 100 });
    const mine = (page.items as unknown as (MyApplication & { competitionId: string })[])
      .filter((a) => a.competitionId === id)
      .map(({ id: appId, status, number, title }) => ({ id: appId, status, number, title }));
    const organizations = await this.organizations.mine(actor.userId!);
    return { competition, rulebook: this.competitions.rulebookOf(competition), mine, organizations };
  }
}
