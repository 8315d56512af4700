import { Get, Post, Query, Req, Res } from '@nestjs/common';
import { ageOn, localDate, parseIin } from '../../../libs/kz';
import { AppException } from '../../common/errors/app.exception';
import { SignedIn } from '../../modules/access/access.decorators';
import { PersonDto, UpdateMeDto } from '../../modules/identity/dto/person.dto';
import type { EducationStatus, Gender, SocialCategory } from '../../modules/identity/entities/person.entity';
import { MeView, PeopleService } from '../../modules/identity/people.service';
import { formatDate } from '../core/format';
import {
  Checkbox,
  ErrorSummary,
  fieldId,
  FormErrors,
  formErrorsFrom,
  NO_ERRORS,
  PostForm,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextField,
} from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { validateInput } from '../core/validate';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import { field, fields, FormBody, WebReply, WebRequest } from '../core/web-request';
import { MeNav, noticeText } from './me-nav';

// Records keyed by the entity's types: a new code there fails the build here until it has a label.
const GENDER_CODES: Record<Gender, true> = { female: true, male: true };
const EDUCATION_CODES: Record<EducationStatus, true> = {
  school_leaver: true,
  college_student: true,
  university_student: true,
  college_graduate: true,
  university_graduate: true,
  other: true,
};
const SOCIAL_CODES: Record<SocialCategory, true> = {
  civil_servant: true,
  public_sector_worker: true,
  unemployed: true,
  registered_unemployed: true,
  neet: true,
  low_income: true,
  ngo_representative: true,
  business: true,
  other: true,
};

const PROFILE_FIELDS = [
  'iin',
  'lastName',
  'firstName',
  'middleName',
  'birthDate',
  'gender',
  'phone',
  'socialCategories',
  'educationStatus',
  'hasDisability',
  'position',
] as const;
const NOTICES = ['profile_saved', 'language_saved'] as const;

/** The profile form as typed (strings), kept when a save is refused. */
interface ProfileValues {
  iin: string;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  gender: string;
  phone: string;
  socialCategories: string[];
  educationStatus: string;
  hasDisability: boolean;
  position: string;
}

function valuesOf(person: MeView['person']): ProfileValues {
  return {
    iin: person?.iin ?? '',
    lastName: person?.lastName ?? '',
    firstName: person?.firstName ?? '',
    middleName: person?.middleName ?? '',
    birthDate: person?.birthDate ?? '',
    gender: person?.gender ?? '',
    phone: person?.phone ?? '',
    socialCategories: person?.socialCategories ?? [],
    educationStatus: person?.educationStatus ?? '',
    hasDisability: person?.hasDisability ?? false,
    position: person?.position ?? '',
  };
}

function valuesFrom(body: FormBody): ProfileValues {
  return {
    iin: field(body, 'iin'),
    lastName: field(body, 'lastName'),
    firstName: field(body, 'firstName'),
    middleName: field(body, 'middleName'),
    birthDate: field(body, 'birthDate'),
    gender: field(body, 'gender'),
    phone: field(body, 'phone'),
    socialCategories: fields(body, 'socialCategories'),
    educationStatus: field(body, 'educationStatus'),
    hasDisability: field(body, 'hasDisability') === 'yes',
    position: field(body, 'position'),
  };
}

/** An empty box is a missing value (REQUIRED), not an empty string. */
const given = (value: string) => (value.trim() === '' ? undefined : value);

/** The form's values as PUT /me/person's body. */
function personBody(v: ProfileValues): Record<string, unknown> {
  return {
    iin: given(v.iin),
    lastName: given(v.lastName),
    firstName: given(v.firstName),
    middleName: given(v.middleName),
    birthDate: given(v.birthDate),
    gender: given(v.gender),
    phone: given(v.phone),
    socialCategories: v.socialCategories,
    educationStatus: given(v.educationStatus),
    hasDisability: v.hasDisability,
    position: given(v.position),
  };
}

/**
 * The API reports a birth date or sex that disagrees with the IIN on `iin`; the IIN passed its
 * own checks then, so on the page the message goes beside what was typed against it.
 */
function atTheFieldTyped(error: unknown, ctx: PageContext): unknown {
  if (!(error instanceof AppException) || error.details.length === 0) return error;
  const details = error.details.map((d) => {
    if (d.code === 'IIN_BIRTH_DATE_MISMATCH') {
      const birthDate = d.params?.birthDate;
      return {
        ...d,
        field: 'birthDate',
        params: {
          ...d.params,
          ...(typeof birthDate === 'string' ? { birthDate: formatDate(birthDate, ctx.locale) } : {}),
        },
      };
    }
    if (d.code === 'IIN_GENDER_MISMATCH') return { ...d, field: 'gender' };
    return d;
  });
  return new AppException(error.status, error.code, error.params, details, error.messageKey);
}

