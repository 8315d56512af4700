import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppException, CommonErrorCode } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { SignedIn } from '../../modules/access/access.decorators';
import {
  AddRepresentativeDto,
  CreateOrganizationDto,
  UpdateOrganizationDto,
} from '../../modules/organizations/dto/organization.dto';
import type { OrganizationKind } from '../../modules/organizations/entities/organization.entity';
import { OrganizationsService, OrganizationView } from '../../modules/organizations/organizations.service';
import { TerritoriesService, TerritoryView } from '../../modules/territories/territories.service';
import { formatDate } from '../core/format';
import {
  ErrorSummary,
  fieldId,
  FormErrors,
  formErrorsFrom,
  NO_ERRORS,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, FormBody, WebReply, WebRequest } from '../core/web-request';
import { MeNav, noticeText } from './me-nav';

// Keyed by the entity's type: a new kind fails the build here until it has a label.
const KIND_CODES: Record<OrganizationKind, true> = {
  ngo: true,
  youth_organization: true,
  private_company: true,
  state_body: true,
};
const CREATE_FIELDS = [
  'bin',
  'name',
  'kind',
  'regionCode',
  'registeredOn',
  'address',
  'headName',
  'accountantName',
] as const;
const EDIT_FIELDS = ['name', 'address', 'headName', 'accountantName'] as const;
const NOTICES = ['organization_created', 'organization_saved', 'representative_added'] as const;

type CreateValues = Record<(typeof CREATE_FIELDS)[number], string>;
type EditValues = Record<(typeof EDIT_FIELDS)[number], string> & { version: string };

/** An empty box is a missing value (REQUIRED), not an empty string. */
const given = (value: string) => (value.trim() === '' ? undefined : value);

function label(ctx: PageContext, name: string): string {
  return ctx.t(`pages.me.org.${name}`);
}

/** Lines an organization may leave empty: the form says so, the summary does not. */
const OPTIONAL = new Set(['address', 'headName', 'accountantName']);

function formLabel(ctx: PageContext, name: string): string {
  return OPTIONAL.has(name) ? `${label(ctx, name)} (${ctx.t('pages.common.optional')})` : label(ctx, name);
}

function known(names: readonly string[]) {
  return (apiField: string) => (names.includes(apiField) ? apiField : null);
}

/** The service says "taken" for the whole request (409); on the form it belongs beside the BIN. */
function binTakenAtBin(error: unknown): unknown {
  if (error instanceof AppException && error.code === 'BIN_TAKEN') {
    return new AppException(400, CommonErrorCode.VALIDATION_FAILED, {}, [{ field: 'bin', code: 'BIN_TAKEN' }]);
  }
  return error;
}

/** Another's organization stays "not found" after a refused form too: the error page answers it. */
function rethrowNotFound(error: unknown): void {
  if (error instanceof AppException && error.status === 404) throw error;
}

function statusOf(error: unknown): number {
  return error instanceof AppException ? error.status : 400;
}

/**
 * The organization's region: a region or a city of republican significance, as the API takes
 * it (regionCode), grouped so the list reads at a glance and works without JavaScript.
 */
