import type { ComponentChildren } from 'preact';
import { AppException, CommonErrorCode } from '../../common/errors/app.exception';
import type { PageContext } from './page-context';

export interface FieldError {
  /** The form field's name (`title`, `team[2].iin`); '' for a problem of the whole form. */
  field: string;
  message: string;
}

/** A failed form's problems: listed in the summary at the top, each also beside its field. */
export class FormErrors {
  constructor(readonly items: FieldError[] = []) {}

  get any(): boolean {
    return this.items.length > 0;
  }

  for(field: string): string | undefined {
    return this.items.find((e) => e.field === field)?.message;
  }

  with(field: string, message: string): FormErrors {
    return new FormErrors([...this.items, { field, message }]);
  }
}

export const NO_ERRORS = new FormErrors();

/**
 * What a service refused, in the page's language, at the form's fields. `fieldNames` maps
 * the API's field paths onto the form's names where they differ; details of fields the
 * form does not have are shown as problems of the whole form. Anything else is rethrown
 * (the page's error filter answers it).
 */
export function formErrorsFrom(
  error: unknown,
  ctx: PageContext,
  fieldNames: (apiField: string) => string | null = (f) => f,
): FormErrors {
  // Not signed in (the session ended) is the page filter's: sign in, then come back.
  if (!(error instanceof AppException) || error.status >= 500 || error.code === CommonErrorCode.UNAUTHENTICATED) {
    throw error;
  }
  if (error.details.length === 0) {
    return new FormErrors([{ field: '', message: ctx.t(error.messageKey ?? `errors.${error.code}`, error.params) }]);
  }
  return new FormErrors(
    error.details.map((d) => ({
      field: fieldNames(d.field) ?? '',
      message: ctx.t(`errors.${d.code}`, { field: d.field, ...d.params }),
    })),
  );
}

/** `team[2].iin` → `f-team-2-iin`: the id a label and the error summary's link point at. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^\w]+/g, '-').replace(/-+$/, '')}`;
}

export function CsrfInput({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** A form that posts back (post/redirect/get) with its CSRF token; a file form carries it in the URL. */
export function PostForm(props: {
  ctx: PageContext;
  action: string;
  multipart?: boolean;
  id?: string;
  class?: string;
  autosave?: string;
  children: ComponentChildren;
}) {
  const { ctx, action, multipart } = props;
  const url = multipart
    ? `${action}${action.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(ctx.csrfToken)}`
    : action;
  return (
    <form
      method="post"
      action={url}
      id={props.id}
      class={props.class}
      enctype={multipart ? 'multipart/form-data' : undefined}
      novalidate
      data-autosave={props.autosave}
    >
      {!multipart && <CsrfInput ctx={ctx} />}
      {props.children}
    </form>
  );
}

/**
 * The GOV.UK error-summary pattern: at the top of the page, focused on load by the script,
 * each problem a link to its field. `labels` names the fields in the reader's language.
 */
export function ErrorSummary({
  ctx,
  errors,
  labels = {},
}: {
  ctx: PageContext;
  errors: FormErrors;
  labels?: Record<string, string>;
}) {
  if (!errors.any) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} data-error-summary>
      <h2 id="error-summary-title">{ctx.t('pages.common.error_summary_title')}</h2>
      <ul>
        {errors.items.map((e, i) => (
          <li key={i}>
            {e.field ? (
              <a href={`#${fieldId(e.field)}`}>{labels[e.field] ? `${labels[e.field]}: ${e.message}` : e.message}</a>
            ) : (
              e.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  errors?: FormErrors;
  required?: boolean;
}

function Hint({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p class="hint" id={`${id}-hint`}>
      {text}
    </p>
  ) : null;
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

export function TextField(
  props: FieldProps & {
    value?: string | number | null;
    type?: 'text' | 'email' | 'password' | 'tel' | 'number' | 'date' | 'datetime-local' | 'url';
    autocomplete?: string;
    inputMode?: 'numeric' | 'tel' | 'email' | 'text' | 'decimal';
    maxLength?: number;
    width?: 'short' | 'medium' | 'full';
    pattern?: string;
  },
) {
  const id = fieldId(props.name);
  const error = props.errors?.for(props.name);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{props.label}</label>
      <Hint id={id} text={props.hint} />
      <FieldMessage id={id} message={error} />
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        pattern={props.pattern}
        required={props.required}
        class={props.width ? `w-${props.width}` : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      />
    </div>
  );
}

/**
 * A text area. `field` keys its id and its message when that is not its name: several forms
 * on one page that each post a `reason` say which one was refused.
 */
export function TextArea(
  props: FieldProps & { value?: string | null; rows?: number; maxLength?: number; field?: string },
) {
  const id = fieldId(props.field ?? props.name);
  const error = props.errors?.for(props.field ?? props.name);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{props.label}</label>
      <Hint id={id} text={props.hint} />
      <FieldMessage id={id} message={error} />
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: FieldProps & { value?: string | null; options: Option[]; placeholder?: string }) {
  const id = fieldId(props.name);
  const error = props.errors?.for(props.name);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{props.label}</label>
      <Hint id={id} text={props.hint} />
      <FieldMessage id={id} message={error} />
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RadioGroup(props: FieldProps & { value?: string | null; options: Option[] }) {
  const id = fieldId(props.name);
  const error = props.errors?.for(props.name);
  return (
    <fieldset
      class={`field${error ? ' field--error' : ''}`}
      id={id}
      tabindex={-1}
      aria-describedby={describedBy(id, props.hint, error)}
    >
      <legend>{props.label}</legend>
      <Hint id={id} text={props.hint} />
      <FieldMessage id={id} message={error} />
      {props.options.map((o, i) => (
        <div class="choice" key={o.value}>
          <input
            type="radio"
            id={`${id}-${i}`}
            name={props.name}
            value={o.value}
            checked={o.value === (props.value ?? '')}
          />
          <label for={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function Checkbox(props: FieldProps & { checked?: boolean; value?: string }) {
  const id = fieldId(props.name);
  const error = props.errors?.for(props.name);
  return (
    <div class={`field choice${error ? ' field--error' : ''}`}>
      <FieldMessage id={id} message={error} />
      <input type="checkbox" id={id} name={props.name} value={props.value ?? 'on'} checked={props.checked} />
      <label for={id}>{props.label}</label>
      <Hint id={id} text={props.hint} />
    </div>
  );
}

/**
 * The first button of a form whose rows have their own buttons (add, move, remove a row): Enter
 * in a field saves instead of pressing the first row's button. Off screen, out of the tab order
 * and out of the accessibility tree (the form's visible save button is the one to announce).
 */
export function DefaultSaveButton({
  label,
  name = 'action',
  value = 'save',
}: {
  label: string;
  name?: string | null;
  value?: string;
}) {
  return (
    <button
      type="submit"
      name={name ?? undefined}
      value={name ? value : undefined}
      class="visually-hidden"
      tabindex={-1}
      aria-hidden="true"
    >
      {label}
    </button>
  );
}

export function SubmitButton({
  children,
  secondary,
  name,
  value,
}: {
  children: ComponentChildren;
  secondary?: boolean;
  name?: string;
  value?: string;
}) {
  return (
    <button type="submit" class={secondary ? 'button button--secondary' : 'button'} name={name} value={value}>
      {children}
    </button>
  );
}
