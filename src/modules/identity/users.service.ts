import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/http/actor';
import { AuditService } from '../audit/audit.service';
import { User } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';

/** What other modules and the CLI may ask of accounts. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  findByEmail(email: string, manager: EntityManager = this.db.manager): Promise<User | null> {
    return manager.findOneBy(User, { email: email.trim().toLowerCase() });
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<User | null> {
    return manager.findOneBy(User, { id });
  }

  /** Operator command: creates a verified admin, or promotes and resets an existing account. */
  async createAdmin(email: string, password: string, actor: Actor): Promise<{ id: string; created: boolean }> {
    const normalized = email.trim().toLowerCase();
    const passwordHash = await this.passwords.hash(password);
    return this.db.transaction(async (tx) => {
      const existing = await tx.findOneBy(User, { email: normalized });
      let id: string;
      if (existing) {
        await tx.update(User, { id: existing.id }, { isAdmin: true, passwordHash, emailVerifiedAt: existing.emailVerifiedAt ?? new Date() });
        id = existing.id;
      } else {
        const inserted = await tx.insert(User, { email: normalized, passwordHash, isAdmin: true, emailVerifiedAt: new Date(), locale: 'kk' });
        id = inserted.identifiers[0].id as string;
      }
      await this.audit.record(tx, actor, { action: 'user.admin_granted', entityType: 'user', entityId: id, after: { email: normalized } });
      return { id, created: !existing };
    });
  }
}
