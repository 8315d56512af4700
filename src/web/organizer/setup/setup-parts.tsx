import type { ComponentChildren } from 'preact';
import { fieldId, FormErrors, Option } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import type { SectionCode } from './setup-forms';

/** A competition's title in the page's language. */
export function titleIn(ctx: PageContext, title: { kk: string; ru: string }): string {
  return ctx.locale === 'ru' ? title.ru : title.kk;
}

export function competitionPath(id: string, rest = ''): string {
  return `/organizer/competitions/${id}${rest}`;
}

/** Where a section of the rules is edited (questions, documents, criteria, reporting and outcomes have pages of their own). */
export function sectionPath(id: string, section: SectionCode): string {
  return competitionPath(id, `/rules/${section}`);
}

export const SECTION_ORDER: readonly SectionCode[] = [
  'basics',
  'eligibility',
  'money',
  'territories',
  'questions',
  'documents',
  'criteria',
  'reporting',
  'outcomes',
];

/**
 * The top of every set-up page: back to the competition, its title, and the rules' sections
 * as a sub-navigation (the current one marked).
 */
export function SetupHeader(props: {
  ctx: PageContext;
  competition: { id: string; title: { kk: string; ru: string } };
  current?: SectionCode | 'overview' | 'deadline';
}) {
  const { ctx, competition, current } = props;
  const link = (href: string, label: string, here: boolean) => (
    <li key={href}>
      <a href={href} aria-current={here ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <>
      <p>
        <a href={competitionPath(competition.id)}>{ctx.t('pages.setup.back_to_competition')}</a>
      </p>
      <p class="muted">{titleIn(ctx, competition.title)}</p>
      {current !== undefined && current !== 'deadline' && (
        <nav class="subnav" aria-label={ctx.t('pages.setup.sections_label')}>
          <ul>
            {link(
              competitionPath(competition.id, '/rules'),
              ctx.t('pages.setup.overview_link'),
              current === 'overview',
            )}
            {SECTION_ORDER.map((s) =>
              link(sectionPath(competition.id, s), ctx.t(`pages.setup.section.${s}`), current === s),
            )}
          </ul>
        </nav>
      )}
    </>
  );
}

function FieldMessage({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p class="field-error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * A moment as people think of it: a date and a time on the competition's clock, never an
 * ISO string or an offset. The error summary links to the date input.
 */
export function DateTimeField(props: {
  ctx: PageContext;
  name: string;
  legend: string;
  hint: string;
  date: string;
  time: string;
  errors: FormErrors;
}) {
  const { ctx, name } = props;
  const id = fieldId(name);
  const error = props.errors.for(name);
  const described = describedBy(id, props.hint, error);
  return (
    <fieldset class={`field date-time${error ? ' field--error' : ''}`} aria-describedby={described}>
      <legend>{props.legend}</legend>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <FieldMessage id={id} message={error} />
      <div class="date-time__inputs">
        <div>
          <label for={id}>{ctx.t('pages.setup.date_label')}</label>
          <input
            id={id}
            name={`${name}.date`}
            type="date"
            value={props.date}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <div>
          <label for={`${id}-time`}>{ctx.t('pages.setup.time_label')}</label>
          <input
            id={`${id}-time`}
            name={`${name}.time`}
            type="time"
            value={props.time}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
      </div>
    </fieldset>
  );
}

/** A whole number of tenge, the sign after the box; spaces between thousands are fine to type. */
export function MoneyField(props: { name: string; label: string; hint?: string; value: string; errors: FormErrors }) {
  const id = fieldId(props.name);
  const error = props.errors.for(props.name);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldMessage id={id} message={error} />
      <div class="with-unit">
        <input
          id={id}
          name={props.name}
          type="text"
          inputMode="numeric"
          value={props.value}
          class="w-medium"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, props.hint, error)}
        />
        <span aria-hidden="true">₸</span>
      </div>
    </div>
  );
}

/** Several choices of one list (`applicantKinds`, `languages`): one fieldset, one message, checkboxes. */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  options: Option[];
  chosen: string[];
  errors: FormErrors;
  children?: ComponentChildren;
}) {
  const id = fieldId(props.name);
  const error = props.errors.for(props.name);
  return (
    <fieldset
      class={`field${error ? ' field--error' : ''}`}
      id={id}
      tabindex={-1}
      aria-describedby={describedBy(id, props.hint, error)}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldMessage id={id} message={error} />
      {props.options.map((o, i) => (
        <div class="choice" key={o.value}>
          <input
            type="checkbox"
            id={`${id}-${i}`}
            name={props.name}
            value={o.value}
            checked={props.chosen.includes(o.value)}
          />
          <label for={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
      {props.children}
    </fieldset>
  );
}
