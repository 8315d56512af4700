import { Checkbox, ErrorSummary, FormErrors, NO_ERRORS, PostForm, fieldId } from '../../core/forms';
import { Layout, Notice } from '../../core/layout';
import type { PageContext } from '../../core/page-context';
import { BalanceSection } from './draw-admin.view';
import {
  ArmLists,
  ceremonyPath,
  competitionTitle,
  DrawState,
  drawPath,
  FormState,
  groupedHash,
  publicDrawPath,
  when,
} from './draw-parts';

export interface CeremonyForm {
  publicEntropy: string;
  noEntropy: boolean;
}

export const EMPTY_CEREMONY: CeremonyForm = { publicEntropy: '', noEntropy: false };

/** The one input of the ceremony: the public entropy, in large type, with its format in words. */
function EntropyField({ ctx, form }: { ctx: PageContext; form: FormState<CeremonyForm> }) {
  const id = fieldId('publicEntropy');
  const error = form.errors.for('publicEntropy');
  return (
    <div class={`field ceremony__entropy${error ? ' field--error' : ''}`}>
      <label for={id}>{ctx.t('pages.drawadmin.entropy_label')}</label>
      <p class="hint" id={`${id}-hint`}>
        {ctx.t('pages.drawadmin.entropy_hint')}
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        type="text"
        id={id}
        name="publicEntropy"
        value={form.values.publicEntropy}
        maxLength={500}
        autocomplete="off"
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
    </div>
  );
}

function BeforeDraw(props: { ctx: PageContext; state: DrawState; form: FormState<CeremonyForm> }) {
  const { ctx, state } = props;
  const record = state.record!;
  const announced = record.announcedAt ? new Date(record.announcedAt) : null;
  const early = announced !== null && ctx.now.getTime() < announced.getTime();
  return (
    <>
      <section class="ceremony__commitment" aria-labelledby="ceremony-commitment-title">
        <h2 id="ceremony-commitment-title">{ctx.t('pages.draw.commitment')}</h2>
        <p class="mono ceremony__hash">{groupedHash(record.commitment)}</p>
        <p>{ctx.t('pages.drawadmin.ceremony_commitment_hint')}</p>
      </section>
      <p class="ceremony__time">
        {ctx.t('pages.drawadmin.ceremony_announced', {
          time: announced ? when(ctx, state, announced) : ctx.t('pages.draw.not_announced'),
        })}
      </p>
      {early && (
        <div class="notice notice--warning ceremony__early" role="status">
          {ctx.t('pages.drawadmin.ceremony_early', {
            time: when(ctx, state, announced),
            now: when(ctx, state, ctx.now),
          })}
        </div>
      )}
      <p>{ctx.t('pages.drawadmin.ceremony_pool', { n: record.pool.length })}</p>
      <PostForm ctx={ctx} action={ceremonyPath(state.competition.id)} class="ceremony__form">
        <EntropyField ctx={ctx} form={props.form} />
        <Checkbox
          name="noEntropy"
          label={ctx.t('pages.drawadmin.no_entropy')}
          checked={props.form.values.noEntropy}
          errors={props.form.errors}
        />
        <button type="submit" class="button ceremony__button" data-once>
          {ctx.t('pages.drawadmin.run_button')}
        </button>
      </PostForm>
    </>
  );
}

function AfterDraw({ ctx, state, reveal }: { ctx: PageContext; state: DrawState; reveal: boolean }) {
  const record = state.record!;
  return (
    <>
      <h2 class="ceremony__result-title">{ctx.t('pages.draw.result_title')}</h2>
      <p class="ceremony__facts">
        {ctx.t('pages.draw.entropy')}:{' '}
        {record.publicEntropy ? (
          <strong class="mono">{record.publicEntropy}</strong>
        ) : (
          <strong>{ctx.t('pages.draw.entropy_empty')}</strong>
        )}
      </p>
      {reveal && (
        <p data-reveal-controls hidden>
          <button type="button" class="button ceremony__button" id="ceremony-reveal">
            {ctx.t('pages.drawadmin.reveal_arm', { code: record.arms[0]?.code ?? '' })}
          </button>
          <button type="button" class="button button--secondary" id="ceremony-reveal-all">
            {ctx.t('pages.drawadmin.reveal_all')}
          </button>
        </p>
      )}
      <ArmLists ctx={ctx} state={state} large reveal={reveal} />
      <div data-reveal-after={reveal ? '' : undefined}>
        <BalanceSection ctx={ctx} state={state} />
        <dl class="summary-list ceremony__record">
          <dt>{ctx.t('pages.draw.commitment')}</dt>
          <dd>
            <code class="mono">{record.commitment}</code>
          </dd>
          <dt>{ctx.t('pages.draw.seed')}</dt>
          <dd>
            <code class="mono">{record.seed ?? ''}</code>
          </dd>
          <dt>{ctx.t('pages.draw.drawn_at')}</dt>
          <dd>{record.drawnAt ? when(ctx, state, record.drawnAt) : ''}</dd>
        </dl>
        <p>
          <a href={publicDrawPath(state.competition.id)}>{ctx.t('pages.drawadmin.public_link')}</a>
        </p>
      </div>
    </>
  );
}

/**
 * The page on the projector: the commitment, one input for the public entropy and a big
 * button; then every arm in large type (revealed one by one with script) and the balance table.
 */
export function CeremonyPage(props: {
  ctx: PageContext;
  state: DrawState;
  form?: FormState<CeremonyForm>;
  notice?: string;
  /** Right after the draw: the script reveals the arms one by one. */
  reveal?: boolean;
}) {
  const { ctx, state } = props;
  const form = props.form ?? { values: EMPTY_CEREMONY, errors: NO_ERRORS };
  const errors: FormErrors = form.errors;
  const title = ctx.t('pages.drawadmin.ceremony_title', { title: competitionTitle(ctx, state) });
  return (
    <Layout ctx={ctx} title={title} failed={errors.any} wide scripts={['draw-ceremony.js']}>
      <div class="ceremony">
        <p class="ceremony__back">
          <a href={drawPath(state.competition.id)}>{ctx.t('pages.drawadmin.back_to_draw')}</a>
        </p>
        <h1>{title}</h1>
        <Notice text={props.notice} />
        <ErrorSummary ctx={ctx} errors={errors} labels={{ publicEntropy: ctx.t('pages.drawadmin.entropy_label') }} />
        {!state.hasDraw ? (
          <p>{ctx.t('pages.drawadmin.no_draw')}</p>
        ) : !state.record ? (
          <>
            <p>{ctx.t('errors.NO_PREPARED_DRAW')}</p>
            <p>
              <a href={drawPath(state.competition.id)}>{ctx.t('pages.drawadmin.to_prepare')}</a>
            </p>
          </>
        ) : state.record.status === 'drawn' ? (
          <AfterDraw ctx={ctx} state={state} reveal={props.reveal === true} />
        ) : (
          <BeforeDraw ctx={ctx} state={state} form={form} />
        )}
      </div>
    </Layout>
  );
}
