import { makeIin } from '../../libs/kz';
import { ParticipantsService } from '../../src/modules/final-report/participants.service';
import type { ParticipantRowInput } from '../../src/modules/final-report/domain/participants';
import { grantCompetition, GrantCompetition } from './contracts';
import type { TestApp } from './test-app';

export interface FinalReportFixture {
  grants: GrantCompetition;
  contracts: { id: string; applicationId: string; number: string }[];
  iins: Record<'p1' | 'p2' | 'p3' | 'p6' | 'p7', string>;
}

/** The reference date the fixture's ages are counted on: the contracts' last day. */
export const REFERENCE_DATE = '2026-11-30';

/**
 * Three grants of a mini-grants competition, with the lists their programmatic reports gave
 * (written through ParticipantsService, as the reports module does). People who fit several
 * categories, one person on two grants' lists, people without an IIN (one of them twice), a
 * child, an unknown age, a tally row and a disability known only from the person's profile.
 * The expected counts are worked out by hand in test/e2e/final-report.e2e-spec.ts.
 */
export async function finalReportCompetition(t: TestApp, tag: string): Promise<FinalReportFixture> {
  const grants = await grantCompetition(t, { templateCode: 'mini-grants-district', tag, winners: 3 });
  const generated = await t.call('POST', `/competitions/${grants.id}/contracts`, {
    token: grants.organizer.accessToken,
    body: {},
  });
  if (generated.status !== 200) throw new Error(`contracts: ${generated.status} ${JSON.stringify(generated.body)}`);
  const contracts: { id: string; application_id: string; number: string }[] = await t.db.query(
    `SELECT id, application_id, number FROM contracts WHERE competition_id = $1 ORDER BY sequence_no`,
    [grants.id],
  );
  await t.db.query(
    `UPDATE contracts SET content = jsonb_set(content, '{endsOn}', to_jsonb($2::text)) WHERE competition_id = $1`,
    [grants.id, REFERENCE_DATE],
  );
  await t.db.query(`UPDATE competitions SET rulebook = jsonb_set(rulebook, '{finalReport}', $2::jsonb) WHERE id = $1`, [
    grants.id,
    JSON.stringify({
      categoryPrecedence: [
        'disability',
        'children',
        'youth',
        'over_50',
        'unemployed',
        'civil_servant',
        'public_sector_worker',
        'ngo_representative',
        'business',
        'other',
      ],
      targets: [
        { code: 'vulnerable', target: 0.6 },
        { code: 'women', target: 0.55 },
        { code: 'disability', target: 0.05 },
      ],
    }),
  ]);
  const serial = 1000 + Math.floor(Math.random() * 8000);
  const iins = {
    p1: makeIin('2000-05-01', 'female', serial),
    p2: makeIin('1970-01-10', 'male', serial),
    p3: makeIin('1980-02-02', 'male', serial),
    p6: makeIin('1985-06-15', 'female', serial),
    p7: makeIin('1960-12-31', 'female', serial),
  };
  // P6's disability is known from her profile only.
  await t.db.query(
    `INSERT INTO persons (iin, last_name, first_name, birth_date, gender, has_disability, version) VALUES ($1, 'Сейітова', 'Әсел', '1985-06-15', 'female', true, 1)
     ON CONFLICT (iin) DO UPDATE SET has_disability = true`,
    [iins.p6],
  );
  const participants = t.app.get(ParticipantsService);
  const save = (i: number, reportId: string, rows: ParticipantRowInput[], direct: number, indirect: number) =>
    t.db.transaction((tx) =>
      participants.replaceForReport(tx, {
        reportId,
        contractId: contracts[i].id,
        competitionId: grants.id,
        applicationId: contracts[i].application_id,
        rows,
        beneficiaries: { direct, indirect },
      }),
    );
  // The reports the lists belong to (the reports module's rows): only accepted ones count, the
  // final over the interim. Written by SQL here: this fixture is about counting, not reviewing.
  const report = async (i: number, stage: 'interim' | 'final', status: 'accepted' | 'draft'): Promise<string> => {
    const [row]: { id: string }[] = await t.db.query(
      `INSERT INTO reports (contract_id, competition_id, application_id, kind, stage, due_on, scheduled_due_on, status, version)
       VALUES ($1, $2, $3, 'programmatic', $4, $5, $5, $6, 1) RETURNING id`,
      [contracts[i].id, grants.id, contracts[i].application_id, stage, REFERENCE_DATE, status],
    );
    return row.id;
  };
  await save(
    0,
    await report(0, 'final', 'accepted'),
    [
      { kind: 'person', iin: iins.p1, facts: ['civil_servant'] },
      { kind: 'person', iin: iins.p2, facts: ['ngo_representative', 'disability'] },
      { kind: 'person', iin: iins.p3, facts: ['public_sector_worker', 'civil_servant'] },
      { kind: 'person', fullName: 'Дина Ахметова', gender: 'female', birthDate: '2015-03-03' },
      { kind: 'person', fullName: 'Марат Оспанов', gender: 'male', facts: ['business'] },
      { kind: 'count', count: 10, gender: 'female', ageBand: '33-45', category: 'public_sector_worker' },
    ],
    15,
    2000,
  );
  // Grant 2's interim list is restated by its final one: the final's figures count, not both.
  await save(
    1,
    await report(1, 'interim', 'accepted'),
    [{ kind: 'person', fullName: 'Ерлан Бекұлы', gender: 'male' }],
    5,
    100,
  );
  await save(
    1,
    await report(1, 'final', 'accepted'),
    [
      { kind: 'person', iin: iins.p1, facts: ['unemployed'] },
      { kind: 'person', iin: iins.p6 },
      { kind: 'person', iin: iins.p7, facts: ['unemployed'] },
      { kind: 'person', fullName: 'Марат Оспанов', gender: 'male', facts: ['business'] },
    ],
    4,
    300,
  );
  // Grant 3's list is in a report not yet accepted (a draft saved by the winner): it counts for nothing.
  await save(
    2,
    await report(2, 'final', 'draft'),
    [
      { kind: 'person', fullName: 'Жаңа Қатысушы', gender: 'female', birthDate: '1990-01-01' },
      { kind: 'count', count: 7, gender: 'male', ageBand: '17-22', category: 'youth' },
    ],
    50,
    500,
  );
  return {
    grants,
    contracts: contracts.map((c) => ({ id: c.id, applicationId: c.application_id, number: c.number })),
    iins,
  };
}
