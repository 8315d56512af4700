import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DrawArm, DrawAssignment, DrawEntry } from '../../../../libs/lottery';

/**
 * A commit-then-reveal draw (LOTTERY.md). At most one live (prepared or drawn) draw per
 * competition, by a partial unique index; a drawn row is frozen by a trigger. The seed is
 * kept encrypted until the draw reveals it.
 */
@Entity('draws')
@Index('uq_draw_live_per_competition', ['competitionId'], { unique: true, where: `status IN ('prepared', 'drawn')` })
export class Draw {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  competitionId: string;

  @Column({ type: 'varchar', length: 10 })
  status: 'prepared' | 'drawn' | 'cancelled';

  @Column({ type: 'varchar', length: 60 })
  stratumAttribute: string;

  @Column({ type: 'jsonb' })
  arms: DrawArm[];

  @Column({ type: 'jsonb' })
  pool: DrawEntry[];

  @Column({ type: 'char', length: 64 })
  poolHash: string;

  @Column({ type: 'char', length: 64 })
  commitment: string;

  /** AES-256-GCM of the seed (iv | tag | ciphertext, base64); never returned before the draw. */
  @Column({ type: 'text' })
  sealedSeed: string;

  /** Which DRAW_SEAL_KEY sealed the seed, so an old key can still open an old draw. */
  @Column({ type: 'varchar', length: 40 })
  sealKeyId: string;

  @Column({ type: 'timestamptz' })
  preparedAt: Date;

  /** The announced time of the draw. */
  @Column({ type: 'timestamptz', nullable: true })
  announcedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  drawnAt: Date | null;

  @Column({ type: 'char', length: 64, nullable: true })
  seed: string | null;

  @Column({ type: 'text', nullable: true })
  publicEntropy: string | null;

  @Column({ type: 'jsonb', nullable: true })
  assignments: DrawAssignment[] | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;
}
