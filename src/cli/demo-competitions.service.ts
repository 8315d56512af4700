import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { makeBin, makeIin } from '../../libs/kz';
import { Actor, systemActor } from '../common/http/actor';
import { ApplicationsService } from '../modules/applications/applications.service';
import { AttachmentsService } from '../modules/applications/use-cases/attachments/attachments.service';
import { SubmitApplicationService } from '../modules/applications/use-cases/submit-application/submit-application.service';
import { CompetitionsService, CompetitionView } from '../modules/competitions/competitions.service';
import { COMPETITION_TEMPLATES } from '../modules/competitions/domain/competition-templates';
import type { Rulebook } from '../modules/competitions/domain/rulebook.types';
import { sampleAnswers } from '../modules/competitions/domain/sample-answers';
import { Competition } from '../modules/competitions/entities/competition.entity';
import { User } from '../modules/identity/entities/user.entity';
import { Organization } from '../modules/organizations/entities/organization.entity';
import { OrganizationRepresentative } from '../modules/organizations/entities/organization-representative.entity';
import { TerritoriesService } from '../modules/territories/territories.service';
import { attachRequiredDocuments, demoApplicant } from './demo-applicants';

const DAY = 24 * 3600 * 1000;
/** Invented first names; surnames say "participant". No one from the source documents. */
const FIRST_NAMES = ['Алмас', 'Дана', 'Ерасыл', 'Жансая', 'Ислам', 'Камила', 'Нұрсұлтан', 'Аружан'];

/**
 * One competition of each template, open, with applications in different states — made
 * through the same services as the API, so the demo obeys every rule the product enforces.
 */
@Injectable()
export class DemoCompetitionsService {
  private serial = 7000;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly competitions: CompetitionsService,
    private readonly applications: ApplicationsService,
    private readonly submission: SubmitApplicationService,
    private readonly attachments: AttachmentsService,
    private readonly territories: TerritoriesService,
  ) {}

  async load(organizerEmail: string, passwordHash: string): Promise<string[]> {
    const organizer = await this.db.getRepository(User).findOneByOrFail({ email: organizerEmail });
    const organizerActor: Actor = { ...systemActor('demo'), userId: organizer.id, isAdmin: true };
    const created: string[] = [];
    for (const template of COMPETITION_TEMPLATES) {
      const titleKk = `${template.name.kk} (демо)`;
      if (await this.db.getRepository(Competition).existsBy({ titleKk })) continue;
      const draft = await this.competitions.create(
        {
          templateCode: template.code,
          title: { kk: titleKk, ru: `${template.name.ru} (демо)` },
          submissionDeadline: new Date(Date.now() + 14 * DAY).toISOString(),
        },
        organizerActor,
      );
      const competition = await this.competitions.open(draft.id, organizerActor);
      await this.fill(competition, passwordHash);
      created.push(titleKk);
    }
    return created;
  }

  /** Three submitted, one left as a draft, one withdrawn. */
  private async fill(competition: CompetitionView, passwordHash: string): Promise<void> {
    const rb = competition.rulebook;
    const states = ['submitted', 'submitted', 'submitted', 'draft', 'withdrawn'];
    for (const [i, state] of states.entries()) {
      const applicant = await demoApplicant(this.db, `${competition.templateCode}-${i + 1}@demo.kz`, i, passwordHash);
      const kind = rb.applicantKinds.find((k) => k !== 'host_organization') ?? rb.applicantKinds[0];
      const organizationId = kind === 'ngo' ? await this.organizationFor(applicant) : undefined;
      const app = await this.applications.createDraft(
        competition.id,
        { applicantKind: kind, organizationId },
        applicant,
      );
      await this.applications.update(
        app.id,
        {
          version: app.version,
          title: `Демо жоба №${i + 1}: жастар бастамасы`,
          territoryCode: await this.territoryIn(rb),
          ...(rb.directions.length ? { direction: rb.directions[i % rb.directions.length] } : {}),
          ...(rb.nominations.length ? { nomination: rb.nominations[i % rb.nominations.length].code } : {}),
          answers: sampleAnswers(rb.fields),
        },
        applicant,
      );
      if (rb.team) {
        const age = Math.round(((rb.team.minAge ?? 20) + (rb.team.maxAge ?? 30)) / 2);
        const members = Array.from({ length: rb.team.minSize }, (_, m) => this.member(age, m));
        await this.applications.putTeam(app.id, { leaderIin: members[0].iin, members }, applicant);
      }
      if (rb.funding) {
        const cap = rb.funding.amountCap ?? 200_000;
        await this.applications.putBudget(
          app.id,
          {
            lines: [
              { item: 'Материалдар мен жабдық', quantity: 2, unitCost: Math.floor(cap / 4) },
              { item: 'Іс-шара өткізу', quantity: 1, unitCost: Math.floor(cap / 5) },
            ],
          },
          applicant,
        );
      }
      await attachRequiredDocuments(this.attachments, app.id, rb, applicant);
      if (state !== 'draft') await this.submission.submit(app.id, applicant);
      if (state === 'withdrawn') await this.submission.withdraw(app.id, applicant);
    }
  }

  private async organizationFor(actor: Actor): Promise<string> {
    this.serial += 1;
    const org = await this.db.getRepository(Organization).save({
      bin: makeBin('2018-04', this.serial),
      name: `«Демо ҮЕҰ ${this.serial}» қоғамдық бірлестігі`,
      kind: 'ngo',
      regionCode: 'ULT',
      registeredOn: '2018-04-12',
      headName: 'Басшыұлы Демо',
      accountantName: 'Есепшіқызы Демо',
      createdBy: actor.userId!,
    });
    await this.db
      .getRepository(OrganizationRepresentative)
      .save({ organizationId: org.id, userId: actor.userId!, addedBy: actor.userId });
    return org.id;
  }

  private member(age: number, index: number) {
    this.serial += 1;
    const birth = `${new Date().getUTCFullYear() - age}-03-${String(10 + (index % 15)).padStart(2, '0')}`;
    return {
      iin: makeIin(birth, index % 2 ? 'male' : 'female', this.serial),
      lastName: 'Қатысушыұлы',
      firstName: FIRST_NAMES[this.serial % FIRST_NAMES.length],
      phone: `+7 700 100 ${String(this.serial).slice(-4, -2)} ${String(this.serial).slice(-2)}`,
    };
  }

  /** A territory the rulebook accepts: a district under the first region when districts are required. */
  private async territoryIn(rb: Rulebook): Promise<string> {
    const first = rb.territory.scope[0] ?? 'ZHT';
    if (rb.territory.level !== 'district' || first.includes('-')) return first;
    const children = await this.territories.list(first);
    return children.find((t) => t.kind === 'district')?.code ?? children[0]?.code ?? first;
  }
}
