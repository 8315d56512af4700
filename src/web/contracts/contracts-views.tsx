import type { ContractSummary, ContractView } from '../../modules/contracts/contracts.service';
import type { ContractStatus } from '../../modules/contracts/domain/contract-status';
import { ContractContent, trancheConditionKey } from '../../modules/contracts/domain/contract-terms';
import {
  ErrorSummary,
  fieldId,
  FormErrors,
  NO_ERRORS,
  PostForm,
  SubmitButton,
  TextArea,
  TextField,
} from '../core/forms';
import { formatDate, formatDateTime, formatMoney } from '../core/format';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';

const T = 'pages.contracts.';

const TAG: Record<ContractStatus, string> = {
  draft: 'tag tag--grey',
  sent: 'tag tag--yellow',
  signed_by_grantee: 'tag tag--yellow',
  active: 'tag tag--green',
  completed: 'tag tag--green',
  terminated: 'tag tag--red',
};

export const listPath = (competitionId: string) => `/organizer/competitions/${competitionId}/contracts`;
export const contractPath = (id: string) => `/contracts/${id}`;

function StatusTag({ ctx, status }: { ctx: PageContext; status: ContractStatus }) {
  return <strong class={TAG[status]}>{ctx.t(`${T}status.${status}`)}</strong>;
}

function DocumentLinks({ ctx, id, signedCopy }: { ctx: PageContext; id: string; signedCopy: boolean }) {
  return (
    <ul class="plain-list">
      <li>
        <a href={`${contractPath(id)}/document.docx?lang=kk`} hreflang="kk">
          {ctx.t(`${T}docx_kk`)}
        </a>
      </li>
      <li>
        <a href={`${contractPath(id)}/document.docx?lang=ru`} hreflang="ru">
          {ctx.t(`${T}docx_ru`)}
        </a>
      </li>
      {signedCopy && (
        <li>
          <a href={`${contractPath(id)}/signed-copy`}>{ctx.t(`${T}signed_copy`)}</a>
        </li>
      )}
    </ul>
  );
}

/** A typed reason that failed, kept for the row it belongs to. */
export interface ReasonForm {
  contractId: string;
  action: 'terminate' | 'revise';
  reason: string;
}

function ReasonAction(props: {
  ctx: PageContext;
  competitionId: string;
  contract: ContractSummary;
  action: 'terminate' | 'revise';
  failed?: ReasonForm;
  errors: FormErrors;
}) {
  const { ctx, contract, action } = props;
  const name = `${action}-${contract.id}`;
  const kept = props.failed?.contractId === contract.id && props.failed.action === action ? props.failed : undefined;
  return (
    <details open={!!kept}>
      <summary>{ctx.t(`${T}${action}`)}</summary>
      <PostForm ctx={ctx} action={`${listPath(props.competitionId)}/${contract.id}/${action}`}>
        {action === 'revise' && <p class="hint">{ctx.t(`${T}revise_hint`)}</p>}
        <TextArea
          name="reason"
          field={name}
          label={ctx.t(`${T}reason_for`, { number: contract.number })}
          value={kept?.reason}
          rows={3}
          maxLength={1000}
          errors={props.errors}
        />
        <button type="submit" class={action === 'terminate' ? 'button button--warning' : 'button button--secondary'}>
          {ctx.t(`${T}${action}_confirm`)}
        </button>
      </PostForm>
    </details>
  );
}

