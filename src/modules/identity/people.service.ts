import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { normalizeKzPhone, parseIin } from '../../../libs/kz';
import type { Actor } from '../../common/http/actor';
import { AuditService } from '../audit/audit.service';
import { PersonDto } from './dto/person.dto';
import { Person } from './entities/person.entity';
import { User } from './entities/user.entity';
import { IdentityErrorCode, IdentityException } from './identity.exception';

export interface MeView {
  id: string;
  email: string;
  locale: 'kk' | 'ru';
  isAdmin: boolean;
  emailVerified: boolean;
  person: Omit<Person, 'userId' | 'createdAt' | 'updatedAt'> | null;
}

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async me(userId: string): Promise<MeView> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: userId });
    const person = await this.db.getRepository(Person).findOneBy({ userId });
    return {
      id: user.id,
      email: user.email,
      locale: user.locale,
      isAdmin: user.isAdmin,
      emailVerified: user.emailVerifiedAt !== null,
      person: person ? this.personView(person) : null,
    };
  }

  async setLocale(userId: string, locale: 'kk' | 'ru', actor: Actor): Promise<MeView> {
    await this.db.transaction(async (tx) => {
      const before = await tx.findOneByOrFail(User, { id: userId });
      await tx.update(User, { id: userId }, { locale });
      await this.audit.record(tx, actor, {
        action: 'user.locale_changed',
        entityType: 'user',
        entityId: userId,
        before: { locale: before.locale },
        after: { locale },
      });
    });
    return this.me(userId);
  }

  /**
   * The IIN is the identity: the birth date and sex it encodes must agree with what was
   * entered. A person row created earlier as someone's team member is claimed by the
   * account that proves the same IIN, unless another account already holds it.
   */
  async upsertMyPerson(userId: string, dto: PersonDto, actor: Actor): Promise<MeView> {
    const iin = parseIin(dto.iin);
    if (!iin.ok) throw new IdentityException(iin.code, {}, 'iin');
    if (iin.birthDate !== dto.birthDate) {
      throw new IdentityException(IdentityErrorCode.IIN_BIRTH_DATE_MISMATCH, { birthDate: iin.birthDate }, 'iin');
    }
    if (iin.sex !== dto.gender) throw new IdentityException(IdentityErrorCode.IIN_GENDER_MISMATCH, {}, 'iin');
    const phone = normalizeKzPhone(dto.phone);
    const values = {
      iin: iin.iin,
      lastName: dto.lastName,
      firstName: dto.firstName,
      middleName: dto.middleName ?? null,
      birthDate: iin.birthDate,
      gender: iin.sex,
      phone: phone.ok ? phone.e164 : null,
      socialCategories: dto.socialCategories,
      educationStatus: dto.educationStatus,
      hasDisability: dto.hasDisability,
      position: dto.position || null,
    };
    // Two saves at once (a double click, or two accounts typing the same IIN) can both find no
    // row and both insert; the loser hits a unique index. Trying again sees the winner's row and
    // becomes an update, or IIN_TAKEN, as if the requests had come one after the other.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.savePerson(userId, iin.iin, values, actor);
        break;
      } catch (error) {
        const uniqueViolation =
          error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
        if (!uniqueViolation || attempt >= 3) throw error;
      }
    }
    return this.me(userId);
  }

  private async savePerson(
    userId: string,
    iin: string,
    values: Omit<Person, 'id' | 'userId' | 'createdAt' | 'updatedAt' | 'version'>,
    actor: Actor,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const mine = await tx.findOne(Person, { where: { userId }, lock: { mode: 'pessimistic_write' } });
      const holder = await tx.findOne(Person, { where: { iin }, lock: { mode: 'pessimistic_write' } });
      if (holder && holder.userId && holder.userId !== userId) throw new IdentityException(IdentityErrorCode.IIN_TAKEN);
      let personId: string;
      if (mine && holder && holder.id !== mine.id) {
        // The account had another IIN and an unclaimed person holds the new one (someone's team
        // member): merging them silently could rewrite a team, so an operator must decide.
        throw new IdentityException(IdentityErrorCode.IIN_TAKEN);
      } else if (mine ?? holder) {
        personId = (mine ?? holder)!.id;
        await tx.update(Person, { id: personId }, { ...values, userId });
      } else {
        const inserted = await tx.insert(Person, { ...values, userId });
        personId = inserted.identifiers[0].id as string;
      }
      await this.audit.record(tx, actor, {
        action: mine ? 'person.updated' : 'person.created',
        entityType: 'person',
        entityId: personId,
        before: mine ? this.personView(mine) : null,
        after: values,
      });
    });
  }

  private personView(p: Person): MeView['person'] {
    const { userId: _u, createdAt: _c, updatedAt: _up, ...rest } = p;
    return rest;
  }
}
