import type { DrawAssignment } from '../../../../libs/lottery';
import type { CompetitionView } from '../../../modules/competitions/competitions.service';
import { formatDateTime } from '../../core/format';
import type { FormErrors } from '../../core/forms';
import type { PageContext } from '../../core/page-context';
import type { DrawBalance, PublishedDraw } from '../../public/draw-page.view';

/** A shortlisted team as the organizer sees it: its public number, its project's title and its stratum. */
export interface DrawTeam {
  number: string;
  title: string;
  /** The stratum key the service freezes (the region code of the project's territory). */
  stratum: string;
}

/** Everything the organizer's draw pages show about one competition's draw, read through the services. */
export interface DrawState {
  competition: CompetitionView;
  /** The competition's rules provide for a draw (the youth micro-projects competition does, others not). */
  hasDraw: boolean;
  /** The published record; null while no draw is prepared (never prepared, or the last one cancelled). */
  record: PublishedDraw | null;
  /** After the draw only. */
  balance: DrawBalance | null;
  /** Before preparation: the shortlist that would be frozen now. */
  pool: DrawTeam[];
  /** Project titles by application number. */
  titles: Record<string, string>;
  /** Region names (kk or ru) by stratum key. */
  stratumNames: Record<string, string>;
  /** What each arm gives, in the page's language. */
  armMeaning: Record<string, string>;
}

/** A typed form kept when it is refused, with the problems to show. */
export interface FormState<T> {
  values: T;
  errors: FormErrors;
}

export const drawPath = (competitionId: string) => `/organizer/competitions/${competitionId}/draw`;
export const ceremonyPath = (competitionId: string) => `/organizer/competitions/${competitionId}/draw/ceremony`;
export const hubPath = (competitionId: string) => `/organizer/competitions/${competitionId}`;
export const publicDrawPath = (competitionId: string) => `/draws/${competitionId}`;

export function competitionTitle(ctx: PageContext, state: DrawState): string {
  return ctx.locale === 'ru' ? state.competition.title.ru : state.competition.title.kk;
}

export function when(ctx: PageContext, state: DrawState, instant: string | Date): string {
  return formatDateTime(instant, state.competition.timeZone, ctx.locale);
}

export function stratumNameOf(state: DrawState): (key: string) => string {
  return (key) => (state.stratumNames[key] ? `${state.stratumNames[key]} (${key})` : key);
}

function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A hash in groups of eight characters: read aloud and compared from the back of a room. */
export function groupedHash(hash: string): string {
  return (hash.match(/.{1,8}/g) ?? []).join(' ');
}

/** The teams each arm received, in number order. */
export function armsOf(record: PublishedDraw): { code: string; members: DrawAssignment[] }[] {
  const assignments = record.assignments ?? [];
  return record.arms.map((arm) => ({
    code: arm.code,
    members: assignments
      .filter((a) => a.arm === arm.code)
      .sort((a, b) => compareAscii(a.applicationNumber, b.applicationNumber)),
  }));
}

/**
 * Every arm with its teams (number, title, region). On the ceremony page the lists are large
 * and, with script, revealed one by one (`reveal`); without script they are all shown.
 */
export function ArmLists(props: { ctx: PageContext; state: DrawState; large?: boolean; reveal?: boolean }) {
  const { ctx, state } = props;
  const record = state.record!;
  const stratumName = stratumNameOf(state);
  return (
    <div class={props.large ? 'drawadmin-arms drawadmin-arms--large' : 'drawadmin-arms'}>
      {armsOf(record).map(({ code, members }) => {
        const headingId = `drawadmin-arm-${code.replace(/[^\w-]/g, '_')}`;
        return (
          <section
            key={code}
            class="drawadmin-arm"
            aria-labelledby={headingId}
            data-arm={code}
            data-reveal-arm={props.reveal ? code : undefined}
            data-reveal-label={props.reveal ? ctx.t('pages.drawadmin.reveal_arm', { code }) : undefined}
          >
            <h3 id={headingId}>{ctx.t('pages.drawadmin.arm_count', { code, n: members.length })}</h3>
            {state.armMeaning[code] && <p class="drawadmin-arm__meaning">{state.armMeaning[code]}</p>}
            <ol class="drawadmin-teams">
              {members.map((a) => (
                <li key={a.applicationNumber}>
                  <span class="mono drawadmin-teams__number">{a.applicationNumber}</span>{' '}
                  <span class="drawadmin-teams__title">{state.titles[a.applicationNumber] ?? ''}</span>{' '}
                  <span class="drawadmin-teams__region">{stratumName(a.stratum)}</span>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