/** A refused form answers with the service's status (400, or 409 for an IIN another account holds). */
function statusOf(error: unknown): number {
  return error instanceof AppException ? error.status : 400;
}

function profileField(apiField: string): string | null {
  const name = apiField.replace(/\[\d+\]$/, '');
  return (PROFILE_FIELDS as readonly string[]).includes(name) ? name : null;
}

/** Several choices under one question: a fieldset the error summary can link to. */
function CheckboxGroup(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  values: string[];
  errors: FormErrors;
}) {
  const id = fieldId(props.name);
  const error = props.errors.for(props.name);
  return (
    <fieldset
      class={`field${error ? ' field--error' : ''}`}
      id={id}
      tabindex={-1}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{props.label}</legend>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {props.options.map((o, i) => (
        <div class="choice" key={o.value}>
          <input
            type="checkbox"
            id={`${id}-${i}`}
            name={props.name}
            value={o.value}
            checked={props.values.includes(o.value)}
          />
          <label for={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function FromIin({ ctx, person }: { ctx: PageContext; person: NonNullable<MeView['person']> }) {
  const read = parseIin(person.iin);
  if (!read.ok) return null;
  const age = ageOn(read.birthDate, localDate(ctx.now));
  return (
    <section class="panel" aria-labelledby="from-iin-title">
      <h2 id="from-iin-title">{ctx.t('pages.me.from_iin_title', { iin: read.iin })}</h2>
      <dl class="summary-list">
        <dt>{ctx.t('pages.me.field.birthDate')}</dt>
        <dd>{formatDate(read.birthDate, ctx.locale)}</dd>
        <dt>{ctx.t('pages.me.field.gender')}</dt>
        <dd>{ctx.t(`pages.me.gender.${read.sex}`)}</dd>
        <dt>{ctx.t('pages.me.age')}</dt>
        <dd>{ctx.t('pages.me.age_value', { age })}</dd>
      </dl>
    </section>
  );
}

function ProfilePage({
  ctx,
  me,
  values,
  errors = NO_ERRORS,
  languageErrors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  me: MeView;
  values: ProfileValues;
  errors?: FormErrors;
  languageErrors?: FormErrors;
  notice?: string;
}) {
  const label = (name: string) => ctx.t(`pages.me.field.${name}`);
  const labels = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, label(f)]));
  const failed = errors.any || languageErrors.any;
  return (
    <Layout ctx={ctx} title={ctx.t('pages.me.profile_title')} failed={failed}>
      <MeNav ctx={ctx} current="/me/profile" />
      <ErrorSummary
        ctx={ctx}
        errors={new FormErrors([...errors.items, ...languageErrors.items])}
        labels={{ ...labels, locale: label('locale') }}
      />
      <Notice text={notice} />
      <h1>{ctx.t('pages.me.profile_title')}</h1>
      <dl class="summary-list">
        <dt>{ctx.t('pages.me.account_email')}</dt>
        <dd>{me.email}</dd>
      </dl>
      {me.person ? <FromIin ctx={ctx} person={me.person} /> : <p>{ctx.t('pages.me.no_profile')}</p>}

      <h2>{ctx.t('pages.me.person_title')}</h2>
      <p class="muted">{ctx.t('pages.me.profile_intro')}</p>
      <PostForm ctx={ctx} action="/me/profile">
        <TextField
          name="iin"
          label={labels.iin}
          hint={ctx.t('pages.me.hint.iin')}
          value={values.iin}
          errors={errors}
          inputMode="numeric"
          maxLength={12}
          width="short"
          autocomplete="off"
        />
        <TextField
          name="lastName"
          label={labels.lastName}
          value={values.lastName}
          errors={errors}
          autocomplete="family-name"
          width="medium"
        />
        <TextField
          name="firstName"
          label={labels.firstName}
          value={values.firstName}
          errors={errors}
          autocomplete="given-name"
          width="medium"
        />
        <TextField
          name="middleName"
          label={labels.middleName}
          value={values.middleName}
          errors={errors}
          autocomplete="additional-name"
          width="medium"
        />
        <TextField
          name="birthDate"
          label={labels.birthDate}
          hint={ctx.t('pages.me.hint.birthDate')}
          type="date"
          value={values.birthDate}
          errors={errors}
          autocomplete="bday"
          width="short"
        />
        <RadioGroup
          name="gender"
          label={labels.gender}
          value={values.gender}
          errors={errors}
          options={Object.keys(GENDER_CODES).map((g) => ({ value: g, label: ctx.t(`pages.me.gender.${g}`) }))}
        />
        <TextField
          name="phone"
          label={labels.phone}
          hint={ctx.t('pages.me.hint.phone')}
          type="tel"
          inputMode="tel"
          value={values.phone}
          errors={errors}
          autocomplete="tel"
          width="medium"
        />
        <SelectField
          name="educationStatus"
          label={labels.educationStatus}
          hint={ctx.t('pages.me.hint.educationStatus')}
          value={values.educationStatus}
          errors={errors}
          placeholder={ctx.t('pages.me.choose')}
          options={Object.keys(EDUCATION_CODES).map((e) => ({ value: e, label: ctx.t(`pages.me.education.${e}`) }))}
        />
        <CheckboxGroup
          name="socialCategories"
          label={labels.socialCategories}
          values={values.socialCategories}
          errors={errors}
          options={Object.keys(SOCIAL_CODES).map((c) => ({ value: c, label: ctx.t(`pages.me.social.${c}`) }))}
        />
        <Checkbox
          name="hasDisability"
          label={labels.hasDisability}
          value="yes"
          checked={values.hasDisability}
          errors={errors}
        />
        <TextField
          name="position"
          label={labels.position}
          hint={ctx.t('pages.me.hint.position')}
          value={values.position}
          errors={errors}
          autocomplete="organization-title"
          width="medium"
        />
        <SubmitButton>{ctx.t('pages.me.save_profile')}</SubmitButton>
      </PostForm>

      <h2>{ctx.t('pages.me.language_title')}</h2>
      <PostForm ctx={ctx} action="/me/language">
        <RadioGroup
          name="locale"
          label={label('locale')}
          value={me.locale}
          errors={languageErrors}
          options={[
            { value: 'kk', label: ctx.t('pages.common.language_kk') },
            { value: 'ru', label: ctx.t('pages.common.language_ru') },
          ]}
        />
        <SubmitButton secondary>{ctx.t('pages.me.save_language')}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

/**
 * The person behind the account (PUT /me/person: IIN, names, phone, education…), checked by
 * the API's own DTO and service, and the account's language (PATCH /me).
 */
@WebController()
export class MeProfileController {
  constructor(
    private readonly pages: WebPages,
    private readonly people: PeopleService,
  ) {}

  @Get('me/profile')
  @SignedIn()
  async show(@Req() request: WebRequest, @Res() reply: WebReply, @Query('notice') notice?: string): Promise<void> {
    const ctx = this.pages.context(request, reply);
    const me = await this.people.me(this.pages.actor(request).userId!);
    this.pages.render(
      reply,
      <ProfilePage ctx={ctx} me={me} values={valuesOf(me.person)} notice={noticeText(ctx, notice, NOTICES)} />,
    );
  }

  @Post('me/profile')
  @SignedIn()
  async save(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = this.pages.actor(request);
    const values = valuesFrom(request.body as FormBody);
    try {
      const dto = await validateInput(PersonDto, personBody(values));
      await this.people.upsertMyPerson(actor.userId!, dto, actor);
      this.pages.redirect(reply, '/me/profile?notice=profile_saved');
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(atTheFieldTyped(error, ctx), ctx, profileField);
      const me = await this.people.me(actor.userId!);
      this.pages.render(reply, <ProfilePage ctx={ctx} me={me} values={values} errors={errors} />, statusOf(error));
    }
  }

  @Post('me/language')
  @SignedIn()
  async language(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = this.pages.actor(request);
    try {
      const dto = await validateInput(UpdateMeDto, { locale: given(field(request.body as FormBody, 'locale')) });
      await this.people.setLocale(actor.userId!, dto.locale, actor);
      this.pages.rememberLanguage(reply, dto.locale);
      this.pages.redirect(reply, '/me/profile?notice=language_saved');
    } catch (error) {
      const ctx = this.pages.context(request, reply);
      const errors = formErrorsFrom(error, ctx, (f) => (f === 'locale' ? f : null));
      const me = await this.people.me(actor.userId!);
      this.pages.render(
        reply,
        <ProfilePage ctx={ctx} me={me} values={valuesOf(me.person)} languageErrors={errors} />,
        statusOf(error),
      );
    }
  }
}
