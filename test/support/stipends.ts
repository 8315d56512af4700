import ExcelJS from 'exceljs';
import { makeAdmin, signUp, TestAccount, uniquePersonBody } from './accounts';
import { memberOfAge, openCompetition, readyDraft } from './competitions';
import type { TestApp } from './test-app';

const DAY = 24 * 3600 * 1000;

type Status =
  | 'school_leaver'
  | 'college_student'
  | 'university_student'
  | 'college_graduate'
  | 'university_graduate'
  | 'other'
  | null;

/** One team of the fixture: where it is, what the draw gave it, and its members' education statuses. */
interface TeamPlan {
  region: string;
  arm: 'A' | 'B' | 'C';
  status: string;
  statuses: Status[];
  /** The project's own stated duration (answers.durationMonths). */
  durationMonths?: number;
  /** The leader's education status stated in their own profile, not on the team. */
  leaderProfileStatus?: Status;
}

/**
 * A youth micro-projects competition whose project runs July–September 2026 (rulebook
 * projectPeriod), with five teams after the draw:
 * 1. ALM, arm A, winner: leader unstated on the team but a university graduate in their profile
 *    (61 000), a school leaver (26 000), «other» (nothing);
 * 2. ALM, arm B, contracted: a college student (26 000), a college graduate (61 000), one not stated;
 * 3. KAR, arm C: no grant, no stipends;
 * 4. PAV, arm A, terminated: no stipends;
 * 5. TUR, arm B, winner, a one-month project: two students and a graduate (113 000) in July only.
 * July: 7 people, 287 000 ₸ (A 2 / 87 000, B 5 / 200 000; Almaty region 4 / 174 000, Turkistan 3 / 113 000).
 * August and September: teams 1 and 2, 4 people, 174 000 ₸.
 */
export const STIPEND_TEAMS: TeamPlan[] = [
  {
    region: 'ALM',
    arm: 'A',
    status: 'winner',
    statuses: [null, 'school_leaver', 'other'],
    leaderProfileStatus: 'university_graduate',
  },
  { region: 'ALM', arm: 'B', status: 'contracted', statuses: ['college_student', 'college_graduate', null] },
  {
    region: 'KAR',
    arm: 'C',
    status: 'allocated',
    statuses: ['university_student', 'university_student', 'school_leaver'],
  },
  { region: 'PAV', arm: 'A', status: 'terminated', statuses: ['college_graduate', 'university_graduate', 'other'] },
  {
    region: 'TUR',
    arm: 'B',
    status: 'winner',
    statuses: ['university_student', 'college_student', 'university_graduate'],
    durationMonths: 1,
  },
];

export interface StipendFixture {
  organizer: TestAccount;
  competition: { id: string; rulebook: any; title: { kk: string; ru: string } };
  applications: { id: string; number: string; members: { iin: string; lastName: string; firstName: string }[] }[];
}

export async function stipendCompetition(t: TestApp, label: string): Promise<StipendFixture> {
  const organizer = await makeAdmin(t, await signUp(t, `${label}-organizer`));
  const competition = await openCompetition(
    t,
    organizer.accessToken,
    'youth-micro-projects',
    new Date(Date.now() + DAY),
    { projectPeriod: { months: 3, firstMonth: '2026-07' } },
  );
  const applications: StipendFixture['applications'] = [];
  for (const [i, plan] of STIPEND_TEAMS.entries()) {
    const applicant = await signUp(t, `${label}-team${i}`, i % 2 ? 'ru' : 'kk');
    const members = plan.statuses.map((status) => ({
      ...memberOfAge(22),
      ...(status ? { educationStatus: status } : {}),
    }));
    if (plan.leaderProfileStatus) {
      const year = new Date().getUTCFullYear() - 23;
      const person = uniquePersonBody({ educationStatus: plan.leaderProfileStatus }, `${year}-03-10`);
      const put = await t.call('PUT', '/me/person', { token: applicant.accessToken, body: person });
      if (put.status !== 200) throw new Error(`person: ${put.status} ${JSON.stringify(put.body)}`);
      members[0] = { ...members[0], iin: person.iin, lastName: person.lastName, firstName: person.firstName };
    }
    const id = await readyDraft(t, applicant.accessToken, competition, {
      territoryCode: plan.region,
      applicantKind: 'initiative_group',
      members: members as never,
    });
    const submitted = await t.call('POST', `/applications/${id}/submit`, { token: applicant.accessToken });
    if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    // Screening, scoring, selection and the draw have their own suites: here their outcome is given.
    await t.db.query(
      `UPDATE applications SET status = $2, arm = $3,
              answers = CASE WHEN $4::int IS NULL THEN answers ELSE jsonb_set(answers, '{durationMonths}', to_jsonb($4::int)) END
        WHERE id = $1`,
      [id, plan.status, plan.arm, plan.durationMonths ?? null],
    );
    applications.push({ id, number: submitted.body.number, members });
  }
  await t.db.query(`UPDATE competitions SET status = 'results' WHERE id = $1`, [competition.id]);
  return { organizer, competition, applications };
}

/** The register's sheet read back: the table's rows (cells as text or number) and every line of column A. */
export async function readRegister(raw: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw as never);
  const sheet = workbook.worksheets[0];
  const value = (cell: ExcelJS.Cell) => {
    const v = cell.value as unknown;
    if (v && typeof v === 'object' && 'result' in (v as object)) return (v as { result: unknown }).result;
    return v;
  };
  const lines: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= 9; c++) cells.push(value(row.getCell(c)));
    lines.push(cells);
  });
  const header = lines.findIndex((l) => l[0] === '№');
  const rows: unknown[][] = [];
  for (let i = header + 1; i < lines.length && typeof lines[i][0] === 'number'; i++) rows.push(lines[i]);
  const totalRow = lines.find((l, i) => i > header && (l[0] === 'Барлығы' || l[0] === 'Итого'));
  return { sheet, lines, header: lines[header], rows, totalRow, firstColumn: lines.map((l) => String(l[0] ?? '')) };
}
