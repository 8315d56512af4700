import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins per e-mail address, whether or not an account exists for it, so the
 * lock-out itself does not reveal which addresses are registered.
 */
@Entity('login_throttle')
export class LoginThrottle {
  /** HMAC of the normalized e-mail. */
  @PrimaryColumn({ type: 'char', length: 64 })
  key: string;

  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
