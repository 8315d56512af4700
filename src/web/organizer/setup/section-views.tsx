import type { ComponentChildren } from 'preact';
import type { CompetitionView } from '../../../modules/competitions/competitions.service';
import { DIRECTION_LABELS } from '../../../modules/competitions/domain/directions.constants';
import { APPLICANT_KINDS, LANGUAGES, TERRITORY_LEVELS } from '../../../modules/competitions/domain/rulebook.types';
import {
  DefaultSaveButton,
  Checkbox,
  ErrorSummary,
  fieldId,
  FormErrors,
  PostForm,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../core/forms';
import { Layout, Notice } from '../../core/layout';
import type { PageContext } from '../../core/page-context';
import { FormValues, OwnSection, SECTION_INPUTS, valueOf, valuesOf } from './setup-forms';
import { TrancheInputs } from './money-tranches';
import { CheckboxGroup, competitionPath, DateTimeField, MoneyField, SetupHeader, titleIn } from './setup-parts';

export interface RegionChoice {
  code: string;
  name: { kk: string; ru: string };
  districts: { code: string; name: { kk: string; ru: string } }[];
}

/** What a section's page needs besides the competition and the form. */
export interface SectionExtras {
  /** Basics: the organizations the organizer represents (and the current one), by id. */
  organizations?: { id: string; name: string }[];
  /** Territories: every region with its districts and cities. */
  regions?: RegionChoice[];
}

/** The label of every input of a section, for the error summary. */
export function sectionLabels(ctx: PageContext, section: OwnSection): Record<string, string> {
  return Object.fromEntries(
    SECTION_INPUTS[section].map((name) => [name, ctx.t(`pages.setup.label.${name.replace(/\./g, '_')}`)]),
  );
}

export function SectionPage(props: {
  ctx: PageContext;
  competition: CompetitionView;
  section: OwnSection;
  values: FormValues;
  errors: FormErrors;
  extras: SectionExtras;
  notice?: string;
}) {
  const { ctx, competition, section, values, errors } = props;
  const title = ctx.t(`pages.setup.section.${section}`);
  const form = { ctx, values, errors, labels: sectionLabels(ctx, section), competition, extras: props.extras };
  return (
    <Layout ctx={ctx} title={`${title} — ${titleIn(ctx, competition.title)}`} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={form.labels} />
      <Notice text={props.notice} />
      <SetupHeader ctx={ctx} competition={competition} current={section} />
      <h1>{title}</h1>
      <p>{ctx.t(`pages.setup.intro.${section}`)}</p>
      {competition.status !== 'draft' ? (
        <div class="notice notice--info">
          <p>{ctx.t('pages.setup.locked')}</p>
          {competition.status === 'open' && (
            <p>
              <a href={competitionPath(competition.id, '/deadline')}>{ctx.t('pages.setup.deadline_link')}</a>
            </p>
          )}
        </div>
      ) : (
        <PostForm ctx={ctx} action={competitionPath(competition.id, `/rules/${section}`)}>
          <input type="hidden" name="version" value={valueOf(values, 'version')} />
          {section === 'basics' && <BasicsInputs {...form} />}
          {section === 'eligibility' && <EligibilityInputs {...form} />}
          {section === 'money' && <MoneyInputs {...form} />}
          {section === 'territories' && <TerritoriesInputs {...form} />}
          <SubmitButton>{ctx.t('pages.setup.save')}</SubmitButton>
        </PostForm>
      )}
      <p>
        <a href={competitionPath(competition.id, '/rules')}>{ctx.t('pages.setup.back_to_overview')}</a>
      </p>
    </Layout>
  );
}

interface InputsProps {
  ctx: PageContext;
  values: FormValues;
  errors: FormErrors;
  labels: Record<string, string>;
  competition: CompetitionView;
  extras: SectionExtras;
}

function Group({ legend, children }: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset class="form-group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

function BasicsInputs({ ctx, values, errors, labels, competition, extras }: InputsProps) {
  const organizations = extras.organizations ?? [];
  return (
    <>
      <TextField name="title.kk" label={labels['title.kk']} value={valueOf(values, 'title.kk')} errors={errors} />
      <TextField name="title.ru" label={labels['title.ru']} value={valueOf(values, 'title.ru')} errors={errors} />
      <TextArea
        name="description.kk"
        label={labels['description.kk']}
        value={valueOf(values, 'description.kk')}
        errors={errors}
        rows={6}
      />
      <TextArea
        name="description.ru"
        label={labels['description.ru']}
        value={valueOf(values, 'description.ru')}
        errors={errors}
        rows={6}
      />
      <DateTimeField
        ctx={ctx}
        name="submissionDeadline"
        legend={labels.submissionDeadline}
        hint={ctx.t('pages.setup.deadline_hint', { zone: ctx.t('pages.setup.zone_almaty') })}
        date={valueOf(values, 'submissionDeadline.date')}
        time={valueOf(values, 'submissionDeadline.time')}
        errors={errors}
      />
      <CheckboxGroup
        name="languages"
        legend={labels.languages}
        hint={ctx.t('pages.setup.languages_hint')}
        options={LANGUAGES.map((l) => ({ value: l, label: ctx.t(`pages.setup.language.${l}`) }))}
        chosen={valuesOf(values, 'languages')}
        errors={errors}
      />
      <TextField
        name="numberPrefix"
        label={labels.numberPrefix}
        hint={ctx.t('pages.setup.number_prefix_hint', {
          example: `${valueOf(values, 'numberPrefix') || 'MG'}-2026-0001`,
        })}
        value={valueOf(values, 'numberPrefix')}
        width="short"
        maxLength={4}
        errors={errors}
      />
      {organizations.length > 0 ? (
        <SelectField
          name="organizerOrganizationId"
          label={labels.organizerOrganizationId}
          hint={ctx.t('pages.setup.organization_hint')}
          value={valueOf(values, 'organizerOrganizationId')}
          placeholder={competition.organizerOrganizationId ? undefined : ctx.t('pages.setup.organization_none')}
          options={organizations.map((o) => ({ value: o.id, label: o.name }))}
          errors={errors}
        />
      ) : (
        <p class="hint" id={fieldId('organizerOrganizationId')}>
          {ctx.t('pages.setup.organization_missing')}{' '}
          <a href="/me/organization/new">{ctx.t('pages.setup.organization_add')}</a>
        </p>
      )}
    </>
  );
}

function NumberInput(props: {
  name: string;
  values: FormValues;
  errors: FormErrors;
  labels: Record<string, string>;
  hint?: string;
}) {
  return (
    <TextField
      name={props.name}
      label={props.labels[props.name]}
      hint={props.hint}
      value={valueOf(props.values, props.name)}
      inputMode="numeric"
      width="short"
      errors={props.errors}
    />
  );
}

function EligibilityInputs({ ctx, values, errors, labels }: InputsProps) {
  const number = (name: string, hint?: string) => (
    <NumberInput name={name} values={values} errors={errors} labels={labels} hint={hint} />
  );
  const flag = (name: string, hint: string) => (
    <Checkbox name={name} label={labels[name]} hint={hint} checked={valueOf(values, name) === 'on'} errors={errors} />
  );
  return (
    <>
      <CheckboxGroup
        name="applicantKinds"
        legend={labels.applicantKinds}
        options={APPLICANT_KINDS.map((k) => ({ value: k, label: ctx.t(`pages.setup.kind.${k}`) }))}
        chosen={valuesOf(values, 'applicantKinds')}
        errors={errors}
      />
      <Group legend={ctx.t('pages.setup.team_legend')}>
        <RadioGroup
          name="team.enabled"
          label={labels['team.enabled']}
          value={valueOf(values, 'team.enabled')}
          options={[
            { value: 'yes', label: ctx.t('pages.setup.team_yes') },
            { value: 'no', label: ctx.t('pages.setup.team_no') },
          ]}
          errors={errors}
        />
        {number('team.minSize')}
        {number('team.maxSize')}
        {number('team.minAge', ctx.t('pages.setup.age_hint'))}
        {number('team.maxAge', ctx.t('pages.setup.age_hint'))}
      </Group>
      <Group legend={ctx.t('pages.setup.applicant_age_legend')}>
        <p class="hint">{ctx.t('pages.setup.applicant_age_hint')}</p>
        {number('applicantAge.minAge')}
        {number('applicantAge.maxAge')}
      </Group>
      <Group legend={ctx.t('pages.setup.limits_legend')}>
        {number('limits.perHostOrganization', ctx.t('pages.setup.per_host_hint'))}
        {flag('limits.onePersonOneApplication', ctx.t('pages.setup.one_person_hint'))}
        {flag('limits.oneApplicationPerGroup', ctx.t('pages.setup.one_group_hint'))}
      </Group>
    </>
  );
}

function MoneyInputs({ ctx, values, errors, labels }: InputsProps) {
  const money = (name: string, hint?: string) => (
    <MoneyField name={name} label={labels[name]} hint={hint} value={valueOf(values, name)} errors={errors} />
  );
  return (
    <>
      {/* The form's first button: Enter in a field saves rather than removing a tranche row. */}
      <DefaultSaveButton label={ctx.t('pages.setup.save')} name={null} />
      <RadioGroup
        name="funding.enabled"
        label={labels['funding.enabled']}
        value={valueOf(values, 'funding.enabled')}
        options={[
          { value: 'yes', label: ctx.t('pages.setup.funding_yes') },
          { value: 'no', label: ctx.t('pages.setup.funding_no') },
        ]}
        errors={errors}
      />
      <p class="hint">{ctx.t('pages.setup.money_hint')}</p>
      {money('funding.amountCap', ctx.t('pages.setup.amount_cap_hint'))}
      {money('funding.totalFund', ctx.t('pages.setup.total_fund_hint'))}
      {money('funding.perRegionFund', ctx.t('pages.setup.per_region_hint'))}
      <TextField
        name="funding.hostOrganizationOverheadPercent"
        label={labels['funding.hostOrganizationOverheadPercent']}
        hint={ctx.t('pages.setup.overhead_hint')}
        value={valueOf(values, 'funding.hostOrganizationOverheadPercent')}
        inputMode="decimal"
        width="short"
        errors={errors}
      />
      <RadioGroup
        name="funding.hostOrganizationOverheadMode"
        label={labels['funding.hostOrganizationOverheadMode']}
        value={valueOf(values, 'funding.hostOrganizationOverheadMode')}
        options={[
          { value: 'on_top', label: ctx.t('pages.setup.overhead_on_top') },
          { value: 'inside', label: ctx.t('pages.setup.overhead_inside') },
        ]}
        errors={errors}
      />
      <Group legend={ctx.t('pages.setup.stipends_legend')}>
        <p class="hint">{ctx.t('pages.setup.stipends_hint')}</p>
        {money('funding.stipends.schoolLeaverAndStudents')}
        {money('funding.stipends.graduates')}
      </Group>
      <TrancheInputs ctx={ctx} values={values} errors={errors} />
    </>
  );
}

function TerritoriesInputs({ ctx, values, errors, labels, extras }: InputsProps) {
  const chosen = valuesOf(values, 'territory.scope');
  const id = fieldId('territory.scope');
  const error = errors.for('territory.scope');
  const name = (n: { kk: string; ru: string }) => (ctx.locale === 'ru' ? n.ru : n.kk);
  let index = 0;
  const box = (code: string, label: string) => {
    const boxId = `${id}-${index++}`;
    return (
      <div class="choice" key={code}>
        <input type="checkbox" id={boxId} name="territory.scope" value={code} checked={chosen.includes(code)} />
        <label for={boxId}>{label}</label>
      </div>
    );
  };
  return (
    <>
      <fieldset class={`field${error ? ' field--error' : ''}`} id={id} tabindex={-1} aria-describedby={`${id}-hint`}>
        <legend>{labels['territory.scope']}</legend>
        <p class="hint" id={`${id}-hint`}>
          {ctx.t('pages.setup.scope_hint')}
        </p>
        {error && (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
        {(extras.regions ?? []).map((region) => {
          const inside = [region.code, ...region.districts.map((d) => d.code)].filter((c) => chosen.includes(c)).length;
          return (
            <details class="region-choice" key={region.code} open={inside > 0}>
              <summary>
                {name(region.name)}
                {inside > 0 && <span class="muted"> — {ctx.t('pages.setup.scope_chosen', { n: inside })}</span>}
              </summary>
              {box(region.code, ctx.t('pages.setup.scope_whole_region', { region: name(region.name) }))}
              {region.districts.map((d) => box(d.code, name(d.name)))}
            </details>
          );
        })}
      </fieldset>
      <RadioGroup
        name="territory.level"
        label={labels['territory.level']}
        value={valueOf(values, 'territory.level')}
        options={TERRITORY_LEVELS.map((l) => ({ value: l, label: ctx.t(`pages.setup.level.${l}`) }))}
        errors={errors}
      />
      <CheckboxGroup
        name="directions"
        legend={labels.directions}
        hint={ctx.t('pages.setup.directions_hint')}
        options={Object.entries(DIRECTION_LABELS).map(([code, label]) => ({ value: code, label: name(label) }))}
        chosen={valuesOf(values, 'directions')}
        errors={errors}
      />
    </>
  );
}
