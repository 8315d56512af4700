import type { ApplicationView } from '../../modules/applications/applications.service';
import type { Rulebook } from '../../modules/competitions/domain/rulebook.types';
import { ApplicationReadOnly } from '../applicant/application-read-only';
import { Layout } from '../core/layout';
import type { PageContext } from '../core/page-context';
import { CompetitionNav, titleIn } from './organizer-views';

/** An application in full for its competition's organizer: the project, team, budget and documents. */
export function OrganizerApplicationPage({
  ctx,
  competition,
  application,
  rulebook,
  territoryName,
}: {
  ctx: PageContext;
  competition: { id: string; title: { kk: string; ru: string } };
  application: ApplicationView;
  rulebook: Rulebook;
  territoryName: string | null;
}) {
  const title = ctx.t('pages.organizer.application_title', { number: application.number ?? '—' });
  const base = `/organizer/competitions/${competition.id}/applications/${application.id}`;
  return (
    <Layout ctx={ctx} title={title} wide>
      <CompetitionNav ctx={ctx} competitionId={competition.id} />
      <p class="muted">{titleIn(ctx, competition.title)}</p>
      <h1>{title}</h1>
      <p>
        {ctx.t('pages.organizer.col_status')}:{' '}
        <strong class="tag tag--grey">{ctx.t(`status.${application.status}`)}</strong>
      </p>
      <p>
        <a href={`${base}/screening`}>{ctx.t('pages.organizer.open_screening')}</a>
      </p>
      <ApplicationReadOnly ctx={ctx} application={application} rulebook={rulebook} territoryName={territoryName} />
    </Layout>
  );
}
