import { signUp, TestAccount, tokenFromOutbox, uniquePersonBody } from './accounts';
import { memberOfAge, openCompetition, readyDraft } from './competitions';
import type { TestApp } from './test-app';

const DAY = 24 * 3600 * 1000;

export interface DrawnTeam {
  id: string;
  number: string;
  arm: 'A' | 'B' | 'C';
  applicant: TestAccount;
  members: ReturnType<typeof memberOfAge>[];
}

/**
 * A youth micro-projects competition whose teams were drawn into the arms given: A and B
 * are `winner` (a grant), C stays `allocated`, as the draw leaves them (test/e2e/draw.e2e-spec
 * covers the draw itself). Teams are submitted through the API with `size` members each.
 */
export async function drawnYouthCompetition(
  t: TestApp,
  organizerToken: string,
  teams: { arm: 'A' | 'B' | 'C'; size?: number }[],
  title: { kk: string; ru: string },
): Promise<{ id: string; rulebook: any; teams: DrawnTeam[] }> {
  const competition = await openCompetition(t, organizerToken, 'youth-micro-projects', new Date(Date.now() + DAY));
  await t.db.query(`UPDATE competitions SET title_kk = $2, title_ru = $3 WHERE id = $1`, [
    competition.id,
    title.kk,
    title.ru,
  ]);
  const biggest = Math.max(...teams.map((x) => x.size ?? 3));
  if (biggest > competition.rulebook.team.maxSize) {
    // A competition whose rulebook takes bigger teams (an organizer may set it so).
    await t.db.query(
      `UPDATE competitions SET rulebook = jsonb_set(rulebook, '{team,maxSize}', $2::jsonb) WHERE id = $1`,
      [competition.id, JSON.stringify(biggest)],
    );
    competition.rulebook.team.maxSize = biggest;
  }
  const drawn: DrawnTeam[] = [];
  for (const [i, team] of teams.entries()) {
    const applicant = await signUp(t, `mentored-team-${i}`, i % 2 ? 'ru' : 'kk');
    const members = Array.from({ length: team.size ?? 3 }, () => memberOfAge(22 + (i % 5)));
    const id = await readyDraft(t, applicant.accessToken, competition, { applicantKind: 'initiative_group', members });
    const submitted = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
    if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    await t.db.query(`UPDATE applications SET arm = $2, status = $3 WHERE id = $1`, [
      id,
      team.arm,
      team.arm === 'C' ? 'allocated' : 'winner',
    ]);
    drawn.push({ id, number: submitted.body.number, arm: team.arm, applicant, members });
  }
  await t.db.query(`UPDATE competitions SET status = 'results' WHERE id = $1`, [competition.id]);
  return { ...competition, teams: drawn };
}

/** Invites the account (a new one unless given) as a mentor of the competition; it accepts from the e-mail. */
export async function invitedMentor(
  t: TestApp,
  organizerToken: string,
  competitionId: string,
  options: { account?: TestAccount; locale?: 'kk' | 'ru'; lastName?: string } = {},
): Promise<TestAccount> {
  const account = options.account ?? (await signUp(t, 'mentor', options.locale ?? 'kk'));
  if (options.lastName) {
    const person = await t.call('PUT', '/me/person', {
      token: account.accessToken,
      body: uniquePersonBody({ lastName: options.lastName, firstName: 'Тәлімгер' }, '1988-03-12'),
    });
    if (person.status !== 200) throw new Error(`person: ${person.status} ${JSON.stringify(person.body)}`);
  }
  const invited = await t.call('POST', `/competitions/${competitionId}/members`, {
    token: organizerToken,
    body: { email: account.email, role: 'mentor' },
  });
  if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
  const accepted = await t.call('POST', '/invitations/accept', {
    body: { token: await tokenFromOutbox(t, account.email, 'competition-invitation') },
  });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return account;
}

/**
 * A winner of a mentor selection run by the same organizer: the selection's application is
 * started through the API and its outcome set as the commission left it (scoring and
 * selection have their own suites).
 */
export async function selectedMentor(t: TestApp, organizerToken: string, locale: 'kk' | 'ru' = 'ru') {
  const selection = await openCompetition(t, organizerToken, 'mentor-selection', new Date(Date.now() + DAY));
  const account = await signUp(t, 'selected-mentor', locale);
  const person = await t.call('PUT', '/me/person', {
    token: account.accessToken,
    body: uniquePersonBody({ lastName: 'Іріктелген', firstName: 'Тәлімгер' }, '1985-06-20'),
  });
  if (person.status !== 200) throw new Error(`person: ${person.status} ${JSON.stringify(person.body)}`);
  const draft = await t.call('POST', `/competitions/${selection.id}/applications`, {
    token: account.accessToken,
    body: { applicantKind: 'individual' },
  });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
  await t.db.query(`UPDATE applications SET status = 'winner' WHERE id = $1`, [draft.body.id]);
  return account;
}

/** Noon in Almaty (UTC+5) on the last day of this month: the reminders' week. */
export function lastDayOfThisMonthAtNoon(now = new Date()): Date {
  const local = new Date(now.getTime() + 5 * 3600 * 1000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0, 12 - 5));
}

/** Today's calendar date in Almaty (UTC+5), and a few days ahead. */
export function almatyDate(offsetDays = 0, now = new Date()): string {
  return new Date(now.getTime() + 5 * 3600 * 1000 + offsetDays * DAY).toISOString().slice(0, 10);
}
