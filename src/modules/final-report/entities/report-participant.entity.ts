import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AgeBand, CountGender, ReportCategory, SocialFact } from '../domain/participants';

/**
 * One row of a programmatic report's list of participants: a person (by IIN, or by name and
 * gender when the list has no IIN) or a tally ("N people of gender G, age band B, category C").
 * `report_id` is the report's id without a foreign key (the reports module owns that table
 * and calls ParticipantsService.replaceForReport in its own transaction). Rows of a report
 * are replaced as a whole; the competition, contract and application are kept beside them so
 * the final report counts them with one scan of the competition's index.
 */
@Entity('report_participants')
@Index('idx_report_participants_report', ['reportId', 'position'])
@Index('idx_report_participants_competition', ['competitionId', 'applicationId'])
@Check('chk_report_participants_kind', `"kind" IN ('person', 'count')`)
@Check('chk_report_participants_gender', `"gender" IS NULL OR "gender" IN ('male', 'female', 'unknown')`)
@Check(
  'chk_report_participants_shape',
  `("kind" = 'person' AND "count" IS NULL AND "age_band" IS NULL AND "category" IS NULL AND "gender" <> 'unknown' AND ("iin" IS NOT NULL OR ("full_name" IS NOT NULL AND "gender" IS NOT NULL)))
   OR ("kind" = 'count' AND "count" > 0 AND "iin" IS NULL AND "full_name" IS NULL AND "birth_date" IS NULL AND "gender" IS NOT NULL AND "age_band" IS NOT NULL AND "category" IS NOT NULL)`,
)
export class ReportParticipant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  reportId: string;

  @Column('uuid')
  contractId: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  applicationId: string;

  /** The row's place in the list as sent. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 6 })
  kind: 'person' | 'count';

  @Column({ type: 'char', length: 12, nullable: true })
  iin: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  fullName: string | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  gender: CountGender | null;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  facts: SocialFact[];

  @Column({ type: 'int', nullable: true })
  count: number | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  ageBand: AgeBand | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  category: ReportCategory | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
