import type { TrancheStatus, TrancheView } from '../../modules/payments/domain/payment-schedule';
import type { PaymentSchedule } from '../../modules/payments/payments.service';
import {
  ErrorSummary,
  fieldId,
  FormErrors,
  NO_ERRORS,
  PostForm,
  SelectField,
  TextArea,
  TextField,
} from '../core/forms';
import { formatDate, formatMoney } from '../core/format';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';

const T = 'pages.payments.';

const TAG: Record<TrancheStatus, string> = {
  not_yet: 'tag tag--grey',
  waiting: 'tag tag--yellow',
  withheld: 'tag tag--red',
  due: 'tag',
  partly_paid: 'tag tag--yellow',
  paid: 'tag tag--green',
};

export const paymentsPath = (contractId: string) => `/contracts/${contractId}/payments`;

/** The record form as typed, kept when it is refused. */
export interface PaymentForm {
  tranche: string;
  amount: string;
  paidOn: string;
  reference: string;
}

/** A typed hold or lift reason that failed, kept for its tranche. */
export interface HoldForm {
  tranche: number;
  action: 'withhold' | 'lift';
  reason: string;
}

function conditionText(ctx: PageContext, t: TrancheView): string {
  if (t.stage === null) return ctx.t(`${T}condition.after_activation`);
  return ctx.t(`${T}condition.after_reports_${t.stage}`);
}

/** Why a tranche is not payable now, in words: the contract, the reports it waits for, the organizer's reason. */
function statusLine(ctx: PageContext, t: TrancheView): string {
  if (t.status === 'waiting') return ctx.t(`${T}why.waiting_${t.stage ?? 'final'}`);
  if (t.status === 'withheld') return ctx.t(`${T}why.withheld`, { reason: t.why ?? '' });
  if (t.status === 'not_yet') return ctx.t(`${T}why.${t.why ?? 'contract_not_active'}`);
  return '';
}

function share(ctx: PageContext, t: TrancheView, rest: boolean): string {
  if (rest) return ctx.t(`${T}rest`);
  return t.percent === null ? ctx.t(`${T}fixed`) : `${t.percent}%`;
}

/**
 * The schedule as it stands: one block per tranche (a table would scroll sideways on a
 * phone): its share and condition, planned, paid and remaining, the status and why, and its
 * payments. Read-only; the organizer's forms come after it.
 */
