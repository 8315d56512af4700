import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { localDate } from '../../../libs/kz';
import { Clock } from '../../common/clock/clock';
import { ValidationFailedException } from '../../common/errors/app.exception';
import {
  type Beneficiaries,
  checkBeneficiaries,
  checkParticipantRows,
  type ParticipantRow,
  type ParticipantRowInput,
} from './domain/participants';

export type { ParticipantRow, ParticipantRowInput } from './domain/participants';

export interface ReplaceParticipantsInput {
  reportId: string;
  contractId: string;
  competitionId: string;
  applicationId: string;
  rows: ParticipantRowInput[];
  beneficiaries: Beneficiaries;
}

interface StoredRow {
  kind: 'person' | 'count';
  iin: string | null;
  full_name: string | null;
  gender: string | null;
  birth_date: string | null;
  facts: string[];
  count: number | null;
  age_band: string | null;
  category: string | null;
}

const INSERT_CHUNK = 1000;

/**
 * The participants and beneficiaries a programmatic report states, which the final report
 * counts. The reports module writes them in its own transaction (replaceForReport) when a
 * report is saved; rows that break a rule are refused with the API's VALIDATION_FAILED and
 * a kk/ru message per field (`participants[3].iin`…), and nothing is written.
 */
@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async replaceForReport(tx: EntityManager, input: ReplaceParticipantsInput): Promise<void> {
    const { rows, problems } = checkParticipantRows(input.rows, localDate(this.clock.now()));
    problems.push(...checkBeneficiaries(input.beneficiaries));
    if (problems.length) throw new ValidationFailedException(problems);

    await tx.query(`DELETE FROM report_participants WHERE report_id = $1`, [input.reportId]);
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      await tx.query(
        `INSERT INTO report_participants
           (report_id, contract_id, competition_id, application_id, position, kind, iin, full_name, gender, birth_date, facts, count, age_band, category)
         SELECT $1, $2, $3, $4, r.position, r.kind, r.iin, r.full_name, r.gender, r.birth_date::date,
                COALESCE(ARRAY(SELECT jsonb_array_elements_text(r.facts)), '{}'), r.count, r.age_band, r.category
           FROM jsonb_to_recordset($5::jsonb) AS r(position int, kind text, iin text, full_name text, gender text,
                birth_date text, facts jsonb, count int, age_band text, category text)`,
        [
          input.reportId,
          input.contractId,
          input.competitionId,
          input.applicationId,
          JSON.stringify(chunk.map((row, i) => toRecord(row, start + i))),
        ],
      );
    }
    await tx.query(
      `INSERT INTO report_beneficiaries (report_id, contract_id, competition_id, application_id, direct, indirect)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (report_id) DO UPDATE SET contract_id = EXCLUDED.contract_id, competition_id = EXCLUDED.competition_id,
         application_id = EXCLUDED.application_id, direct = EXCLUDED.direct, indirect = EXCLUDED.indirect, updated_at = now()`,
      [
        input.reportId,
        input.contractId,
        input.competitionId,
        input.applicationId,
        input.beneficiaries.direct,
        input.beneficiaries.indirect,
      ],
    );
  }

  async listForReport(
    reportId: string,
  ): Promise<{ rows: ParticipantRow[]; beneficiaries: { direct: number; indirect: number } }> {
    const stored: StoredRow[] = await this.db.query(
      `SELECT kind, iin, full_name, gender, birth_date::text AS birth_date, facts, count, age_band, category
         FROM report_participants WHERE report_id = $1 ORDER BY position`,
      [reportId],
    );
    const [b]: { direct: number; indirect: string }[] = await this.db.query(
      `SELECT direct, indirect FROM report_beneficiaries WHERE report_id = $1`,
      [reportId],
    );
    return {
      rows: stored.map(fromStored),
      beneficiaries: b ? { direct: Number(b.direct), indirect: Number(b.indirect) } : { direct: 0, indirect: 0 },
    };
  }
}

function toRecord(row: ParticipantRow, position: number) {
  if (row.kind === 'count')
    return {
      position,
      kind: 'count',
      gender: row.gender,
      count: row.count,
      age_band: row.ageBand,
      category: row.category,
    };
  return {
    position,
    kind: 'person',
    iin: row.iin,
    full_name: row.fullName,
    gender: row.gender,
    birth_date: row.birthDate,
    facts: row.facts,
  };
}

function fromStored(r: StoredRow): ParticipantRow {
  if (r.kind === 'count')
    return {
      kind: 'count',
      count: Number(r.count),
      gender: r.gender as 'male' | 'female' | 'unknown',
      ageBand: r.age_band as never,
      category: r.category as never,
    };
  return {
    kind: 'person',
    iin: r.iin,
    fullName: r.full_name,
    gender: r.gender as 'male' | 'female' | null,
    birthDate: r.birth_date,
    facts: r.facts as never,
  };
}
