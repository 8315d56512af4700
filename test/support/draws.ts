import { signUp } from './accounts';
import { openCompetition, readyDraft } from './competitions';
import type { TestApp } from './test-app';

const DAY = 24 * 3600 * 1000;

/**
 * A youth micro-projects competition whose teams (one per region code given) are submitted
 * and shortlisted, ready for a draw. Screening, scoring and selection have their own suites:
 * the commission's shortlist is set directly, as test/e2e/draw.e2e-spec.ts does.
 */
export async function shortlistedYouthCompetition(
  t: TestApp,
  organizerToken: string,
  regions: string[],
): Promise<{ id: string; rulebook: any; title: { kk: string; ru: string } }> {
  const competition = await openCompetition(t, organizerToken, 'youth-micro-projects', new Date(Date.now() + DAY));
  for (const [i, region] of regions.entries()) {
    const applicant = await signUp(t, `draw-team-${i}`, i % 2 ? 'ru' : 'kk');
    const id = await readyDraft(t, applicant.accessToken, competition, {
      territoryCode: region,
      applicantKind: 'initiative_group',
    });
    const submitted = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
    if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  }
  await t.db.query(`UPDATE applications SET status = 'shortlisted' WHERE competition_id = $1`, [competition.id]);
  await t.db.query(`UPDATE competitions SET status = 'results' WHERE id = $1`, [competition.id]);
  return competition;
}

/** POST …/draw/prepare as the organizer; the published record. */
export async function prepareDraw(t: TestApp, token: string, competitionId: string, announcedAt?: string) {
  const res = await t.call('POST', `/competitions/${competitionId}/draw/prepare`, {
    token,
    body: announcedAt ? { announcedAt } : {},
  });
  if (res.status !== 200) throw new Error(`prepare: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POST …/draw once with the public entropy; the published record with the seed and the arms. */
export async function runDraw(t: TestApp, token: string, competitionId: string, publicEntropy: string) {
  const res = await t.call('POST', `/competitions/${competitionId}/draw`, { token, body: { publicEntropy } });
  if (res.status !== 200) throw new Error(`draw: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