function RowActions(props: {
  ctx: PageContext;
  competitionId: string;
  contract: ContractSummary;
  failed?: ReasonForm;
  errors: FormErrors;
}) {
  const { ctx, contract: c, competitionId } = props;
  const base = `${listPath(competitionId)}/${c.id}`;
  const ended = c.status === 'completed' || c.status === 'terminated';
  return (
    <div class="contract-actions">
      {c.status === 'draft' && (
        <PostForm ctx={ctx} action={`${base}/send`} class="inline-form">
          <button type="submit" class="button">
            {ctx.t(`${T}send`)}
            <span class="visually-hidden"> {c.number}</span>
          </button>
        </PostForm>
      )}
      {c.status === 'sent' && <p class="muted">{ctx.t(`${T}waiting_grantee`)}</p>}
      {c.status === 'signed_by_grantee' && (
        <PostForm ctx={ctx} action={`${base}/countersign`} class="inline-form">
          <button type="submit" class="button">
            {ctx.t(`${T}countersign`)}
            <span class="visually-hidden"> {c.number}</span>
          </button>
        </PostForm>
      )}
      {!ended && c.status !== 'draft' && <ReasonAction {...props} action="revise" />}
      {!ended && <ReasonAction {...props} action="terminate" />}
    </div>
  );
}

