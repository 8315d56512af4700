import { randomInt } from 'node:crypto';
import { grantCompetition, GrantCompetition } from './contracts';
import { bringIntoForce, type ContractInForce } from './payments';
import type { TestApp } from './test-app';

const DAY = 24 * 3600 * 1000;

/** A calendar date `days` from now in Almaty (UTC+5), as the server's clock reads it. */
export function almatyDate(days: number, now = Date.now()): string {
  return new Date(now + 5 * 3600 * 1000 + days * DAY).toISOString().slice(0, 10);
}

/** Noon in Almaty of a calendar date: a safe instant for the fake clock. */
export function almatyNoon(date: string): Date {
  return new Date(`${date}T07:00:00Z`);
}

/**
 * Contracts in force of a mini-grants competition whose rulebook's reporting rule is
 * replaced by `reporting` before the contracts are generated (the contract freezes it):
 * generated, sent, signed by the grantee (a PDF), countersigned — as test/support/payments does.
 */
export async function reportingContracts(
  t: TestApp,
  options: { tag: string; winners: number; reporting: unknown; locales?: ('kk' | 'ru')[] },
): Promise<{ competition: GrantCompetition; contracts: ContractInForce[] }> {
  const competition = await grantCompetition(t, {
    templateCode: 'mini-grants-district',
    tag: options.tag,
    winners: options.winners,
    locales: options.locales,
  });
  await t.db.query(`UPDATE competitions SET rulebook = jsonb_set(rulebook, '{reporting}', $2::jsonb) WHERE id = $1`, [
    competition.id,
    JSON.stringify(options.reporting),
  ]);
  // Three approved budget lines (300 000 ₸, the cap), as the winners' applications would have them.
  const lines = [
    { item: 'Зал жалдау', quantity: 1, unitCost: 100_000, total: 100_000 },
    { item: 'Баспа өнімдері', quantity: 2, unitCost: 50_000, total: 100_000 },
    { item: 'Кеңсе тауарлары', quantity: 4, unitCost: 25_000, total: 100_000 },
  ];
  await t.db.query(
    `UPDATE applications SET budget_lines = $2::jsonb, amount_requested = 300000 WHERE id = ANY($1::uuid[])`,
    [competition.winners.map((w) => w.id), JSON.stringify(lines)],
  );
  return { competition, contracts: await bringIntoForce(t, competition) };
}

/** A multipart upload with text fields first (as a browser sends a form), then the file. */
export function multipartForm(
  fields: Record<string, string>,
  file: { name: string; content: Buffer; type: string },
): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----reports${Date.now()}${randomInt(1000)}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const body = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
