import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A browser's signed-in session (the web pages). The cookie carries 256 random bits; the
 * table keeps only their HMAC, so a copy of the database signs nobody in. Signing out, a
 * password reset or the idle and absolute limits end it on the server.
 */
@Entity('web_sessions')
@Index('idx_web_sessions_user_id', ['userId'])
export class WebSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @Index('uq_web_sessions_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  /** The absolute end, whatever the activity. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
