import type { ComponentChildren } from 'preact';
import { ErrorSummary, FormErrors, NO_ERRORS, PostForm, SelectField, SubmitButton, TextArea } from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';

const T = 'pages.members.conflicts_';

/** One application as the commission sees it before assignment, with my conflict on it if any. */
export interface ConflictItem {
  applicationId: string;
  number: string;
  title: string | null;
  applicant: string | null;
  myConflict: { source: string; status: string | null; reason: string | null } | null;
}

/** The reason field of a suggestion's form: one per suggestion, so each has its own id and label. */
export function suggestionReasonField(applicationId: string): string {
  return `reason_${applicationId}`;
}

/** What was typed in a failed form, to show it again. */
export interface TypedConflictForms {
  declare: { applicationId: string; reason: string };
  /** The reasons typed into the suggestions' forms, by application. */
  suggestions: Record<string, string>;
}

export const NOTHING_TYPED: TypedConflictForms = { declare: { applicationId: '', reason: '' }, suggestions: {} };

function applicationLabel(ctx: PageContext, item: ConflictItem): string {
  return `${item.number} — ${item.title ?? ctx.t('pages.commission.untitled')}`;
}

/** A conflict I live with, in words: declared by me, a suggestion I confirmed, or one I dismissed. */
function stateOf(ctx: PageContext, conflict: NonNullable<ConflictItem['myConflict']>): string {
  if (conflict.status === 'dismissed') return ctx.t(`${T}state_dismissed`);
  if (conflict.source === 'declared') return ctx.t(`${T}state_declared`);
  return ctx.t(`${T}state_confirmed`);
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function SuggestionCard({
  ctx,
  competitionId,
  item,
  typed,
  errors,
}: {
  ctx: PageContext;
  competitionId: string;
  item: ConflictItem;
  typed: string;
  errors: FormErrors;
}) {
  const name = suggestionReasonField(item.applicationId);
  const headingId = `suggestion-${item.applicationId}`;
  return (
    <li class="card">
      <h3 id={headingId}>{applicationLabel(ctx, item)}</h3>
      {item.applicant && <p class="muted">{item.applicant}</p>}
      <p>{ctx.t(`${T}suggested_because.${item.myConflict?.reason ?? 'other'}`)}</p>
      <PostForm ctx={ctx} action={`/commission/${competitionId}/conflicts/resolve`}>
        <input type="hidden" name="applicationId" value={item.applicationId} />
        <TextArea
          name={name}
          label={ctx.t(`${T}resolve_reason`, { number: item.number })}
          hint={ctx.t(`${T}resolve_reason_hint`)}
          value={typed}
          rows={3}
          maxLength={1000}
          errors={errors}
        />
        <div class="button-row">
          <SubmitButton name="decision" value="confirm">
            {ctx.t(`${T}confirm_button`)}
          </SubmitButton>
          <SubmitButton name="decision" value="dismiss" secondary>
            {ctx.t(`${T}dismiss_button`)}
          </SubmitButton>
        </div>
      </PostForm>
    </li>
  );
}

/** A commission member's conflicts of interest in one competition: suggested, mine, and a form to declare one. */
export function ConflictsPage({
  ctx,
  competition,
  items,
  typed = NOTHING_TYPED,
  errors = NO_ERRORS,
  notice,
}: {
  ctx: PageContext;
  competition: { id: string; title: string };
  items: ConflictItem[];
  typed?: TypedConflictForms;
  errors?: FormErrors;
  notice?: string;
}) {
  const title = ctx.t(`${T}title`);
  const suggested = items.filter((i) => i.myConflict?.source === 'suggested' && i.myConflict.status === 'pending');
  const mine = items.filter(
    (i) => i.myConflict && !(i.myConflict.source === 'suggested' && i.myConflict.status === 'pending'),
  );
  const free = items.filter((i) => !i.myConflict || i.myConflict.status === 'dismissed');
  const labels: Record<string, string> = {
    applicationId: ctx.t(`${T}declare_application`),
    reason: ctx.t(`${T}declare_reason`),
  };
  for (const s of suggested) {
    labels[suggestionReasonField(s.applicationId)] = ctx.t(`${T}resolve_reason`, { number: s.number });
  }
  return (
    <Layout ctx={ctx} title={title} failed={errors.any}>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <Notice text={notice} />
      <p>
        <a href={`/commission/${competition.id}`}>{ctx.t('pages.commission.back_to_queue')}</a>
      </p>
      <h1>{title}</h1>
      <p class="muted">{competition.title}</p>
      <p>{ctx.t(`${T}intro`)}</p>
      {items.length === 0 ? (
        <p>{ctx.t(`${T}no_applications`)}</p>
      ) : (
        <>
          <Section id="suggested-title" title={ctx.t(`${T}suggested_title`)}>
            {suggested.length === 0 ? (
              <p class="muted">{ctx.t(`${T}suggested_none`)}</p>
            ) : (
              <ul class="cards">
                {suggested.map((item) => (
                  <SuggestionCard
                    key={item.applicationId}
                    ctx={ctx}
                    competitionId={competition.id}
                    item={item}
                    typed={typed.suggestions[item.applicationId] ?? ''}
                    errors={errors}
                  />
                ))}
              </ul>
            )}
          </Section>
          <Section id="mine-title" title={ctx.t(`${T}mine_title`)}>
            {mine.length === 0 ? (
              <p class="muted">{ctx.t(`${T}mine_none`)}</p>
            ) : (
              <div class="table-scroll" role="region" aria-labelledby="mine-title" tabindex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{ctx.t('pages.commission.col_number')}</th>
                      <th scope="col">{ctx.t('pages.commission.col_title')}</th>
                      <th scope="col">{ctx.t(`${T}col_state`)}</th>
                      <th scope="col">{ctx.t(`${T}col_reason`)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mine.map((i) => (
                      <tr key={i.applicationId}>
                        <td class="mono nowrap">{i.number}</td>
                        <td>{i.title ?? ctx.t('pages.commission.untitled')}</td>
                        <td>
                          <strong class={`tag ${i.myConflict!.status === 'dismissed' ? 'tag--grey' : 'tag--red'}`}>
                            {stateOf(ctx, i.myConflict!)}
                          </strong>
                        </td>
                        <td class="message-text">{i.myConflict!.reason ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
          <section aria-labelledby="declare-title" class="panel">
            <h2 id="declare-title">{ctx.t(`${T}declare_title`)}</h2>
            <p>{ctx.t(`${T}declare_intro`)}</p>
            {free.length === 0 ? (
              <p class="muted">{ctx.t(`${T}declare_nothing_left`)}</p>
            ) : (
              <PostForm ctx={ctx} action={`/commission/${competition.id}/conflicts/declare`}>
                <SelectField
                  name="applicationId"
                  label={labels.applicationId}
                  value={typed.declare.applicationId}
                  placeholder={ctx.t(`${T}declare_choose`)}
                  options={free.map((i) => ({ value: i.applicationId, label: applicationLabel(ctx, i) }))}
                  errors={errors}
                />
                <TextArea
                  name="reason"
                  label={labels.reason}
                  hint={ctx.t(`${T}declare_reason_hint`)}
                  value={typed.declare.reason}
                  rows={3}
                  maxLength={1000}
                  errors={errors}
                />
                <SubmitButton>{ctx.t(`${T}declare_button`)}</SubmitButton>
              </PostForm>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}