export function ContractListPage(props: {
  ctx: PageContext;
  competition: { id: string; title: string };
  contracts: ContractSummary[];
  notice?: string | null;
  errors?: FormErrors;
  failed?: ReasonForm;
}) {
  const { ctx, competition, contracts } = props;
  const errors = props.errors ?? NO_ERRORS;
  const title = ctx.t(`${T}list_title`);
  const labels = Object.fromEntries(
    contracts.flatMap((c) => [
      [`terminate-${c.id}`, ctx.t(`${T}reason_for`, { number: c.number })],
      [`revise-${c.id}`, ctx.t(`${T}reason_for`, { number: c.number })],
    ]),
  );
  return (
    <Layout ctx={ctx} title={`${title}: ${competition.title}`} wide failed={errors.any}>
      <p class="caption">{competition.title}</p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <p>{ctx.t(`${T}list_intro`)}</p>
      <PostForm ctx={ctx} action={`${listPath(competition.id)}/generate`}>
        <p class="hint">{ctx.t(`${T}generate_hint`)}</p>
        <button type="submit" class="button">
          {ctx.t(`${T}generate`)}
        </button>
      </PostForm>
      {contracts.length === 0 ? (
        <p>{ctx.t(`${T}no_contracts`)}</p>
      ) : (
        <div class="table-scroll" role="region" aria-label={title} tabindex={0}>
          <table class="stack-table contracts-table">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t(`${T}col_number`)}</th>
                <th scope="col">{ctx.t(`${T}col_project`)}</th>
                <th scope="col">{ctx.t(`${T}col_grantee`)}</th>
                <th scope="col" class="num">
                  {ctx.t(`${T}col_amount`)}
                </th>
                <th scope="col">{ctx.t(`${T}col_status`)}</th>
                <th scope="col">{ctx.t(`${T}col_documents`)}</th>
                <th scope="col">{ctx.t(`${T}col_actions`)}</th>
              </tr>
            </thead>
            <tbody>
              {contracts.map((c) => (
                <tr key={c.id}>
                  <td class="nowrap" data-label={ctx.t(`${T}col_number`)}>
                    <a class="mono" href={contractPath(c.id)}>
                      {c.number}
                    </a>
                    <br />
                    <span class="muted mono">{c.applicationNumber}</span>
                    {c.revision > 1 && (
                      <>
                        <br />
                        <span class="muted">{ctx.t(`${T}revision`, { revision: c.revision })}</span>
                      </>
                    )}
                  </td>
                  <td data-label={ctx.t(`${T}col_project`)}>{c.projectTitle}</td>
                  <td data-label={ctx.t(`${T}col_grantee`)}>{c.grantee || ctx.t(`${T}not_given`)}</td>
                  <td class="num nowrap" data-label={ctx.t(`${T}col_amount`)}>
                    {formatMoney(c.amount)}
                  </td>
                  <td data-label={ctx.t(`${T}col_status`)}>
                    <StatusTag ctx={ctx} status={c.status} />
                    {(c.status === 'active' || c.status === 'completed') && (
                      <>
                        <br />
                        <a href={`${contractPath(c.id)}/payments`}>
                          {ctx.t('pages.payments.list_link')}
                          <span class="visually-hidden"> {c.number}</span>
                        </a>
                      </>
                    )}
                  </td>
                  <td data-label={ctx.t(`${T}col_documents`)}>
                    <DocumentLinks ctx={ctx} id={c.id} signedCopy={c.signedCopy} />
                  </td>
                  <td>
                    <RowActions
                      ctx={ctx}
                      competitionId={competition.id}
                      contract={c}
                      failed={props.failed}
                      errors={errors}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function nextStep(ctx: PageContext, contract: ContractView): string {
  if (contract.status === 'completed') return ctx.t(`${T}next.completed`);
  if (contract.status === 'terminated')
    return ctx.t(`${T}next.terminated`, { reason: contract.terminationReason ?? '' });
  return ctx.t(`${T}next.${contract.role}.${contract.status}`);
}

function PartyLines({ ctx, content }: { ctx: PageContext; content: ContractContent }) {
  const o = content.organizer;
  const g = content.grantee;
  const org = g.organization;
  return (
    <dl class="summary-list">
      <dt>{ctx.t(`${T}organizer`)}</dt>
      <dd>
        {o ? (
          <>
            {o.name}, {ctx.t(`${T}bin`, { bin: o.bin })}
            {o.headName ? `, ${ctx.t(`${T}head`, { name: o.headName })}` : ''}
          </>
        ) : (
          ctx.t(`${T}not_given`)
        )}
      </dd>
      <dt>{ctx.t(`${T}grantee`)}</dt>
      <dd>
        {org ? (
          <>
            {g.kind === 'host_organization' ? `${ctx.t(`${T}host_organization`)} ` : ''}
            {org.name}, {ctx.t(`${T}bin`, { bin: org.bin })}
            {org.headName ? `, ${ctx.t(`${T}head`, { name: org.headName })}` : ''}
            {g.kind === 'host_organization' && g.person ? `; ${ctx.t(`${T}leader`, { name: g.person.fullName })}` : ''}
          </>
        ) : g.person ? (
          <>
            {g.kind === 'initiative_group' ? ctx.t(`${T}leader`, { name: g.person.fullName }) : g.person.fullName},{' '}
            {ctx.t(`${T}iin`, { iin: g.person.iin })}
          </>
        ) : (
          ctx.t(`${T}not_given`)
        )}
      </dd>
    </dl>
  );
}

function Amounts({ ctx, content }: { ctx: PageContext; content: ContractContent }) {
  const a = content.amounts;
  const percent = String(a.overheadPercent ?? '').replace('.', ',');
  return (
    <>
      <dt>{ctx.t(`${T}amount`)}</dt>
      <dd>
        <strong>{formatMoney(a.total)}</strong>
        {a.overheadPercent !== null && (
          <ul class="plain-list">
            <li>
              {ctx.t(`${T}budget_line`)}: {formatMoney(a.budget)}
            </li>
            <li>
              {ctx.t(`${T}overhead_line`, { percent })}: {formatMoney(a.overhead)}
            </li>
            <li class="muted">
              {ctx.t(a.overheadMode === 'inside' ? `${T}overhead_inside` : `${T}overhead_on_top`, {
                budget: formatMoney(a.budget),
                overhead: formatMoney(a.overhead),
                total: formatMoney(a.total),
                project: formatMoney(a.projectFunds),
              })}
            </li>
          </ul>
        )}
      </dd>
    </>
  );
}

function UploadForm({ ctx, contract, errors }: { ctx: PageContext; contract: ContractView; errors: FormErrors }) {
  const id = fieldId('file');
  const error = errors.for('file');
  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">{ctx.t(`${T}upload_title`)}</h2>
      <PostForm ctx={ctx} action={`${contractPath(contract.id)}/signed-copy`} multipart class="upload-form">
        <div class={error ? 'field field--error' : 'field'}>
          <label for={id}>{ctx.t(`${T}upload_label`)}</label>
          <p class="hint" id={`${id}-hint`}>
            {ctx.t(`${T}upload_hint`)}
          </p>
          {error && (
            <p class="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
          <input
            type="file"
            id={id}
            name="file"
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
          />
        </div>
        <button type="submit" class="button">
          {ctx.t(`${T}upload`)}
        </button>
      </PostForm>
    </section>
  );
}

/** A draft's project dates, changed by the organizer before sending (the reports' due date follows). */
function DatesForm(props: {
  ctx: PageContext;
  contract: ContractView;
  errors: FormErrors;
  typed?: { startsOn: string; endsOn: string };
}) {
  const { ctx, contract, errors } = props;
  const dates = props.typed ?? { startsOn: contract.content.startsOn, endsOn: contract.content.endsOn };
  return (
    <PostForm ctx={ctx} action={`${contractPath(contract.id)}/dates`}>
      <fieldset>
        <legend>{ctx.t(`${T}dates_legend`)}</legend>
        <p class="hint">{ctx.t(`${T}dates_hint`)}</p>
        <input type="hidden" name="version" value={String(contract.version)} />
        <TextField
          name="startsOn"
          type="date"
          width="medium"
          label={ctx.t(`${T}starts_on`)}
          value={dates.startsOn}
          errors={errors}
          required
        />
        <TextField
          name="endsOn"
          type="date"
          width="medium"
          label={ctx.t(`${T}ends_on`)}
          value={dates.endsOn}
          errors={errors}
          required
        />
        <SubmitButton secondary>{ctx.t(`${T}save_dates`)}</SubmitButton>
      </fieldset>
    </PostForm>
  );
}

export function ContractPage(props: {
  ctx: PageContext;
  contract: ContractView;
  notice?: string | null;
  errors?: FormErrors;
  typedDates?: { startsOn: string; endsOn: string };
}) {
  const { ctx, contract } = props;
  const errors = props.errors ?? NO_ERRORS;
  const c = contract.content;
  const zone = c.competition.timeZone;
  const title = ctx.t(`${T}contract_title`, { number: contract.number });
  const history = contract.revisions.filter((r) => r.supersededAt);
  return (
    <Layout ctx={ctx} title={title} failed={errors.any}>
      <p class="caption">{c.competition.title[ctx.locale]}</p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <ErrorSummary ctx={ctx} errors={errors} labels={{ file: ctx.t(`${T}upload_label`) }} />
      <p>
        <StatusTag ctx={ctx} status={contract.status} />
        {contract.revision > 1 && <span class="muted"> {ctx.t(`${T}revision`, { revision: contract.revision })}</span>}
      </p>
      <p>{nextStep(ctx, contract)}</p>
      {contract.role === 'grantee' && contract.status === 'sent' && (
        <UploadForm ctx={ctx} contract={contract} errors={errors} />
      )}
      <h2>{ctx.t(`${T}documents_title`)}</h2>
      <DocumentLinks ctx={ctx} id={contract.id} signedCopy={!!contract.signedCopy} />
      <h2>{ctx.t(`${T}parties`)}</h2>
      <PartyLines ctx={ctx} content={c} />
      <dl class="summary-list">
        <dt>{ctx.t(`${T}project`)}</dt>
        <dd>{c.application.title}</dd>
        <dt>{ctx.t(`${T}application`)}</dt>
        <dd class="mono">{c.application.number}</dd>
        <Amounts ctx={ctx} content={c} />
        <dt>{ctx.t(`${T}period`)}</dt>
        <dd>
          {ctx.t(`${T}period_value`, {
            start: formatDate(c.startsOn, ctx.locale),
            end: formatDate(c.endsOn, ctx.locale),
          })}
        </dd>
        <dt>{ctx.t(`${T}report_due`)}</dt>
        <dd>{formatDate(c.reporting.dueOn, ctx.locale)}</dd>
      </dl>
      {(contract.status === 'active' || contract.status === 'completed') && (
        <p>
          <a href={`${contractPath(contract.id)}/reports`}>{ctx.t('pages.reports.contract_link')}</a>
        </p>
      )}
      {contract.role === 'organizer' && contract.status === 'draft' && (
        <DatesForm ctx={ctx} contract={contract} errors={errors} typed={props.typedDates} />
      )}
      <h2>{ctx.t(`${T}payments_title`)}</h2>
      <div class="table-scroll" role="region" aria-label={ctx.t(`${T}payments_title`)} tabindex={0}>
        <table class="stack-table">
          <caption class="visually-hidden">{ctx.t(`${T}payments_title`)}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t(`${T}col_tranche`)}</th>
              <th scope="col" class="num">
                {ctx.t(`${T}col_share`)}
              </th>
              <th scope="col" class="num">
                {ctx.t(`${T}col_amount`)}
              </th>
              <th scope="col">{ctx.t(`${T}col_condition`)}</th>
            </tr>
          </thead>
          <tbody>
            {c.payments.tranches.map((tr) => (
              <tr key={tr.index}>
                <th scope="row" class="nowrap">
                  {ctx.t(`${T}tranche_name`, { index: tr.index })}
                </th>
                <td class="num" data-label={ctx.t(`${T}col_share`)}>
                  {tr.percent === null ? ctx.t('pages.payments.fixed') : `${tr.percent}%`}
                </td>
                <td class="num nowrap" data-label={ctx.t(`${T}col_amount`)}>
                  {formatMoney(tr.amount)}
                </td>
                <td data-label={ctx.t(`${T}col_condition`)}>
                  {ctx.t(`pages.payments.condition.${trancheConditionKey(tr)}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.payments.isDefault && <p class="hint">{ctx.t(`${T}default_schedule`)}</p>}
      <p>
        <a href={`${contractPath(contract.id)}/payments`}>{ctx.t('pages.payments.open_link')}</a>
      </p>
      <h2>{ctx.t(`${T}budget_title`)}</h2>
      <div class="table-scroll" role="region" aria-label={ctx.t(`${T}budget_title`)} tabindex={0}>
        <table class="stack-table">
          <caption class="visually-hidden">{ctx.t(`${T}budget_title`)}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t(`${T}col_item`)}</th>
              <th scope="col" class="num">
                {ctx.t(`${T}col_quantity`)}
              </th>
              <th scope="col" class="num">
                {ctx.t(`${T}col_unit_cost`)}
              </th>
              <th scope="col" class="num">
                {ctx.t(`${T}col_amount`)}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.budget.map((line, i) => (
              <tr key={i}>
                <td>{line.item}</td>
                <td class="num" data-label={ctx.t(`${T}col_quantity`)}>
                  {line.quantity}
                </td>
                <td class="num nowrap" data-label={ctx.t(`${T}col_unit_cost`)}>
                  {formatMoney(line.unitCost)}
                </td>
                <td class="num nowrap" data-label={ctx.t(`${T}col_amount`)}>
                  {formatMoney(line.total)}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row" colSpan={3}>
                {ctx.t(`${T}budget_total`)}
              </th>
              <td class="num nowrap">
                <strong>{formatMoney(c.amounts.budget)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {history.length > 0 && (
        <>
          <h2>{ctx.t(`${T}history_title`)}</h2>
          <ul>
            {history.map((r) => (
              <li key={r.revision}>
                {ctx.t(`${T}history_item`, {
                  revision: r.revision,
                  sent: formatDateTime(r.sentAt, zone, ctx.locale),
                  replaced: formatDateTime(r.supersededAt!, zone, ctx.locale),
                  reason: r.reason ?? '',
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {contract.role === 'organizer' && (
        <p>
          <a href={listPath(contract.competitionId)}>{ctx.t(`${T}back_to_list`)}</a>
        </p>
      )}
    </Layout>
  );
}

export function NoContractPage({ ctx, applicationId }: { ctx: PageContext; applicationId: string }) {
  const title = ctx.t(`${T}none_yet_title`);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{ctx.t(`${T}none_yet`)}</p>
      <p>
        <a href={`/applications/${applicationId}`}>{ctx.t(`${T}back_to_application`)}</a>
      </p>
    </Layout>
  );
}
