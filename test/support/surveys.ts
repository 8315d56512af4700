import { grantCompetition, GrantCompetition } from './contracts';
import type { TestApp } from './test-app';

export interface SurveyCompetition extends GrantCompetition {
  /** One contract per winner, in force (active), in the winners' order. */
  contracts: { id: string; number: string }[];
}

/**
 * A grant competition whose winners' contracts are in force: generated through the API by
 * the organizer, then set active in the database, as test/support/contracts.ts sets the
 * winners (sending, the signed copy and the countersignature have their own suite).
 */
export async function surveyCompetition(
  t: TestApp,
  options: { templateCode?: string; tag: string; winners: number },
): Promise<SurveyCompetition> {
  const competition = await grantCompetition(t, {
    templateCode: options.templateCode ?? 'mini-grants-district',
    tag: options.tag,
    winners: options.winners,
  });
  const generated = await t.call('POST', `/competitions/${competition.id}/contracts`, {
    token: competition.organizer.accessToken,
    body: {},
  });
  if (generated.status !== 200) throw new Error(`contracts: ${generated.status} ${JSON.stringify(generated.body)}`);
  const contracts = (generated.body.items as { id: string; number: string; applicationId: string }[]).sort(
    (a, b) =>
      competition.winners.findIndex((w) => w.id === a.applicationId) -
      competition.winners.findIndex((w) => w.id === b.applicationId),
  );
  await t.db.query(`UPDATE contracts SET status = 'active' WHERE competition_id = $1`, [competition.id]);
  return { ...competition, contracts: contracts.map((c) => ({ id: c.id, number: c.number })) };
}

/** The default survey's answers: `overall` decides satisfaction (4 or 5). */
export function answersWith(overall: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { overall, usefulness: 4, organization: 3, ...extra };
}
