import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import type { Actor } from '../../common/http/actor';
import { EmailVerification } from '../access/email-verification';
import { AuditService } from '../audit/audit.service';
import { User } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';

/** What other modules and the CLI may ask of accounts. */
@Injectable()
export class UsersService implements EmailVerification {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  findByEmail(email: string, manager: EntityManager = this.db.manager): Promise<User | null> {
    return manager.findOneBy(User, { email: email.trim().toLowerCase() });
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<User | null> {
    return manager.findOneBy(User, { id });
  }

  /** Asked by the access guard for `@VerifiedEmail()` routes. */
  isEmailVerified(userId: string): Promise<boolean> {
    return this.db.getRepository(User).exists({ where: { id: userId, emailVerifiedAt: Not(IsNull()) } });
  }

  /** An account whose mailbox is already proven (an accepted invitation): created verified. */
  async createVerified(
    tx: EntityManager,
    input: { email: string; passwordHash: string; locale: User['locale'] },
  ): Promise<User> {
    return tx.save(
      tx.create(User, { ...input, email: input.email.trim().toLowerCase(), emailVerifiedAt: this.clock.now() }),
    );
  }

  /** Operator command: creates a verified admin, or promotes and resets an existing account. */
  async createAdmin(email: string, password: string, actor: Actor): Promise<{ id: string; created: boolean }> {
    const normalized = email.trim().toLowerCase();
    const passwordHash = await this.passwords.hash(password);
    return this.db.transaction(async (tx) => {
      const existing = await tx.findOneBy(User, { email: normalized });
      let id: string;
      if (existing) {
        await tx.update(
          User,
          { id: existing.id },
          { isAdmin: true, passwordHash, emailVerifiedAt: existing.emailVerifiedAt ?? this.clock.now() },
        );
        id = existing.id;
      } else {
        const inserted = await tx.insert(User, {
          email: normalized,
          passwordHash,
          isAdmin: true,
          emailVerifiedAt: this.clock.now(),
          locale: 'kk',
        });
        id = inserted.identifiers[0].id as string;
      }
      await this.audit.record(tx, actor, {
        action: 'user.admin_granted',
        entityType: 'user',
        entityId: id,
        after: { email: normalized },
      });
      return { id, created: !existing };
    });
  }
}
