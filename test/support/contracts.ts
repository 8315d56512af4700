import { randomInt } from 'node:crypto';
import { makeBin } from '../../libs/kz';
import { makeAdmin, signUp, TestAccount } from './accounts';
import { readyDraft } from './competitions';
import type { TestApp } from './test-app';

const DAY = 24 * 3600 * 1000;

export interface GrantWinner {
  id: string;
  number: string;
  applicant: TestAccount;
}

export interface GrantCompetition {
  id: string;
  title: { kk: string; ru: string };
  admin: TestAccount;
  /** A non-admin organizer of this competition only. */
  organizer: TestAccount;
  winners: GrantWinner[];
  /** Submitted, screened in, not a winner. */
  loser: GrantWinner;
  organizerOrganization: { name: string; headName: string };
}

function expectStatus(what: string, res: { status: number; body: unknown }, status: number) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function createOrganization(
  t: TestApp,
  token: string,
  input: { name: string; headName: string; kind?: string; regionCode?: string },
): Promise<string> {
  const res = await t.call('POST', '/organizations', {
    token,
    body: {
      bin: makeBin('2016-04', 10_000 + randomInt(80_000)),
      name: input.name,
      kind: input.kind ?? 'ngo',
      regionCode: input.regionCode ?? 'ZHT',
      registeredOn: '2016-04-12',
      address: 'Талдықорған қ., Абай к-сі, 10',
      headName: input.headName,
    },
  });
  expectStatus('organization', res, 201);
  return res.body.id as string;
}

/**
 * A grant competition with winners, fast: an organizer organization (with its head), the
 * competition opened by an admin, applications drafted and submitted through the API, then
 * winners and a loser set in the database, as test/support/draws.ts sets a shortlist (the
 * selection and the draw have their own suites). `hostOrganization` submits the winners'
 * applications through a host organization (youth micro-projects).
 */
export async function grantCompetition(
  t: TestApp,
  options: {
    templateCode: string;
    tag: string;
    winners: number;
    hostOrganization?: boolean;
    locales?: ('kk' | 'ru')[];
  },
): Promise<GrantCompetition> {
  const admin = await makeAdmin(t, await signUp(t, `contracts-admin-${options.tag}`));
  const organizerOrganization = {
    name: `«Болашақ» қоғамдық бірлестігі ${options.tag}`,
    headName: 'Серікбаева Айгүл Нұрланқызы',
  };
  const orgId = await createOrganization(t, admin.accessToken, organizerOrganization);
  const title = { kk: `Шарттар конкурсы ${options.tag}`, ru: `Конкурс договоров ${options.tag}` };
  const created = await t.call('POST', '/competitions', {
    token: admin.accessToken,
    body: {
      templateCode: options.templateCode,
      title,
      submissionDeadline: new Date(Date.now() + DAY).toISOString(),
      organizerOrganizationId: orgId,
    },
  });
  expectStatus('competition', created, 201);
  const opened = await t.call('POST', `/competitions/${created.body.id}/open`, {
    token: admin.accessToken,
    body: { acknowledgeWarnings: true },
  });
  expectStatus('open', opened, 200);
  const competition = opened.body;
  const rb = competition.rulebook;
  const people: GrantWinner[] = [];
  for (let i = 0; i <= options.winners; i += 1) {
    const locale = options.locales?.[i % options.locales.length] ?? 'kk';
    const applicant = await signUp(t, `contracts-applicant-${options.tag}-${i}`, locale);
    const viaHost = options.hostOrganization && i < options.winners;
    const organizationId = viaHost
      ? await createOrganization(t, applicant.accessToken, {
          name: `Жастар орталығы ${options.tag}-${i}`,
          headName: 'Омаров Ерлан Бауыржанұлы',
          kind: 'youth_organization',
          regionCode: rb.territory.scope[0],
        })
      : undefined;
    const id = await readyDraft(t, applicant.accessToken, competition, {
      applicantKind: viaHost ? 'host_organization' : 'initiative_group',
      organizationId,
    });
    const draft = await t.call('GET', `/applications/${id}`, { token: applicant.accessToken });
    expectStatus(
      'title',
      await t.call('PATCH', `/applications/${id}`, {
        token: applicant.accessToken,
        body: { version: draft.body.version, title: `Жастар алаңы ${options.tag} ${i + 1}` },
      }),
      200,
    );
    const submitted = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
    expectStatus('submit', submitted, 200);
    people.push({ id, number: submitted.body.number, applicant });
  }
  const winners = people.slice(0, options.winners);
  const loser = people[options.winners];
  await t.db.query(`UPDATE applications SET status = 'winner' WHERE id = ANY($1::uuid[])`, [winners.map((w) => w.id)]);
  await t.db.query(`UPDATE applications SET status = 'not_selected' WHERE id = $1`, [loser.id]);
  // Results published (the scoring module's record), as the selection would leave them.
  await t.db.query(
    `INSERT INTO scoring_rounds (competition_id, closed_at, results_published_at) VALUES ($1, now(), now())`,
    [competition.id],
  );
  for (const [i, a] of [...winners, loser].entries()) {
    await t.db.query(
      `INSERT INTO selection_results (application_id, competition_id, rank, mean, selected, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
      [a.id, competition.id, i + 1, 9 - i, i < winners.length, i < winners.length ? 'selected' : 'winners_filled'],
    );
  }
  await t.db.query(`UPDATE competitions SET status = 'results' WHERE id = $1`, [competition.id]);
  const organizer = await signUp(t, `contracts-organizer-${options.tag}`, 'ru');
  await t.db.query(
    `INSERT INTO competition_memberships (competition_id, user_id, role, status) VALUES ($1, $2, 'organizer', 'active')`,
    [competition.id, organizer.userId],
  );
  return { id: competition.id, title, admin, organizer, winners, loser, organizerOrganization };
}

/** A multipart upload of one file in the field `file`, as a browser sends it. */
export function multipartFile(
  filename: string,
  content: Buffer,
  contentType: string,
): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----contracts${Date.now()}${randomInt(1000)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
