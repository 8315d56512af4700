import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'queued' | 'sent' | 'failed' | 'cancelled';

/**
 * A message a state change caused, written in the same transaction as that change
 * (transactional outbox). The worker relays pending rows to the queue and sends them;
 * nothing here is lost if Redis or SMTP is down when the change commits.
 */
@Entity('notification_outbox')
@Index(['status', 'availableAt'])
@Index(['recipientUserId', 'createdAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 80 })
  template: string;

  @Column({ type: 'varchar', length: 2 })
  locale: 'kk' | 'ru';

  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @Column({ type: 'varchar', length: 254 })
  recipientEmail: string;

  /** Template variables. Ids rather than copies of records wherever the sender can reload them. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** The competition the message is about, so its organizers see its failures. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  competitionId: string | null;

  /** Once per recipient and occasion (e.g. `deadline-3d:<competition>:<user>`); null when not needed. */
  @Index({ unique: true, where: 'dedupe_key IS NOT NULL' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Manual retries of a failed message; part of the queue job id so a retry gets a fresh job. */
  @Column({ type: 'int', default: 0 })
  retries: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', nullable: true })
  smtpResponse: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** For the in-app inbox. */
  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