function RegionSelect({
  ctx,
  value,
  regions,
  errors,
}: {
  ctx: PageContext;
  value: string;
  regions: TerritoryView[];
  errors: FormErrors;
}) {
  const id = fieldId('regionCode');
  const error = errors.for('regionCode');
  const groups = [
    { key: 'regions_group', items: regions.filter((r) => r.kind === 'region') },
    { key: 'cities_group', items: regions.filter((r) => r.kind !== 'region') },
  ];
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label(ctx, 'regionCode')}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select
        id={id}
        name="regionCode"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{ctx.t('pages.me.choose')}</option>
        {groups.map((g) => (
          <optgroup key={g.key} label={label(ctx, g.key)}>
            {g.items.map((r) => (
              <option key={r.code} value={r.code} selected={r.code === value}>
                {r.name[ctx.locale]}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function regionName(ctx: PageContext, regions: TerritoryView[], code: string): string {
  return regions.find((r) => r.code === code)?.name[ctx.locale] ?? code;
}

function MyOrganizationsPage({
  ctx,
  organizations,
  regions,
}: {
  ctx: PageContext;
  organizations: Awaited<ReturnType<OrganizationsService['mine']>>;
  regions: TerritoryView[];
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('pages.me.organization_title')}>
      <MeNav ctx={ctx} current="/me/organization" />
      <h1>{ctx.t('pages.me.organization_title')}</h1>
      <p>{ctx.t('pages.me.organization_intro')}</p>
      {organizations.length === 0 ? (
        <p>{ctx.t('pages.me.organizations_none')}</p>
      ) : (
        <ul class="cards">
          {organizations.map((o) => (
            <li class="card" key={o.id}>
              <h2 class="card-title">
                <a href={`/organizations/${o.id}`}>{o.name}</a>
              </h2>
              <dl class="summary-list">
                <dt>{label(ctx, 'bin')}</dt>
                <dd class="mono">{o.bin}</dd>
                <dt>{label(ctx, 'kind')}</dt>
                <dd>{ctx.t(`pages.me.kind.${o.kind}`)}</dd>
                <dt>{label(ctx, 'regionCode')}</dt>
                <dd>{regionName(ctx, regions, o.regionCode)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button" href="/me/organization/new">
          {ctx.t('pages.me.organization_new_link')}
        </a>
      </p>
    </Layout>
  );
}

function NewOrganizationPage({
  ctx,
  values,
  regions,
  errors = NO_ERRORS,
}: {
  ctx: PageContext;
  values: CreateValues;
  regions: TerritoryView[];
  errors?: FormErrors;
}) {
  const labels = Object.fromEntries(CREATE_FIELDS.map((f) => [f, formLabel(ctx, f)]));
  return (
    <Layout ctx={ctx} title={ctx.t('pages.me.organization_new_title')} failed={errors.any}>
      <MeNav ctx={ctx} current="/me/organization" />
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <h1>{ctx.t('pages.me.organization_new_title')}</h1>
      <p>{ctx.t('pages.me.organization_intro')}</p>
      <PostForm ctx={ctx} action="/me/organization/new">
        <TextField
          name="bin"
          label={labels.bin}
          hint={label(ctx, 'hint_bin')}
          value={values.bin}
          errors={errors}
          inputMode="numeric"
          maxLength={12}
          width="short"
          autocomplete="off"
        />
        <TextField
          name="name"
          label={labels.name}
          hint={label(ctx, 'hint_name')}
          value={values.name}
          errors={errors}
          autocomplete="organization"
        />
        <SelectField
          name="kind"
          label={labels.kind}
          value={values.kind}
          errors={errors}
          placeholder={ctx.t('pages.me.choose')}
          options={Object.keys(KIND_CODES).map((k) => ({ value: k, label: ctx.t(`pages.me.kind.${k}`) }))}
        />
        <RegionSelect ctx={ctx} value={values.regionCode} regions={regions} errors={errors} />
        <TextField
          name="registeredOn"
          label={labels.registeredOn}
          type="date"
          value={values.registeredOn}
          errors={errors}
          width="short"
        />
        <TextField name="address" label={labels.address} value={values.address} errors={errors} />
        <TextField name="headName" label={labels.headName} value={values.headName} errors={errors} width="medium" />
        <TextField
          name="accountantName"
          label={labels.accountantName}
          value={values.accountantName}
          errors={errors}
          width="medium"
        />
        <SubmitButton>{label(ctx, 'create')}</SubmitButton>
      </PostForm>
      <p>
        <a href="/me/organization">{ctx.t('pages.common.back')}</a>
      </p>
    </Layout>
  );
}

function editValuesOf(org: OrganizationView): EditValues {
  return {
    name: org.name,
    address: org.address ?? '',
    headName: org.headName ?? '',
    accountantName: org.accountantName ?? '',
    version: String(org.version),
  };
}

function OrganizationPage({
  ctx,
  org,
  regions,
  values,
  email = '',
  errors = NO_ERRORS,
  representativeErrors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  org: OrganizationView;
  regions: TerritoryView[];
  values: EditValues;
  email?: string;
  errors?: FormErrors;
  representativeErrors?: FormErrors;
  notice?: string;
}) {
  const labels: Record<(typeof EDIT_FIELDS)[number] | 'email', string> = {
    name: formLabel(ctx, 'name'),
    address: formLabel(ctx, 'address'),
    headName: formLabel(ctx, 'headName'),
    accountantName: formLabel(ctx, 'accountantName'),
    email: label(ctx, 'representative_email'),
  };
  const notGiven = <span class="muted">{label(ctx, 'not_given')}</span>;
  return (
    <Layout ctx={ctx} title={org.name} failed={errors.any || representativeErrors.any}>
      <MeNav ctx={ctx} current="/me/organization" />
      <ErrorSummary
        ctx={ctx}
        errors={new FormErrors([...errors.items, ...representativeErrors.items])}
        labels={labels}
      />
      <Notice text={notice} />
      <p>
        <a href="/me/organization">{ctx.t('pages.me.organization_title')}</a>
      </p>
      <h1>{org.name}</h1>
      <dl class="summary-list">
        <dt>{label(ctx, 'bin')}</dt>
        <dd class="mono">{org.bin}</dd>
        <dt>{label(ctx, 'kind')}</dt>
        <dd>{ctx.t(`pages.me.kind.${org.kind}`)}</dd>
        <dt>{label(ctx, 'regionCode')}</dt>
        <dd>{regionName(ctx, regions, org.regionCode)}</dd>
        <dt>{label(ctx, 'registeredOn')}</dt>
        <dd>{formatDate(org.registeredOn, ctx.locale)}</dd>
        <dt>{label(ctx, 'address')}</dt>
        <dd>{org.address || notGiven}</dd>
        <dt>{label(ctx, 'headName')}</dt>
        <dd>{org.headName || notGiven}</dd>
        <dt>{label(ctx, 'accountantName')}</dt>
        <dd>{org.accountantName || notGiven}</dd>
      </dl>

      <h2>{label(ctx, 'representatives_title')}</h2>
      <p class="muted">{label(ctx, 'representatives_hint')}</p>
      <ul>
        {org.representatives.map((r) => (
          <li key={r.userId}>{r.email}</li>
        ))}
      </ul>
      <PostForm ctx={ctx} action={`/organizations/${org.id}/representatives`}>
        <TextField
          name="email"
          label={labels.email}
          hint={label(ctx, 'representative_hint')}
          type="email"
          value={email}
          errors={representativeErrors}
          autocomplete="off"
          width="medium"
        />
        <SubmitButton secondary>{label(ctx, 'add_representative')}</SubmitButton>
      </PostForm>

      <h2>{label(ctx, 'edit_title')}</h2>
      <p class="muted">{label(ctx, 'edit_hint')}</p>
      <PostForm ctx={ctx} action={`/organizations/${org.id}`}>
        <input type="hidden" name="version" value={values.version} />
        <TextField name="name" label={labels.name} value={values.name} errors={errors} autocomplete="organization" />
        <TextField name="address" label={labels.address} value={values.address} errors={errors} />
        <TextField name="headName" label={labels.headName} value={values.headName} errors={errors} width="medium" />
        <TextField
          name="accountantName"
          label={labels.accountantName}
          value={values.accountantName}
          errors={errors}
          width="medium"
        />
        <SubmitButton>{label(ctx, 'save')}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

/**
 * The applicant's organizations (NGO, host organization): register one by BIN, read and
 * edit it, add representatives — the organizations module's rules and DTOs, as the API's.
 * Someone else's organization is "not found".
 */
@WebController()
export class OrganizationPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly organizations: OrganizationsService,
    private readonly territories: TerritoriesService,
  ) {}

  @Get('me/organization')
  @SignedIn()
  async mine(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const [organizations, regions] = await Promise.all([
      this.organizations.mine(this.pages.actor(request).userId!),
      this.territories.list(),
    ]);
    this.pages.render(reply, <MyOrganizationsPage ctx={ctx} organizations={organizations} regions={regions} />);
  }

  @Get('me/organization/new')
  @SignedIn()
  async newForm(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const empty = Object.fromEntries(CREATE_FIELDS.map((f) => [f, ''])) as CreateValues;
    this.pages.render(reply, <NewOrganizationPage ctx={ctx} values={empty} regions={await this.territories.list()} />);
  }

  @Post('me/organization/new')
  @SignedIn()
  async create(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const body = request.body as FormBody;
    const values = Object.fromEntries(CREATE_FIELDS.map((f) => [f, field(body, f)])) as CreateValues;
    try {
      const dto = await validateInput(
        CreateOrganizationDto,
        Object.fromEntries(CREATE_FIELDS.map((f) => [f, given(values[f])])),
      );
      const created = await this.organizations.create(dto, this.pages.actor(request));
      this.pages.redirect(reply, `/organizations/${created.id}?notice=organization_created`);
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(binTakenAtBin(error), ctx, known(CREATE_FIELDS));
      this.pages.render(
        reply,
        <NewOrganizationPage ctx={ctx} values={values} regions={await this.territories.list()} errors={errors} />,
        statusOf(binTakenAtBin(error)),
      );
    }
  }

  @Get('organizations/:id')
  @SignedIn()
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const org = await this.organizations.get(id, this.userOf(request));
    this.pages.render(
      reply,
      <OrganizationPage
        ctx={ctx}
        org={org}
        regions={await this.territories.list()}
        values={editValuesOf(org)}
        notice={noticeText(ctx, notice, NOTICES)}
      />,
    );
  }

  @Post('organizations/:id')
  @SignedIn()
  async update(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id', uuidPipe) id: string): Promise<void> {
    const body = request.body as FormBody;
    const values = {
      ...(Object.fromEntries(EDIT_FIELDS.map((f) => [f, field(body, f)])) as Record<
        (typeof EDIT_FIELDS)[number],
        string
      >),
      version: field(body, 'version'),
    };
    try {
      const version = /^\d{1,10}$/.test(values.version) ? Number(values.version) : values.version;
      const dto = await validateInput(UpdateOrganizationDto, {
        version,
        name: values.name,
        // Optional lines may be emptied: an empty string clears them.
        address: values.address,
        headName: values.headName,
        accountantName: values.accountantName,
      });
      await this.organizations.update(id, dto, this.userOf(request), this.pages.actor(request));
      this.pages.redirect(reply, `/organizations/${id}?notice=organization_saved`);
    } catch (error) {
      rethrowNotFound(error);
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, known(EDIT_FIELDS));
      // After a conflict the page shows what is saved now, and the next save is made over it knowingly.
      const org = await this.organizations.get(id, this.userOf(request));
      this.pages.render(
        reply,
        <OrganizationPage
          ctx={ctx}
          org={org}
          regions={await this.territories.list()}
          values={{ ...values, version: String(org.version) }}
          errors={errors}
        />,
        statusOf(error),
      );
    }
  }

  @Post('organizations/:id/representatives')
  @SignedIn()
  async addRepresentative(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id', uuidPipe) id: string,
  ): Promise<void> {
    const email = field(request.body as FormBody, 'email');
    try {
      const dto = await validateInput(AddRepresentativeDto, { email: given(email) });
      await this.organizations.addRepresentative(id, dto, this.userOf(request), this.pages.actor(request));
      this.pages.redirect(reply, `/organizations/${id}?notice=representative_added`);
    } catch (error) {
      rethrowNotFound(error);
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'email' ? f : null));
      const org = await this.organizations.get(id, this.userOf(request));
      this.pages.render(
        reply,
        <OrganizationPage
          ctx={ctx}
          org={org}
          regions={await this.territories.list()}
          values={editValuesOf(org)}
          email={email}
          representativeErrors={errors}
        />,
        statusOf(error),
      );
    }
  }

  private userOf(request: WebRequest) {
    const actor = this.pages.actor(request);
    return { id: actor.userId!, isAdmin: actor.isAdmin };
  }
}
