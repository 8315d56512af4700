import type { TestAccount } from './accounts';
import { grantCompetition, GrantCompetition, multipartFile } from './contracts';
import { minimalPdf } from './files';
import type { TestApp } from './test-app';

function expectStatus(what: string, res: { status: number; body: unknown }) {
  if (res.status !== 200 && res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface ContractInForce {
  id: string;
  number: string;
  amount: number;
  applicationId: string;
  grantee: TestAccount;
}

/**
 * A grant competition whose winners' contracts are in force: generated (with the payment
 * rule given, else the template's), sent, signed by the grantee (a PDF), countersigned.
 */
export async function contractsInForce(
  t: TestApp,
  options: {
    tag: string;
    winners: number;
    templateCode?: string;
    locales?: ('kk' | 'ru')[];
    payments?: unknown;
  },
): Promise<{ competition: GrantCompetition; contracts: ContractInForce[] }> {
  const competition = await grantCompetition(t, {
    templateCode: options.templateCode ?? 'mini-grants-district',
    tag: options.tag,
    winners: options.winners,
    locales: options.locales,
  });
  if (options.payments !== undefined) {
    await t.db.query(`UPDATE competitions SET rulebook = jsonb_set(rulebook, '{payments}', $2::jsonb) WHERE id = $1`, [
      competition.id,
      JSON.stringify(options.payments),
    ]);
  }
  return { competition, contracts: await bringIntoForce(t, competition) };
}

/**
 * The competition's contracts generated from its rulebook as it is now (the contract freezes
 * it), then each sent, signed by its grantee (a PDF) and countersigned: in force.
 */
export async function bringIntoForce(t: TestApp, competition: GrantCompetition): Promise<ContractInForce[]> {
  const organizer = competition.organizer.accessToken;
  expectStatus(
    'generate',
    await t.call('POST', `/competitions/${competition.id}/contracts`, { token: organizer, body: {} }),
  );
  const contracts: ContractInForce[] = [];
  for (const winner of competition.winners) {
    const [row]: { id: string; number: string; amount: string }[] = await t.db.query(
      `SELECT id, number, amount FROM contracts WHERE application_id = $1`,
      [winner.id],
    );
    expectStatus('send', await t.call('POST', `/contracts/${row.id}/send`, { token: organizer, body: {} }));
    const m = multipartFile('шарт.pdf', minimalPdf(), 'application/pdf');
    expectStatus(
      'signed copy',
      await t.call('POST', `/contracts/${row.id}/signed-copy`, {
        token: winner.applicant.accessToken,
        body: m.body,
        headers: m.headers,
      }),
    );
    expectStatus(
      'countersign',
      await t.call('POST', `/contracts/${row.id}/countersign`, { token: organizer, body: {} }),
    );
    contracts.push({
      id: row.id,
      number: row.number,
      amount: Number(row.amount),
      applicationId: winner.id,
      grantee: winner.applicant,
    });
  }
  return contracts;
}
