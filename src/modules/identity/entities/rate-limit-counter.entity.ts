import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Fixed-window counters for requests that send e-mail on behalf of whoever asks (the
 * verification link again), per address and per IP. They live in PostgreSQL so every API
 * process counts together and a restart forgets nothing.
 */
@Entity('rate_limit_counters')
export class RateLimitCounter {
  /** HMAC of the scope and the value (e.g. `verify-resend:email:<address>`): no address or IP in clear. */
  @PrimaryColumn({ type: 'char', length: 64 })
  key: string;

  @Column({ type: 'int', default: 0 })
  hits: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt: Date;
}
