import type { AwardsOverview, AwardWinner, PublicWinner } from '../../modules/awards/awards.service';
import { formatDate, formatMoney } from '../core/format';
import {
  ErrorSummary,
  fieldId,
  FormErrors,
  NO_ERRORS,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../core/forms';
import { Layout, Notice } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { CompetitionNav, titleIn } from '../organizer/organizer-views';

const T = 'pages.awards.';

/** What an organizer typed into one winner's award form, shown again when it was refused. */
export interface TypedAward {
  row: number;
  place: string;
  nomination: string;
  prizeKk: string;
  prizeRu: string;
  amount: string;
}

/** The form fields of winner `row` (1-based): names unique on the page, so every id and error link is too. */
export const awardField = (row: number, name: string) => `w${row}.${name}`;
export const handoverField = (row: number, name: string) => `h${row}.${name}`;

function placementText(ctx: PageContext, overview: AwardsOverview, winner: AwardWinner): string {
  const code = winner.award ? winner.award.nomination : winner.nomination;
  const nomination = code ? overview.nominations.find((n) => n.code === code) : undefined;
  const label = nomination ? titleIn(ctx, nomination.label) : code;
  const place = winner.award?.place ?? null;
  if (label && place) return ctx.t(`${T}nomination_place`, { nomination: label, place });
  if (label) return label;
  if (place) return ctx.t(`${T}place_n`, { place });
  return ctx.t(`${T}no_placement`);
}

function Downloads({ ctx, competitionId }: { ctx: PageContext; competitionId: string }) {
  const base = `/organizer/competitions/${competitionId}`;
  const link = (file: string, lang: 'kk' | 'ru', text: string) => (
    <a href={`${base}/${file}.docx?lang=${lang}`} download hreflang={lang}>
      {text}
    </a>
  );
  return (
    <section class="card" aria-labelledby="awards-documents">
      <h2 id="awards-documents">{ctx.t(`${T}documents_title`)}</h2>
      <p>{ctx.t(`${T}documents_hint`)}</p>
      <ul>
        <li>
          {ctx.t(`${T}winners_list`)}: {link('winners-list', 'kk', ctx.t(`${T}docx_kk`))},{' '}
          {link('winners-list', 'ru', ctx.t(`${T}docx_ru`))}
        </li>
        <li>
          {ctx.t(`${T}transfer_act`)}: {link('transfer-act', 'kk', ctx.t(`${T}docx_kk`))},{' '}
          {link('transfer-act', 'ru', ctx.t(`${T}docx_ru`))}
        </li>
      </ul>
      <p>
        <a href={`/competitions/${competitionId}/winners`}>{ctx.t(`${T}public_link`)}</a>
      </p>
    </section>
  );
}

function AwardForm({
  ctx,
  overview,
  winner,
  row,
  typed,
  errors,
}: {
  ctx: PageContext;
  overview: AwardsOverview;
  winner: AwardWinner;
  row: number;
  typed?: TypedAward;
  errors: FormErrors;
}) {
  const award = winner.award;
  const value = (name: keyof Omit<TypedAward, 'row'>, saved: string) => (typed ? typed[name] : saved);
  const nominationOptions = overview.nominations.map((n) => ({ value: n.code, label: titleIn(ctx, n.label) }));
  return (
    <PostForm ctx={ctx} action={`/organizer/competitions/${overview.competition.id}/awards`} class="award-form">
      <input type="hidden" name="row" value={String(row)} />
      <input type="hidden" name="applicationId" value={winner.applicationId} />
      {award && <input type="hidden" name="version" value={String(award.version)} />}
      <div class="award-form__pair">
        {overview.placement === 'nomination' && (
          <SelectField
            name={awardField(row, 'nomination')}
            label={ctx.t(`${T}nomination`)}
            value={value('nomination', award?.nomination ?? winner.nomination ?? '')}
            options={nominationOptions}
            errors={errors}
            required
          />
        )}
        <TextField
          name={awardField(row, 'place')}
          label={ctx.t(overview.placement === 'place' ? `${T}place` : `${T}place_optional`)}
          hint={ctx.t(`${T}place_hint`, { max: overview.winners.length })}
          value={value(
            'place',
            award
              ? award.place === null
                ? ''
                : String(award.place)
              : overview.placement === 'place'
                ? String(winner.suggestedPlace)
                : '',
          )}
          inputMode="numeric"
          width="short"
          errors={errors}
          required={overview.placement === 'place'}
        />
      </div>
      <div class="award-form__pair">
        <TextField
          name={awardField(row, 'prizeKk')}
          label={ctx.t(`${T}prize_kk`)}
          value={value('prizeKk', award?.prize.kk ?? '')}
          maxLength={300}
          errors={errors}
          required
        />
        <TextField
          name={awardField(row, 'prizeRu')}
          label={ctx.t(`${T}prize_ru`)}
          value={value('prizeRu', award?.prize.ru ?? '')}
          maxLength={300}
          errors={errors}
          required
        />
      </div>
      <TextField
        name={awardField(row, 'amount')}
        label={ctx.t(`${T}amount`)}
        hint={ctx.t(`${T}amount_hint`)}
        value={value('amount', award?.amount === null || award?.amount === undefined ? '' : String(award.amount))}
        inputMode="numeric"
        width="medium"
        errors={errors}
      />
      <SubmitButton>{ctx.t(award ? `${T}save_changes` : `${T}save`)}</SubmitButton>
    </PostForm>
  );
}

function HandoverForm({
  ctx,
  winner,
  row,
  today,
  errors,
}: {
  ctx: PageContext;
  winner: AwardWinner;
  row: number;
  today: string;
  errors: FormErrors;
}) {
  const dateName = handoverField(row, 'handedOverOn');
  const fileName = handoverField(row, 'file');
  const dateId = fieldId(dateName);
  const fileId = fieldId(fileName);
  const dateError = errors.for(dateName);
  const fileError = errors.for(fileName);
  return (
    <PostForm ctx={ctx} action={`/organizer/awards/${winner.award!.id}/handover`} multipart class="upload-form">
      <h4>{ctx.t(`${T}handover_title`)}</h4>
      <p class="hint">{ctx.t(`${T}handover_hint`)}</p>
      {/* The date goes first: the service reads it before the file's bytes. */}
      <div class={`field${dateError ? ' field--error' : ''}`}>
        <label for={dateId}>{ctx.t(`${T}handed_over_on`)}</label>
        {dateError && (
          <p class="field-error" id={`${dateId}-error`}>
            {dateError}
          </p>
        )}
        <input
          type="date"
          id={dateId}
          name="handedOverOn"
          value={today}
          max={today}
          required
          aria-invalid={dateError ? 'true' : undefined}
          aria-describedby={dateError ? `${dateId}-error` : undefined}
        />
      </div>
      <div class={`field${fileError ? ' field--error' : ''}`}>
        <label for={fileId}>{ctx.t(`${T}scan`)}</label>
        <p class="hint" id={`${fileId}-hint`}>
          {ctx.t(`${T}scan_hint`)}
        </p>
        {fileError && (
          <p class="field-error" id={`${fileId}-error`}>
            {fileError}
          </p>
        )}
        <input
          type="file"
          id={fileId}
          name="file"
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          required
          aria-invalid={fileError ? 'true' : undefined}
          aria-describedby={[`${fileId}-hint`, fileError ? `${fileId}-error` : null].filter(Boolean).join(' ')}
        />
      </div>
      <SubmitButton>{ctx.t(`${T}handover_button`)}</SubmitButton>
    </PostForm>
  );
}

function WinnerCard({
  ctx,
  overview,
  winner,
  row,
  typed,
  errors,
  today,
}: {
  ctx: PageContext;
  overview: AwardsOverview;
  winner: AwardWinner;
  row: number;
  typed?: TypedAward;
  errors: FormErrors;
  today: string;
}) {
  const award = winner.award;
  const headingId = `winner-${row}-title`;
  return (
    <section class="card award-card" id={`winner-${row}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {row}. {winner.name || ctx.t(`${T}no_name`)}
      </h3>
      <dl class="facts">
        <dt>{ctx.t(`${T}application`)}</dt>
        <dd>
          <span class="mono">{winner.number}</span>
          {winner.title ? ` — ${winner.title}` : ''}
        </dd>
        <dt>{ctx.t(`${T}placement`)}</dt>
        <dd>{placementText(ctx, overview, winner)}</dd>
        <dt>{ctx.t(`${T}prize`)}</dt>
        <dd>
          {award
            ? `${titleIn(ctx, award.prize)}${award.amount !== null ? ` (${formatMoney(award.amount)})` : ''}`
            : ctx.t(`${T}no_prize`)}
        </dd>
        <dt>{ctx.t(`${T}state`)}</dt>
        <dd>
          {!award ? (
            <strong class="tag tag--grey">{ctx.t(`${T}state_none`)}</strong>
          ) : award.status === 'handed_over' ? (
            <strong class="tag tag--green">
              {ctx.t(`${T}state_handed_over`, { date: formatDate(award.handedOverOn!, ctx.locale) })}
            </strong>
          ) : (
            <strong class="tag tag--yellow">{ctx.t(`${T}state_recorded`)}</strong>
          )}
        </dd>
      </dl>
      {award?.status === 'handed_over' ? (
        <p>
          <a href={`/organizer/awards/${award.id}/scan`}>
            {ctx.t(`${T}scan_link`)}
            <span class="visually-hidden"> {winner.number}</span>
          </a>
        </p>
      ) : (
        <>
          <AwardForm ctx={ctx} overview={overview} winner={winner} row={row} typed={typed} errors={errors} />
          {award && <HandoverForm ctx={ctx} winner={winner} row={row} today={today} errors={errors} />}
        </>
      )}
    </section>
  );
}

export function OrganizerAwardsPage({
  ctx,
  overview,
  today,
  errors = NO_ERRORS,
  typed,
  notice,
}: {
  ctx: PageContext;
  overview: AwardsOverview;
  /** YYYY-MM-DD in the competition's zone: the handover's default and latest date. */
  today: string;
  errors?: FormErrors;
  typed?: TypedAward;
  notice?: string | null;
}) {
  const title = ctx.t(`${T}title`);
  const labels: Record<string, string> = {};
  overview.winners.forEach((w, i) => {
    const row = i + 1;
    const who = `${row}. ${w.number}`;
    for (const [name, key] of [
      ['place', 'place'],
      ['nomination', 'nomination'],
      ['prizeKk', 'prize_kk'],
      ['prizeRu', 'prize_ru'],
      ['amount', 'amount'],
    ])
      labels[awardField(row, name)] = `${who}, ${ctx.t(`${T}${key}`)}`;
    labels[handoverField(row, 'handedOverOn')] = `${who}, ${ctx.t(`${T}handed_over_on`)}`;
    labels[handoverField(row, 'file')] = `${who}, ${ctx.t(`${T}scan`)}`;
  });
  return (
    <Layout ctx={ctx} title={title} failed={errors.any} wide>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <CompetitionNav ctx={ctx} competitionId={overview.competition.id} />
      <p class="muted">{titleIn(ctx, overview.competition.title)}</p>
      <h1>{title}</h1>
      <Notice text={notice} />
      {!overview.resultsPublished ? (
        <p>{ctx.t(`${T}not_published`)}</p>
      ) : (
        <>
          <p>{ctx.t(overview.placement === 'place' ? `${T}intro_places` : `${T}intro_nominations`)}</p>
          <Downloads ctx={ctx} competitionId={overview.competition.id} />
          <h2>{ctx.t(`${T}winners_title`, { count: overview.winners.length })}</h2>
          {overview.winners.length === 0 ? (
            <p>{ctx.t(`${T}no_winners`)}</p>
          ) : (
            <div class="award-cards">
              {overview.winners.map((w, i) => (
                <WinnerCard
                  key={w.applicationId}
                  ctx={ctx}
                  overview={overview}
                  winner={w}
                  row={i + 1}
                  typed={typed?.row === i + 1 ? typed : undefined}
                  errors={errors}
                  today={today}
                />
              ))}
            </div>
          )}
        </>
      )}
    </Layout>
  );
}

/** The awards page of a competition that gives none (a grant, a draw): why, and the way back. */
export function NoAwardsPage({
  ctx,
  competitionId,
  message,
}: {
  ctx: PageContext;
  competitionId: string;
  message: string;
}) {
  const title = ctx.t(`${T}title`);
  return (
    <Layout ctx={ctx} title={title}>
      <CompetitionNav ctx={ctx} competitionId={competitionId} />
      <h1>{title}</h1>
      <p>{message}</p>
    </Layout>
  );
}

/** The public winners list: name, nomination or place, prize. No phone, no IIN. */
export function PublicWinnersPage({
  ctx,
  competition,
  winners,
}: {
  ctx: PageContext;
  competition: { id: string; title: { kk: string; ru: string } };
  winners: PublicWinner[];
}) {
  const title = ctx.t(`${T}public_title`);
  const docx = (lang: 'kk' | 'ru') => `/api/v1/competitions/${competition.id}/winners-list.docx?lang=${lang}`;
  return (
    <Layout ctx={ctx} title={`${title}: ${titleIn(ctx, competition.title)}`}>
      <p>
        <a href={`/competitions/${competition.id}`}>{ctx.t(`${T}back_to_competition`)}</a>
      </p>
      <h1>{title}</h1>
      <p class="muted">{titleIn(ctx, competition.title)}</p>
      {winners.length === 0 ? (
        <p>{ctx.t(`${T}no_winners`)}</p>
      ) : (
        <div class="table-scroll" role="region" aria-label={title} tabindex={0}>
          <table class="stack-table winners-table">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">{ctx.t(`${T}col_name`)}</th>
                <th scope="col">{ctx.t(`${T}placement`)}</th>
                <th scope="col">{ctx.t(`${T}prize`)}</th>
              </tr>
            </thead>
            <tbody>
              {winners.map((w, i) => (
                <tr key={i}>
                  <td class="winners-table__n">{i + 1}</td>
                  <th scope="row">{w.name || ctx.t(`${T}no_name`)}</th>
                  <td data-label={ctx.t(`${T}placement`)}>{titleIn(ctx, w.placement) || ctx.t(`${T}no_placement`)}</td>
                  <td data-label={ctx.t(`${T}prize`)}>
                    {w.prize ? titleIn(ctx, w.prize) : ctx.t(`${T}no_prize_public`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {ctx.t(`${T}public_download`)}{' '}
        <a href={docx('kk')} download hreflang="kk">
          {ctx.t(`${T}docx_kk`)}
        </a>
        ,{' '}
        <a href={docx('ru')} download hreflang="ru">
          {ctx.t(`${T}docx_ru`)}
        </a>
      </p>
    </Layout>
  );
}
