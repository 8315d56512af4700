import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Locale } from '../../common/i18n/i18n';
import { CompetitionsService } from '../competitions/competitions.service';
import type { EducationStatus } from '../identity/entities/person.entity';
import {
  Month,
  monthlyStipend,
  monthsOfApplication,
  PAID_STATUSES,
  projectPeriod,
  stipendGroup,
  StipendGroup,
  teamIsPaid,
} from './domain/stipends';
import { registerWorkbook } from './register.workbook';
import { StipendsErrorCode, StipendsException } from './stipends.exception';

/** One paid participant of the month. */
export interface StipendRow {
  applicationId: string;
  number: string | null;
  /** The project's title: teams have no name of their own. */
  team: string | null;
  arm: string | null;
  regionCode: string | null;
  fullName: string;
  iin: string;
  educationStatus: EducationStatus;
  group: StipendGroup;
  amount: number;
}

export interface StipendTotal {
  people: number;
  amount: number;
}

/** The monthly register of social stipends of a competition (GET /competitions/:id/stipends). */
export interface StipendRegister {
  competitionId: string;
  title: { kk: string; ru: string };
  month: Month;
  /** The project's months; null while they are not known (no draw yet and no first month in the rules). */
  period: { first: Month; last: Month; months: Month[] } | null;
  /** False for a month outside the project: the register is then empty. */
  withinProject: boolean;
  rates: { schoolLeaverAndStudents: number; graduates: number };
  rows: StipendRow[];
  byArm: (StipendTotal & { arm: string | null })[];
  byRegion: (StipendTotal & { code: string | null; name: { kk: string; ru: string } | null })[];
  total: StipendTotal;
  /** Members of paid teams whose education status is not stated: no stipend until it is. */
  unstated: { applicationId: string; number: string | null; fullName: string }[];
  generatedAt: string;
}

interface MemberRow {
  applicationId: string;
  number: string | null;
  title: string | null;
  status: string;
  arm: string | null;
  durationMonths: unknown;
  regionCode: string | null;
  regionKk: string | null;
  regionRu: string | null;
  lastName: string;
  firstName: string;
  iin: string;
  educationStatus: EducationStatus | null;
}

function totalOf(rows: StipendRow[]): StipendTotal {
  return { people: rows.length, amount: rows.reduce((sum, r) => sum + r.amount, 0) };
}

/** Social stipends of the team members of grant winners, month by month, for the accountant. */
@Injectable()
export class StipendsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly competitions: CompetitionsService,
    private readonly clock: Clock,
  ) {}

  async register(competitionId: string, month: Month): Promise<StipendRegister> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const rulebook = this.competitions.rulebookOf(competition);
    const rates = rulebook.funding?.stipends;
    if (!rates) throw new StipendsException(StipendsErrorCode.NO_STIPENDS_IN_RULEBOOK);

    const [draw] = await this.db.query<{ drawnAt: Date }[]>(
      `SELECT drawn_at AS "drawnAt" FROM draws WHERE competition_id = $1 AND status = 'drawn' AND drawn_at IS NOT NULL`,
      [competitionId],
    );
    const period = projectPeriod(rulebook.projectPeriod, draw?.drawnAt ?? null, competition.timeZone);
    const withinProject = !!period && period.months.includes(month);
    const rows: StipendRow[] = [];
    const unstated: StipendRegister['unstated'] = [];
    const regionNames = new Map<string, { kk: string; ru: string }>();

    if (period && withinProject) {
      for (const m of await this.members(competitionId)) {
        if (!teamIsPaid(m, rulebook.draw !== null)) continue;
        if (!monthsOfApplication(period, m.durationMonths).includes(month)) continue;
        const fullName = `${m.lastName} ${m.firstName}`;
        if (!m.educationStatus) {
          unstated.push({ applicationId: m.applicationId, number: m.number, fullName });
          continue;
        }
        const amount = monthlyStipend(m.educationStatus, rates);
        const group = stipendGroup(m.educationStatus);
        if (amount <= 0 || !group) continue;
        if (m.regionCode && m.regionKk && m.regionRu) regionNames.set(m.regionCode, { kk: m.regionKk, ru: m.regionRu });
        rows.push({
          applicationId: m.applicationId,
          number: m.number,
          team: m.title,
          arm: m.arm,
          regionCode: m.regionCode,
          fullName,
          iin: m.iin,
          educationStatus: m.educationStatus,
          group,
          amount,
        });
      }
    }

    const groups = <K>(key: (r: StipendRow) => K): [K, StipendRow[]][] => {
      const map = new Map<K, StipendRow[]>();
      for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
      return [...map.entries()];
    };
    const byArm = groups((r) => r.arm)
      .sort(([a], [b]) => String(a ?? '~').localeCompare(String(b ?? '~')))
      .map(([arm, list]) => ({ arm, ...totalOf(list) }));
    const byRegion = groups((r) => r.regionCode)
      .map(([code, list]) => ({ code, name: code ? (regionNames.get(code) ?? null) : null, ...totalOf(list) }))
      .sort((a, b) => (a.name?.kk ?? '~').localeCompare(b.name?.kk ?? '~', 'kk'));

    return {
      competitionId,
      title: { kk: competition.titleKk, ru: competition.titleRu },
      month,
      period: period
        ? { first: period.first, last: period.months[period.months.length - 1], months: period.months }
        : null,
      withinProject,
      rates: { schoolLeaverAndStudents: rates.schoolLeaverAndStudents, graduates: rates.graduates },
      rows,
      byArm,
      byRegion,
      total: totalOf(rows),
      unstated,
      generatedAt: this.clock.now().toISOString(),
    };
  }

  /** The register as an XLSX workbook in the given language. */
  async workbook(competitionId: string, month: Month, locale: Locale): Promise<Buffer> {
    const register = await this.register(competitionId, month);
    const competition = await this.competitions.find(competitionId);
    const organizer = competition ? await this.competitions.organizerOf(competition) : null;
    return registerWorkbook(register, locale, organizer?.name ?? null);
  }

  /**
   * Team members of the applications that may be paid, in number and team order. The region
   * is the application's territory or its parent; a member's education status not stated on the
   * team falls back to the one in the person's own profile (same IIN).
   */
  private members(competitionId: string): Promise<MemberRow[]> {
    return this.db.query(
      `SELECT a.id AS "applicationId", a.number, a.title, a.status, a.arm,
              a.answers -> 'durationMonths' AS "durationMonths",
              r.code AS "regionCode", r.name_kk AS "regionKk", r.name_ru AS "regionRu",
              m.last_name AS "lastName", m.first_name AS "firstName", m.iin,
              COALESCE(m.education_status, p.education_status) AS "educationStatus"
         FROM applications a
         JOIN application_members m ON m.application_id = a.id
         LEFT JOIN persons p ON p.iin = m.iin
         LEFT JOIN territories t ON t.code = a.territory_code
         LEFT JOIN territories r ON r.code = CASE WHEN t.kind IN ('region', 'city_republican') THEN t.code ELSE t.parent_code END
        WHERE a.competition_id = $1 AND a.status = ANY($2)
        ORDER BY a.sequence_no NULLS LAST, a.number, m.position`,
      [competitionId, PAID_STATUSES],
    );
  }
}