export function ScheduleBlocks({ ctx, schedule }: { ctx: PageContext; schedule: PaymentSchedule }) {
  const withFixed = schedule.tranches.some((t) => t.percent === null);
  return (
    <>
      <dl class="summary-list">
        <dt>{ctx.t(`${T}total_planned`)}</dt>
        <dd>
          <strong>{formatMoney(schedule.totals.planned)}</strong>
        </dd>
        <dt>{ctx.t(`${T}total_paid`)}</dt>
        <dd>{formatMoney(schedule.totals.paid)}</dd>
        <dt>{ctx.t(`${T}total_remaining`)}</dt>
        <dd>{formatMoney(schedule.totals.remaining)}</dd>
        <dt>{ctx.t(`${T}total_due`)}</dt>
        <dd>{formatMoney(schedule.totals.due)}</dd>
        {schedule.totals.waiting > 0 && (
          <>
            <dt>{ctx.t(`${T}total_waiting`)}</dt>
            <dd>{formatMoney(schedule.totals.waiting)}</dd>
          </>
        )}
        {schedule.totals.withheld > 0 && (
          <>
            <dt>{ctx.t(`${T}total_withheld`)}</dt>
            <dd>{formatMoney(schedule.totals.withheld)}</dd>
          </>
        )}
      </dl>
      <ol class="cards">
        {schedule.tranches.map((t, i) => (
          <li key={t.index} class="card" id={`tranche-${t.index}`}>
            <h3>
              {ctx.t(`${T}tranche_name`, { index: t.index })}{' '}
              <span class="muted">({share(ctx, t, withFixed && i === schedule.tranches.length - 1)})</span>{' '}
              <strong class={TAG[t.status]}>{ctx.t(`${T}status.${t.status}`)}</strong>
            </h3>
            <p class="hint">{conditionText(ctx, t)}</p>
            {statusLine(ctx, t) && <p>{statusLine(ctx, t)}</p>}
            <dl class="summary-list">
              <dt>{ctx.t(`${T}planned`)}</dt>
              <dd class="nowrap">{formatMoney(t.planned)}</dd>
              <dt>{ctx.t(`${T}paid`)}</dt>
              <dd class="nowrap">{formatMoney(t.paid)}</dd>
              <dt>{ctx.t(`${T}remaining`)}</dt>
              <dd class="nowrap">{formatMoney(t.remaining)}</dd>
            </dl>
            {t.payments.length > 0 && (
              <ul class="plain-list payments-of-tranche" aria-label={ctx.t(`${T}payments_of`, { index: t.index })}>
                {t.payments.map((p) => (
                  <li key={p.id}>
                    {ctx.t(`${T}payment_line`, {
                      date: formatDate(p.paidOn, ctx.locale),
                      amount: formatMoney(p.amount),
                      reference: p.reference,
                    })}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {schedule.isDefault && <p class="hint">{ctx.t(`${T}default_schedule`)}</p>}
    </>
  );
}

function RecordForm(props: {
  ctx: PageContext;
  schedule: PaymentSchedule;
  form: PaymentForm;
  formKey: string;
  errors: FormErrors;
}) {
  const { ctx, schedule, form, errors } = props;
  const payable = schedule.tranches.filter((t) => t.status === 'due' || t.status === 'partly_paid');
  const amountId = fieldId('amount');
  const amountError = errors.for('amount');
  return (
    <section aria-labelledby="record-title">
      <h2 id="record-title">{ctx.t(`${T}record_title`)}</h2>
      {payable.length === 0 ? (
        <p>{ctx.t(`${T}nothing_due`)}</p>
      ) : (
        <PostForm ctx={ctx} action={paymentsPath(schedule.contractId)} class="payment-form">
          <input type="hidden" name="formKey" value={props.formKey} />
          <input type="hidden" name="version" value={String(schedule.version)} />
          <SelectField
            name="tranche"
            label={ctx.t(`${T}field_tranche`)}
            value={form.tranche || String(payable[0].index)}
            options={payable.map((t) => ({
              value: String(t.index),
              label: ctx.t(`${T}tranche_option`, { index: t.index, remaining: formatMoney(t.remaining) }),
            }))}
            errors={errors}
          />
          <div class={`field${amountError ? ' field--error' : ''}`}>
            <label for={amountId}>{ctx.t(`${T}field_amount`)}</label>
            <p class="hint" id={`${amountId}-hint`}>
              {ctx.t(`${T}amount_hint`)}
            </p>
            {amountError && (
              <p class="field-error" id={`${amountId}-error`}>
                {amountError}
              </p>
            )}
            <div class="with-unit">
              <input
                id={amountId}
                name="amount"
                type="text"
                inputMode="numeric"
                value={form.amount}
                class="w-medium"
                aria-invalid={amountError ? 'true' : undefined}
                aria-describedby={[`${amountId}-hint`, amountError ? `${amountId}-error` : null]
                  .filter(Boolean)
                  .join(' ')}
              />
              <span aria-hidden="true">₸</span>
            </div>
          </div>
          <TextField name="paidOn" type="date" label={ctx.t(`${T}field_paid_on`)} value={form.paidOn} errors={errors} />
          <TextField
            name="reference"
            label={ctx.t(`${T}field_reference`)}
            hint={ctx.t(`${T}reference_hint`)}
            value={form.reference}
            maxLength={100}
            width="medium"
            errors={errors}
          />
          <button type="submit" class="button">
            {ctx.t(`${T}record`)}
          </button>
        </PostForm>
      )}
    </section>
  );
}

function HoldForms(props: { ctx: PageContext; schedule: PaymentSchedule; failed?: HoldForm; errors: FormErrors }) {
  const { ctx, schedule } = props;
  const open = schedule.tranches.filter((t) => t.status !== 'paid');
  if (open.length === 0 || schedule.contractStatus === 'completed' || schedule.contractStatus === 'terminated')
    return null;
  return (
    <section aria-labelledby="holds-title">
      <h2 id="holds-title">{ctx.t(`${T}holds_title`)}</h2>
      <p class="hint">{ctx.t(`${T}holds_hint`)}</p>
      {open.map((t) => {
        const action = t.status === 'withheld' ? 'lift' : 'withhold';
        const name = `${action}-${t.index}`;
        const kept = props.failed?.tranche === t.index && props.failed.action === action ? props.failed : undefined;
        return (
          <details key={t.index} open={!!kept}>
            <summary>{ctx.t(`${T}${action}`, { index: t.index })}</summary>
            <PostForm ctx={ctx} action={`${paymentsPath(schedule.contractId)}/tranches/${t.index}/${action}`}>
              <input type="hidden" name="version" value={String(schedule.version)} />
              <TextArea
                name="reason"
                field={name}
                label={ctx.t(`${T}reason_for`, { index: t.index })}
                value={kept?.reason}
                rows={3}
                maxLength={1000}
                errors={props.errors}
              />
              <button
                type="submit"
                class={action === 'withhold' ? 'button button--warning' : 'button button--secondary'}
              >
                {ctx.t(`${T}${action}_confirm`, { index: t.index })}
              </button>
            </PostForm>
          </details>
        );
      })}
    </section>
  );
}

export function PaymentsPage(props: {
  ctx: PageContext;
  schedule: PaymentSchedule;
  title: { competition: string };
  notice?: string | null;
  errors?: FormErrors;
  form?: PaymentForm;
  formKey: string;
  failedHold?: HoldForm;
}) {
  const { ctx, schedule } = props;
  const errors = props.errors ?? NO_ERRORS;
  const title = ctx.t(`${T}title`, { number: schedule.contractNumber });
  const labels: Record<string, string> = {
    tranche: ctx.t(`${T}field_tranche`),
    amount: ctx.t(`${T}field_amount`),
    paidOn: ctx.t(`${T}field_paid_on`),
    reference: ctx.t(`${T}field_reference`),
  };
  for (const t of schedule.tranches) {
    labels[`withhold-${t.index}`] = ctx.t(`${T}reason_for`, { index: t.index });
    labels[`lift-${t.index}`] = ctx.t(`${T}reason_for`, { index: t.index });
  }
  const organizer = schedule.role === 'organizer';
  return (
    <Layout ctx={ctx} title={title} failed={errors.any}>
      <p class="caption">{props.title.competition}</p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <p>{ctx.t(`${T}intro.${organizer ? 'organizer' : 'grantee'}`)}</p>
      {schedule.contractStatus === 'completed' && <p>{ctx.t(`${T}completed`)}</p>}
      <h2>{ctx.t(`${T}schedule_title`)}</h2>
      <ScheduleBlocks ctx={ctx} schedule={schedule} />
      {organizer && schedule.contractStatus === 'active' && (
        <RecordForm
          ctx={ctx}
          schedule={schedule}
          form={props.form ?? { tranche: '', amount: '', paidOn: '', reference: '' }}
          formKey={props.formKey}
          errors={errors}
        />
      )}
      {organizer && <HoldForms ctx={ctx} schedule={schedule} failed={props.failedHold} errors={errors} />}
      <p>
        <a href={`/contracts/${schedule.contractId}`}>{ctx.t(`${T}back_to_contract`)}</a>
      </p>
    </Layout>
  );
}
