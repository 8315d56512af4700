import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { AwardStatus } from '../domain/award-status';

/**
 * A winner's award (сыйлық / приз) in a prize competition or volunteer awards: one per
 * application, with its place or nomination, the prize in both languages and an amount, and
 * once handed over the date and the signed transfer act's scan. The database holds the rules
 * two organizers could break at once: one award per application, one winner per place (per
 * nomination where there are nominations), and a handover that always has its date and scan.
 */
@Entity('awards')
@Index('uq_award_application', ['applicationId'], { unique: true })
@Index(['competitionId'])
@Index('uq_award_place', ['competitionId', 'place'], {
  unique: true,
  where: 'place IS NOT NULL AND nomination IS NULL',
})
@Index('uq_award_nomination_place', ['competitionId', 'nomination', 'place'], {
  unique: true,
  where: 'place IS NOT NULL AND nomination IS NOT NULL',
})
@Check('chk_award_status', `"status" IN ('recorded', 'handed_over')`)
@Check('chk_award_place', `"place" IS NULL OR "place" >= 1`)
@Check('chk_award_amount', `"amount" IS NULL OR "amount" >= 0`)
@Check(
  'chk_award_handover',
  `("status" = 'handed_over') = ("handed_over_on" IS NOT NULL AND "scan_storage_key" IS NOT NULL)`,
)
export class Award {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  competitionId: string;

  @Column('uuid')
  applicationId: string;

  @Column({ type: 'varchar', length: 20, default: 'recorded' })
  status: AwardStatus;

  /** 1st, 2nd, 3rd… among the winners (or within a nomination); null where only the nomination counts. */
  @Column({ type: 'int', nullable: true })
  place: number | null;

  /** A nomination code of the rulebook. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  nomination: string | null;

  @Column({ type: 'varchar', length: 300 })
  prizeKk: string;

  @Column({ type: 'varchar', length: 300 })
  prizeRu: string;

  /** Whole tenge the prize is worth (a certificate, cash), when it has a value. */
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  amount: number | null;

  @Column({ type: 'date', nullable: true })
  handedOverOn: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  handedOverAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  handedOverBy: string | null;

  /** The signed transfer act, kept by the files module (PDF, JPG or PNG). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  scanStorageKey: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  scanKind: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  scanSha256: string | null;

  @Column({ type: 'int', nullable: true })
  scanSize: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  scanName: string | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
