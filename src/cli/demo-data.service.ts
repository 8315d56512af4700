import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { makeBin, makeIin } from '../../libs/kz';
import { systemActor } from '../common/http/actor';
import { Person } from '../modules/identity/entities/person.entity';
import { User } from '../modules/identity/entities/user.entity';
import { PasswordHasher } from '../modules/identity/password-hasher';
import { Organization } from '../modules/organizations/entities/organization.entity';
import { OrganizationRepresentative } from '../modules/organizations/entities/organization-representative.entity';
import { AuditService } from '../modules/audit/audit.service';
import { DemoCompetitionsService } from './demo-competitions.service';
import type { DemoTime } from './demo-clock';
import { DemoAfterDecisionService } from './demo-after-decision.service';
import { DemoReportsService } from './demo-reports.service';
import { DemoStoryService, StoryResult } from './demo-story.service';

export const DEMO_PASSWORD = 'demo-grants-2026';

/** Invented people only: none of these names or numbers belong to anyone in the seeds. */
const DEMO_PEOPLE = [
  {
    role: 'admin',
    email: 'admin@demo.kz',
    lastName: 'Әкімшіұлы',
    firstName: 'Ерболат',
    birthDate: '1985-04-12',
    sex: 'male',
    admin: true,
  },
  {
    role: 'organizer',
    email: 'organizer@demo.kz',
    lastName: 'Ұйымдастырушы',
    firstName: 'Гүлнар',
    birthDate: '1988-09-03',
    sex: 'female',
    admin: false,
  },
  {
    role: 'commission',
    email: 'expert@demo.kz',
    lastName: 'Сарапшыев',
    firstName: 'Данияр',
    birthDate: '1979-01-25',
    sex: 'male',
    admin: false,
    position: 'Қоғамдық кеңес мүшесі',
  },
  {
    role: 'commission',
    email: 'expert2@demo.kz',
    lastName: 'Бағалаушыева',
    firstName: 'Әлия',
    birthDate: '1983-07-14',
    sex: 'female',
    admin: false,
    position: 'Аудандық жастар ресурстық орталығының әдіскері',
  },
  {
    role: 'commission',
    email: 'expert3@demo.kz',
    lastName: 'Тексерушиев',
    firstName: 'Ғалым',
    birthDate: '1975-02-08',
    sex: 'male',
    admin: false,
    position: 'Қаржы сарапшысы',
  },
  {
    role: 'applicant',
    email: 'applicant@demo.kz',
    lastName: 'Жасұланова',
    firstName: 'Айгерім',
    birthDate: '2003-06-17',
    sex: 'female',
    admin: false,
  },
  {
    role: 'host-org',
    email: 'host@demo.kz',
    lastName: 'Жастарова',
    firstName: 'Мадина',
    birthDate: '1996-11-30',
    sex: 'female',
    admin: false,
  },
  {
    role: 'mentor',
    email: 'mentor@demo.kz',
    lastName: 'Тәлімгерова',
    firstName: 'Ботагөз',
    birthDate: '1990-02-21',
    sex: 'female',
    admin: false,
    position: 'Жастар ресурстық орталығының жоба менеджері',
  },
  {
    role: 'mentor',
    email: 'mentor2@demo.kz',
    lastName: 'Кеңесбаев',
    firstName: 'Асқар',
    birthDate: '1986-08-09',
    sex: 'male',
    admin: false,
    position: 'Әлеуметтік кәсіпкер',
  },
] as const;

@Injectable()
export class DemoDataService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    private readonly competitions: DemoCompetitionsService,
    private readonly story: DemoStoryService,
    private readonly afterDecision: DemoAfterDecisionService,
    private readonly reports: DemoReportsService,
  ) {}

  /** The story competitions of the last load (for the CLI's summary). */
  stories: StoryResult[] = [];

  /**
   * Idempotent: running it twice leaves one copy of everything. `time` is the clock the story
   * competitions are run with (the CLI's own, or a test's FakeClock).
   */
  async load(time: DemoTime): Promise<{ role: string; email: string; password: string }[]> {
    const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
    const actor = systemActor('demo');
    await this.db.transaction(async (tx) => {
      for (const [i, p] of DEMO_PEOPLE.entries()) {
        let user = await tx.findOneBy(User, { email: p.email });
        if (!user) {
          user = await tx.save(
            User,
            tx.create(User, {
              email: p.email,
              passwordHash,
              isAdmin: p.admin,
              emailVerifiedAt: new Date(),
              locale: i % 2 ? 'ru' : 'kk',
            }),
          );
          await tx.insert(Person, {
            iin: makeIin(p.birthDate, p.sex, 4100 + i),
            userId: user.id,
            lastName: p.lastName,
            firstName: p.firstName,
            birthDate: p.birthDate,
            gender: p.sex,
            phone: `+7700000000${i}`,
            socialCategories: p.role === 'applicant' ? ['unemployed'] : ['ngo_representative'],
            educationStatus: p.role === 'applicant' ? 'university_graduate' : 'other',
            hasDisability: false,
            position: 'position' in p ? p.position : null,
          });
          await this.audit.record(tx, actor, {
            action: 'demo.user_created',
            entityType: 'user',
            entityId: user.id,
            after: { email: p.email },
          });
        }
        // A database loaded before experts had a position gets it now (the protocol prints it).
        if ('position' in p) await tx.update(Person, { userId: user.id, position: IsNull() }, { position: p.position });
        if (p.role === 'host-org' && !(await tx.findOneBy(Organization, { bin: makeBin('2015-05', 4242) }))) {
          const org = await tx.save(
            Organization,
            tx.create(Organization, {
              bin: makeBin('2015-05', 4242),
              name: '«Жастар алаңы» қоғамдық бірлестігі (демо)',
              kind: 'youth_organization',
              regionCode: 'ZHT',
              registeredOn: '2015-05-20',
              headName: 'Жастарова Мадина',
              accountantName: 'Есепшиева Сәуле',
              createdBy: user.id,
            }),
          );
          await tx.insert(OrganizationRepresentative, { organizationId: org.id, userId: user.id, addedBy: user.id });
          await this.audit.record(tx, actor, {
            action: 'demo.organization_created',
            entityType: 'organization',
            entityId: org.id,
          });
        }
      }
    });
    await this.competitions.load('organizer@demo.kz', passwordHash);
    this.stories = await this.story.load(
      'organizer@demo.kz',
      DEMO_PEOPLE.filter((p) => p.role === 'commission').map((p) => p.email),
      passwordHash,
      time,
    );
    await this.afterDecision.load(this.stories, 'organizer@demo.kz', time);
    await this.reports.load(this.stories, 'organizer@demo.kz', time);
    return DEMO_PEOPLE.map((p) => ({ role: p.role, email: p.email, password: DEMO_PASSWORD }));
  }
}
