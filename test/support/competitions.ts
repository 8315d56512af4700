import { makeIin } from '../../libs/kz';
import { sampleAnswers } from '../../src/modules/competitions/domain/sample-answers';
import type { TestApp } from './test-app';

const issued = new Set<string>();
let serial = 5000 + Math.floor(Math.random() * 3000);

/** A person of the given age today (by IIN), unique within the run. */
export function memberOfAge(age: number, sex: 'male' | 'female' = 'female') {
  const now = new Date();
  const birth = `${now.getUTCFullYear() - age}-01-15`;
  let iin: string;
  // makeIin moves to the next serial when a check digit is impossible, so two serials can meet.
  do {
    serial += 1;
    iin = makeIin(birth, sex, serial);
  } while (issued.has(iin));
  issued.add(iin);
  const letters = String(serial).replace(/\d/g, (d) => 'абвгдежзик'[Number(d)]);
  return { iin, lastName: 'Қатысушы', firstName: `Мүше-${letters}`, phone: '+7 701 555 00 00' };
}

/** Answers that satisfy every field of a rulebook, whatever the template asks. */
export const validAnswers = sampleAnswers;

/** Creates and opens a competition of a template as the given organizer (an admin works). */
export async function openCompetition(
  t: TestApp,
  token: string,
  templateCode: string,
  deadline: Date,
  rulebook?: Record<string, unknown>,
) {
  const created = await t.call('POST', '/competitions', {
    token,
    body: {
      templateCode,
      title: { kk: `Тест конкурсы ${templateCode}`, ru: `Тестовый конкурс ${templateCode}` },
      submissionDeadline: deadline.toISOString(),
      ...(rulebook ? { rulebook } : {}),
    },
  });
  if (created.status !== 201) throw new Error(`create competition: ${created.status} ${JSON.stringify(created.body)}`);
  const opened = await t.call('POST', `/competitions/${created.body.id}/open`, { token });
  if (opened.status !== 200) throw new Error(`open competition: ${opened.status} ${JSON.stringify(opened.body)}`);
  return opened.body;
}

/** A draft filled so that it passes every rule of the competition. */
export async function readyDraft(
  t: TestApp,
  token: string,
  competition: { id: string; rulebook: any },
  options: {
    applicantKind?: string;
    organizationId?: string;
    members?: ReturnType<typeof memberOfAge>[];
    territoryCode?: string;
  } = {},
) {
  const rb = competition.rulebook;
  const kind = options.applicantKind ?? rb.applicantKinds[0];
  const draft = await t.call('POST', `/competitions/${competition.id}/applications`, {
    token,
    body: { applicantKind: kind, ...(options.organizationId ? { organizationId: options.organizationId } : {}) },
  });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
  const id = draft.body.id;
  const territoryCode = options.territoryCode ?? (await someTerritoryIn(t, rb));
  const patch = await t.call('PATCH', `/applications/${id}`, {
    token,
    body: {
      version: draft.body.version,
      title: 'Ауылдағы жастар алаңы',
      territoryCode,
      ...(rb.directions.length ? { direction: rb.directions[0] } : {}),
      ...(rb.nominations.length ? { nomination: rb.nominations[0].code } : {}),
      answers: validAnswers(rb.fields),
    },
  });
  if (patch.status !== 200) throw new Error(`patch: ${patch.status} ${JSON.stringify(patch.body)}`);
  if (rb.team) {
    const age = Math.round(((rb.team.minAge ?? 20) + (rb.team.maxAge ?? 30)) / 2);
    const members = options.members ?? Array.from({ length: rb.team.minSize }, () => memberOfAge(age));
    const team = await t.call('PUT', `/applications/${id}/team`, {
      token,
      body: { leaderIin: members[0].iin, members },
    });
    if (team.status !== 200) throw new Error(`team: ${team.status} ${JSON.stringify(team.body)}`);
  }
  if (rb.funding) {
    const cap = rb.funding.amountCap ?? 100000;
    const budget = await t.call('PUT', `/applications/${id}/budget`, {
      token,
      body: { lines: [{ item: 'Материалдар', quantity: 2, unitCost: Math.floor(cap / 4) }] },
    });
    if (budget.status !== 200) throw new Error(`budget: ${budget.status} ${JSON.stringify(budget.body)}`);
  }
  for (const doc of rb.documents.filter((d: { required: boolean }) => d.required)) {
    const res = await uploadFile(t, token, id, doc.code, 'келісім.pdf', MINIMAL_PDF);
    if (res.status !== 201) throw new Error(`upload ${doc.code}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return id as string;
}

export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A multipart upload as a browser sends it: the `kind` field, then the file. */
export function uploadFile(
  t: TestApp,
  token: string,
  applicationId: string,
  kind: string,
  filename: string,
  content: Buffer,
  contentType = 'application/pdf',
  lang?: 'kk' | 'ru',
) {
  const boundary = `----grants${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.call('POST', `/applications/${applicationId}/attachments`, {
    token,
    lang,
    body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

async function someTerritoryIn(t: TestApp, rb: any): Promise<string> {
  const scope: string[] = rb.territory.scope;
  const region = scope[0] ?? 'ZHT';
  if (rb.territory.level !== 'district') return region;
  const children = await t.call('GET', `/territories?parent=${region}`);
  return children.body[0]?.code ?? region;
}
