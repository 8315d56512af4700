import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Sign-in attempts per e-mail address (all client addresses together) and per (address,
 * client address) pair, whether or not an account exists for it, so the throttling itself
 * does not reveal which addresses are registered. Counted before the password is checked;
 * a success deletes the rows it was counted on.
 */
@Entity('login_throttle')
export class LoginThrottle {
  /** HMAC of `login:<e-mail>` (the account) or `login-pair:<e-mail>:<client address>`. */
  @PrimaryColumn({ type: 'char', length: 64 })
  key: string;

  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt: Date;

  /** The next attempt is refused, without checking the password, until then (a delay growing with each failure). */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
