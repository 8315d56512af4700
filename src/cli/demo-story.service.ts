import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { makeBin, makeIin, parseIin } from '../../libs/kz';
import { Actor, systemActor } from '../common/http/actor';
import { MembershipsService } from '../modules/access/memberships.service';
import { AllocationService } from '../modules/allocation/allocation.service';
import { ApplicationsService } from '../modules/applications/applications.service';
import { AttachmentsService } from '../modules/applications/use-cases/attachments/attachments.service';
import { SubmitApplicationService } from '../modules/applications/use-cases/submit-application/submit-application.service';
import { AuditService } from '../modules/audit/audit.service';
import { CompetitionsService, CompetitionView } from '../modules/competitions/competitions.service';
import { COMPETITION_TEMPLATES, CompetitionTemplate } from '../modules/competitions/domain/competition-templates';
import type { ApplicantKind, Criterion } from '../modules/competitions/domain/rulebook.types';
import { sampleAnswers } from '../modules/competitions/domain/sample-answers';
import { Competition } from '../modules/competitions/entities/competition.entity';
import type { PersonDto } from '../modules/identity/dto/person.dto';
import { EducationStatus, Person } from '../modules/identity/entities/person.entity';
import { User } from '../modules/identity/entities/user.entity';
import { PeopleService } from '../modules/identity/people.service';
import { Organization } from '../modules/organizations/entities/organization.entity';
import { OrganizationsService } from '../modules/organizations/organizations.service';
import { CommissionService } from '../modules/scoring/commission.service';
import { ProtocolMeetings } from '../modules/scoring/protocol-meeting.service';
import { ResultsService } from '../modules/scoring/results.service';
import { ScreeningService } from '../modules/screening/screening.service';
import { TerritoriesService } from '../modules/territories/territories.service';
import type { DemoTime } from './demo-clock';
import { attachRequiredDocuments, demoApplicant } from './demo-applicants';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

/** Invented people: none of these names belong to anyone in the source documents. */
const WOMEN = {
  first: ['Әсел', 'Балжан', 'Гүлзада', 'Жазира', 'Іңкәр', 'Меруерт', 'Назерке', 'Томирис', 'Сымбат', 'Ұлжан'],
  last: ['Бекмұратова', 'Сейітқалиева', 'Оспанова', 'Қасымова', 'Әбілова', 'Төлеуова', 'Жақыпова', 'Мырзахметова'],
};
const MEN = {
  first: ['Арман', 'Бауыржан', 'Дәурен', 'Ержан', 'Қайрат', 'Мирас', 'Нұрбол', 'Рауан', 'Темірлан', 'Шыңғыс'],
  last: ['Жұмабаев', 'Тілеубердиев', 'Нұрланов', 'Серікбаев', 'Әлімжанов', 'Досқалиев', 'Байжанов', 'Құдайбергенов'],
};

const PROJECTS = [
  'Ауыл кітапханасында балаларға арналған оқу бұрышы',
  'Аула спорт алаңын жөндеу',
  'Қарттарға үйде көмек көрсететін еріктілер тобы',
  'Мектеп жанындағы жылыжай',
  'Өзен жағасын тазалау және ағаш отырғызу',
  'Ерекше балаларға арналған шығармашылық үйірме',
  'Ауылдағы жастарға IT-сабақтар',
  'Қоқысты сұрыптау бойынша ақпараттық науқан',
  'Жасөспірімдерге арналған кино клуб',
  'Жергілікті қолөнер шеберханасы',
];

/** What a volunteer has done, as the application's title says it. */
const VOLUNTEER_WORK = [
  'Қарттар үйіне апта сайынғы көмек',
  'Жағалауды тазалау акцияларын ұйымдастыру',
  'Облыстық спорт жарыстарындағы еріктілер тобы',
  'Мектеп оқушыларына тегін репетиторлық',
  'Жануарлар баспанасындағы волонтерлік',
  'Су тасқыны кезінде көмек пунктінде кезекшілік',
  'Мүмкіндігі шектеулі балаларға арналған ойын күндері',
];

function templateOf(code: string): CompetitionTemplate {
  return COMPETITION_TEMPLATES.find((x) => x.code === code)!;
}

export type StoryKey = 'results' | 'draw' | 'scoring' | 'short-term' | 'volunteers';

export interface StoryResult {
  key: StoryKey;
  competitionId: string;
  created: boolean;
}

type Team = { iin: string; lastName: string; firstName: string; phone: string; educationStatus?: EducationStatus }[];

/** One application of a story: who applies, for what, and how well the commission will score it. */
interface Entrant {
  email: string;
  /** Kazakh or Russian by turns, as the other demo applicants. */
  accountIndex: number;
  kind: ApplicantKind;
  /** The NGO or host organization applying (host@demo.kz's own). */
  organizationId?: string;
  title: string;
  territoryCode: string;
  team?: Team;
  nomination?: string;
  /** An individual applicant's own profile (volunteers): the winners list names them from it. */
  person?: PersonDto;
  /** Share of each criterion's maximum the commission gives, before each member's own lean. */
  share: number;
  answers?: Record<string, unknown>;
  /** A budget where the rulebook asks for none («Сәтті қадам»): the contract's sum comes from it. */
  budget?: boolean;
}

/**
 * A story competition from creation to where it stops: each step on its own day of the demo's
 * clock, through the services the API calls. Every story but the scoring one ends with its
 * results published (after the draw, for a draw template).
 */
interface StoryPlan {
  key: StoryKey;
  templateCode: string;
  title: { kk: string; ru: string };
  /** The day the competition was created, counted back from today. */
  daysAgo: number;
  entrants: Entrant[];
  /** One application the organizer screens out, with the reason. */
  screenOut?: { index: number; comment: string; overrides: { rule: string; passed: boolean; comment: string }[] };
  /** 'all': every member scores everything, the meeting, selection and publication follow; 'partial': stop half-way. */
  scoring: 'all' | 'partial';
  meeting?: { number: string; place: string };
  draw?: { publicEntropy: string };
}

/**
 * The story competitions, which have gone further than "open": run day by day with the demo's
 * clock through the same services the API calls (lifecycle moves, audit entries, e-mails in the
 * outbox) — mini-grants with published results and the protocol, youth micro-projects with a
 * finished draw, mini-grants half-way through scoring, «Сәтті қадам» and volunteer awards with
 * published results. What comes after the decision is DemoAfterDecisionService's.
 */
@Injectable()
export class DemoStoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly competitions: CompetitionsService,
    private readonly applications: ApplicationsService,
    private readonly submission: SubmitApplicationService,
    private readonly attachments: AttachmentsService,
    private readonly territories: TerritoriesService,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
    private readonly screening: ScreeningService,
    private readonly commission: CommissionService,
    private readonly results: ResultsService,
    private readonly meetings: ProtocolMeetings,
    private readonly allocation: AllocationService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * Idempotent: a story competition that exists (by its title) is left as it is. Ends with the
   * clock back on real time.
   */
  async load(
    organizerEmail: string,
    expertEmails: string[],
    passwordHash: string,
    time: DemoTime,
  ): Promise<StoryResult[]> {
    const organizer = await this.userByEmail(organizerEmail);
    // As in DemoCompetitionsService: the demo organizer may create competitions on a fresh database.
    const organizerActor: Actor = { ...systemActor('demo'), userId: organizer.id, isAdmin: true };
    const experts = await Promise.all(expertEmails.map((e) => this.userByEmail(e)));
    const run = (plan: StoryPlan) => this.run(plan, organizerActor, experts, passwordHash, time);
    try {
      return [
        await run(await this.publishedResultsPlan()),
        await run(await this.finishedDrawPlan()),
        await run(await this.scoringUnderwayPlan()),
        await run(await this.shortTermProjectsPlan()),
        await run(this.volunteerAwardsPlan()),
      ];
    } finally {
      time.reset();
    }
  }

  /** Mini-grants, one per district: 8 groups in 5 districts, one screened out, results published. */
  private async publishedResultsPlan(): Promise<StoryPlan> {
    const template = templateOf('mini-grants-district');
    const districts = await this.districts(template.rulebook.territory.scope[0], 5);
    const shares = [0.92, 0.55, 0.81, 0.66, 0.74, 0.48, 0.87, 0.6];
    return {
      key: 'results',
      templateCode: template.code,
      title: {
        kk: `${template.name.kk} — нәтижелері жарияланды (демо)`,
        ru: `${template.name.ru} — итоги опубликованы (демо)`,
      },
      daysAgo: 40,
      entrants: shares.map((share, i) => ({
        email: `mini-grants-results-${i + 1}@demo.kz`,
        accountIndex: i,
        kind: 'initiative_group',
        title: PROJECTS[i],
        territoryCode: districts[i % districts.length],
        team: this.team(3 + (i % 3), [24, 45], i),
        share,
        answers: { startDate: this.dayString(this.daysAgo(12)) },
      })),
      screenOut: {
        index: 5,
        comment: 'Жоба бюджетінде жалақы шығыстары 50%-дан асады; ереже бойынша рұқсат етілмейді',
        overrides: [{ rule: 'required_documents', passed: false, comment: 'Серіктестің хаты қолсыз' }],
      },
      scoring: 'all',
      meeting: { number: '1', place: 'Талдықорған қ., Жансүгіров көшесі, 1, мәжіліс залы' },
    };
  }

  /**
   * Youth micro-projects: 9 teams in 3 regions, shortlisted, then the A/B/C draw with public
   * entropy. Pavlodar's three teams come through host@demo.kz's Pavlodar host organization: three
   * in one region are drawn one into each arm, so a host organization's team is in arm A and
   * another in arm B whatever the draw (their contracts show the 15% overhead line). Members
   * state their education status, so the stipends register has sums.
   */
  private async finishedDrawPlan(): Promise<StoryPlan> {
    const template = templateOf('youth-micro-projects');
    const host = await this.hostOrganizationIn('PAV');
    const regions = ['ALM', 'KAR', 'PAV'];
    const shares = [0.9, 0.72, 0.64, 0.83, 0.58, 0.77, 0.69, 0.86, 0.61];
    const statuses: EducationStatus[] = [
      'university_student',
      'university_graduate',
      'school_leaver',
      'college_student',
      'college_graduate',
      'other',
    ];
    return {
      key: 'draw',
      templateCode: template.code,
      title: {
        kk: `${template.name.kk} — жеребе тартылды (демо)`,
        ru: `${template.name.ru} — жеребьёвка проведена (демо)`,
      },
      daysAgo: 35,
      entrants: shares.map((share, i) => {
        const throughHost = regions[i % regions.length] === 'PAV';
        const team = this.team(3 + (i % 2), [19, 28], i + 11).map((m, k) => ({
          ...m,
          educationStatus: statuses[(i + k) % statuses.length],
        }));
        return {
          email: throughHost ? 'host@demo.kz' : `youth-draw-${i + 1}@demo.kz`,
          accountIndex: i + 3,
          kind: throughHost ? 'host_organization' : 'initiative_group',
          organizationId: throughHost ? host : undefined,
          title: PROJECTS[(i + 3) % PROJECTS.length],
          territoryCode: regions[i % regions.length],
          team,
          share,
        };
      }),
      scoring: 'all',
      meeting: { number: '2', place: 'Алматы қ., Абай даңғылы, 52, 3-қабат' },
      draw: { publicEntropy: '04 17 23 38 45' },
    };
  }

  /**
   * Mini-grants in the middle of scoring: 6 groups screened in and assigned to the three experts;
   * the third has scored everything, the second two applications, the first none yet, so a
   * commission member signing in as expert@demo.kz finds a queue to score in the browser.
   */
  private async scoringUnderwayPlan(): Promise<StoryPlan> {
    const template = templateOf('mini-grants-district');
    const districts = await this.districts(template.rulebook.territory.scope[0], 6);
    const shares = [0.84, 0.62, 0.77, 0.51, 0.9, 0.68];
    return {
      key: 'scoring',
      templateCode: template.code,
      title: {
        kk: `${template.name.kk} — комиссия бағалап жатыр (демо)`,
        ru: `${template.name.ru} — комиссия оценивает (демо)`,
      },
      daysAgo: 20,
      entrants: shares.map((share, i) => ({
        email: `mini-grants-scoring-${i + 1}@demo.kz`,
        accountIndex: i + 20,
        kind: 'initiative_group',
        title: PROJECTS[(i + 5) % PROJECTS.length],
        territoryCode: districts[i % districts.length],
        team: this.team(3 + (i % 2), [23, 50], i + 30),
        share,
      })),
      scoring: 'partial',
    };
  }

  /** «Сәтті қадам»: 6 two-month projects of one district, scored, 3 winners by place, results published. */
  private async shortTermProjectsPlan(): Promise<StoryPlan> {
    const template = templateOf('short-term-projects');
    const scope = template.rulebook.territory.scope[0];
    const shares = [0.88, 0.63, 0.79, 0.7, 0.57, 0.83];
    return {
      key: 'short-term',
      templateCode: template.code,
      title: {
        kk: `${template.name.kk} — жеңімпаздар анықталды (демо)`,
        ru: `${template.name.ru} — победители определены (демо)`,
      },
      daysAgo: 45,
      entrants: shares.map((share, i) => ({
        email: `satti-qadam-${i + 1}@demo.kz`,
        accountIndex: i + 40,
        kind: 'initiative_group',
        title: PROJECTS[(i + 2) % PROJECTS.length],
        territoryCode: scope,
        team: this.team(3 + (i % 2), [20, 55], i + 50),
        share,
        // A two-month project with a small budget: the contract's sum comes from it.
        budget: true,
        answers: { startDate: this.dayString(this.daysAgo(18)) },
      })),
      scoring: 'all',
      meeting: { number: '3', place: 'Жаңаарқа ауданы, Атасу к., Тәуелсіздік көшесі, 12, әкімдік мәжіліс залы' },
    };
  }

  /** Volunteer awards: 7 volunteers in 4 nominations, scored, one winner per nomination, results published. */
  private volunteerAwardsPlan(): StoryPlan {
    const template = templateOf('volunteer-awards');
    const nominations = template.rulebook.nominations.map((n) => n.code);
    const picks = [0, 0, 1, 2, 2, 3, 1];
    const shares = [0.91, 0.68, 0.74, 0.62, 0.85, 0.8, 0.88];
    return {
      key: 'volunteers',
      templateCode: template.code,
      title: {
        kk: `${template.name.kk} — жеңімпаздар анықталды (демо)`,
        ru: `${template.name.ru} — победители определены (демо)`,
      },
      daysAgo: 50,
      entrants: shares.map((share, i) => {
        const [person] = this.team(1, [17, 40], i + 70);
        const iin = parseIin(person.iin);
        if (!iin.ok) throw new Error(`demo IIN ${person.iin} is invalid`);
        return {
          email: `volunteer-${i + 1}@demo.kz`,
          accountIndex: i + 60,
          kind: 'individual',
          title: VOLUNTEER_WORK[i % VOLUNTEER_WORK.length],
          territoryCode: template.rulebook.territory.scope[0],
          nomination: nominations[picks[i]],
          person: {
            iin: person.iin,
            lastName: person.lastName,
            firstName: person.firstName,
            birthDate: iin.birthDate,
            gender: iin.sex,
            phone: person.phone,
            socialCategories: [],
            educationStatus: 'other',
            hasDisability: false,
          } as PersonDto,
          share,
        };
      }),
      scoring: 'all',
      meeting: { number: '4', place: 'Ақтау қ., 14-шағын аудан, 1-үй, жастар орталығы' },
    };
  }

  /**
   * One story from creation to its stop: open, applications submitted day by day, intake
   * closed, screening (one screened out, or all passing confirmed at once), the commission
   * assigned and scoring, the meeting recorded, the selection applied, the draw where the
   * template has one, results published.
   */
  private async run(
    plan: StoryPlan,
    organizer: Actor,
    experts: User[],
    passwordHash: string,
    time: DemoTime,
  ): Promise<StoryResult> {
    const existing = await this.db.getRepository(Competition).findOneBy({ titleKk: plan.title.kk });
    if (existing) return { key: plan.key, competitionId: existing.id, created: false };
    const start = this.daysAgo(plan.daysAgo).getTime();
    const on = (day: number, hours = 0) => time.set(new Date(start + day * DAY + hours * HOUR));

    on(0);
    const draft = await this.competitions.create(
      {
        templateCode: plan.templateCode,
        title: plan.title,
        submissionDeadline: new Date(start + 10 * DAY).toISOString(),
        organizerOrganizationId: await this.organizerOrganization(organizer),
      },
      organizer,
    );
    const competition = await this.competitions.open(draft.id, organizer, { acknowledgeWarnings: true });
    await this.commissionOf(competition.id, experts, organizer);

    const ids: string[] = [];
    for (const [i, entrant] of plan.entrants.entries()) {
      on(1 + i, 2 + (i % 4) * 2);
      const applicant = await demoApplicant(this.db, entrant.email, entrant.accountIndex, passwordHash);
      if (entrant.person && !(await this.db.getRepository(Person).existsBy({ userId: applicant.userId! })))
        await this.people.upsertMyPerson(applicant.userId!, entrant.person, applicant);
      ids.push(await this.submitted(competition, applicant, entrant, i));
    }

    // The deadline passes; intake closes, the checklist runs, the organizer decides, the list is published.
    on(11);
    await this.competitions.close(competition.id, organizer);
    await this.screening.run(competition.id, organizer);
    on(12);
    const out = plan.screenOut;
    if (out) {
      for (const [i, id] of ids.entries()) {
        await this.screening.decide(
          id,
          i === out.index
            ? { decision: 'screened_out', comment: out.comment, overrides: out.overrides }
            : { decision: 'screened_in' },
          organizer,
        );
      }
    } else {
      // Every checklist passed: the organizer confirms them all at once.
      await this.screening.decideMany(competition.id, { accept: 'passing' }, organizer);
    }
    on(13);
    await this.screening.publish(competition.id, organizer);
    await this.commission.assign(competition.id, {}, organizer);
    const scored = ids.filter((_, i) => i !== out?.index);
    const shares = new Map(ids.map((id, i) => [id, plan.entrants[i].share]));
    if (plan.scoring === 'partial') {
      await this.scoreSome(scored, shares, experts, competition.rulebook.criteria, time, start + 14 * DAY);
      return { key: plan.key, competitionId: competition.id, created: true };
    }
    await this.scoreAll(scored, shares, experts, competition.rulebook.criteria, time, start + 14 * DAY);

    // The meeting: scoring closes, the secretary records the protocol, the selection is applied.
    on(20);
    await this.results.close(competition.id, {}, organizer);
    await this.meeting(competition.id, plan.meeting!, new Date(start + 20 * DAY), experts, organizer);
    await this.results.selection(competition.id, organizer);
    if (plan.draw) {
      // The draw: announced a day ahead, drawn at that hour with five numbers drawn on camera.
      on(21);
      const announcedAt = new Date(start + 22 * DAY);
      await this.allocation.prepare(competition.id, { announcedAt: announcedAt.toISOString() }, organizer);
      time.set(new Date(announcedAt.getTime() + 5 * 60 * 1000));
      await this.allocation.run(competition.id, { publicEntropy: plan.draw.publicEntropy }, organizer);
    }
    on(23);
    await this.results.publish(competition.id, organizer);
    return { key: plan.key, competitionId: competition.id, created: true };
  }

  /** The three demo experts join the commission (what accepting an invitation grants), audited. */
  private async commissionOf(competitionId: string, experts: User[], organizer: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const expert of experts) {
        await this.memberships.grant(tx, {
          competitionId,
          userId: expert.id,
          role: 'commission',
          invitedBy: organizer.userId,
        });
        await this.audit.record(tx, organizer, {
          action: 'demo.member_granted',
          entityType: 'competition',
          entityId: competitionId,
          after: { userId: expert.id, role: 'commission' },
        });
      }
    });
  }

  /** Every member scores every application, each a little differently. */
  private async scoreAll(
    ids: string[],
    shareOf: Map<string, number>,
    experts: User[],
    criteria: Criterion[],
    time: DemoTime,
    from: number,
  ): Promise<void> {
    const delta = [-0.08, 0.03, 0.06];
    for (const [m, expert] of experts.entries()) {
      const actor: Actor = { ...systemActor('demo'), userId: expert.id, isAdmin: false };
      for (const [k, id] of ids.entries()) {
        time.set(new Date(from + m * DAY + k * 20 * 60 * 1000));
        const share = shareOf.get(id)! + delta[m] + ((k + m) % 3) * 0.02;
        await this.commission.putScores(id, { version: 0, scores: scoresAt(criteria, share) }, actor);
      }
    }
  }

  /** Half-way: the third member has scored everything, the second two applications, the first none. */
  private async scoreSome(
    ids: string[],
    shareOf: Map<string, number>,
    experts: User[],
    criteria: Criterion[],
    time: DemoTime,
    from: number,
  ): Promise<void> {
    const scored = [experts[2], experts[1]].map((expert, m) => ({ expert, count: m === 0 ? ids.length : 2 }));
    for (const [m, { expert, count }] of scored.entries()) {
      const actor: Actor = { ...systemActor('demo'), userId: expert.id, isAdmin: false };
      for (const [k, id] of ids.slice(0, count).entries()) {
        time.set(new Date(from + m * DAY + k * 25 * 60 * 1000));
        const scores = scoresAt(criteria, shareOf.get(id)! + (m === 0 ? 0.04 : -0.05));
        await this.commission.putScores(id, { version: 0, scores }, actor);
      }
    }
  }

  private async meeting(
    competitionId: string,
    at: { number: string; place: string },
    day: Date,
    experts: User[],
    organizer: Actor,
  ): Promise<void> {
    await this.meetings.set(
      competitionId,
      {
        number: at.number,
        heldOn: this.dayString(day),
        place: at.place,
        chairUserId: experts[0].id,
        secretaryUserId: experts[1].id,
        attendeeUserIds: experts.map((e) => e.id),
      },
      organizer,
    );
  }

  /** The `index`-th application of its story, through the applicant's own steps, submitted. */
  private async submitted(
    competition: CompetitionView,
    applicant: Actor,
    entrant: Entrant,
    index: number,
  ): Promise<string> {
    const rb = competition.rulebook;
    const app = await this.applications.createDraft(
      competition.id,
      { applicantKind: entrant.kind, organizationId: entrant.organizationId },
      applicant,
    );
    await this.applications.update(
      app.id,
      {
        version: app.version,
        title: entrant.title,
        territoryCode: entrant.territoryCode,
        ...(rb.directions.length ? { direction: rb.directions[index % rb.directions.length] } : {}),
        ...(entrant.nomination ? { nomination: entrant.nomination } : {}),
        answers: { ...sampleAnswers(rb.fields), ...entrant.answers },
      },
      applicant,
    );
    if (entrant.team)
      await this.applications.putTeam(app.id, { leaderIin: entrant.team[0].iin, members: entrant.team }, applicant);
    if (rb.funding || entrant.budget) {
      const cap = rb.funding?.amountCap ?? 200_000;
      const extra = (index % 5) * 10_000;
      await this.applications.putBudget(
        app.id,
        {
          lines: [
            { item: 'Материалдар мен жабдық', quantity: 2, unitCost: Math.floor(cap / 4) - extra },
            { item: 'Іс-шаралар өткізу', quantity: 1, unitCost: Math.floor(cap / 5) + extra },
          ],
        },
        applicant,
      );
    }
    await attachRequiredDocuments(this.attachments, app.id, rb, applicant);
    await this.submission.submit(app.id, applicant);
    return app.id;
  }

  /**
   * host@demo.kz's youth centre in `region` (a host organization's teams work in its region),
   * registered through the service as the representative would, once.
   */
  private async hostOrganizationIn(region: string): Promise<string> {
    const bin = makeBin('2016-03', 4343);
    const existing = await this.db.getRepository(Organization).findOneBy({ bin });
    if (existing) return existing.id;
    const host = await this.userByEmail('host@demo.kz');
    const created = await this.organizations.create(
      {
        bin,
        name: '«Ертіс жастары» жастар орталығы (демо)',
        kind: 'youth_organization',
        regionCode: region,
        registeredOn: '2016-03-15',
        address: 'Павлодар қ., Кутузов көшесі, 4',
        headName: 'Жастарова Мадина',
        accountantName: 'Есепшиева Сәуле',
      },
      { ...systemActor('demo'), userId: host.id, isAdmin: false },
    );
    return created.id;
  }

  /**
   * The NGO that runs the story competitions (the contracts and the awards documents name it
   * as the organizer party), registered through the service by the organizer, once.
   */
  private async organizerOrganization(organizer: Actor): Promise<string> {
    const bin = makeBin('2012-09', 4141);
    const existing = await this.db.getRepository(Organization).findOneBy({ bin });
    if (existing) return existing.id;
    const created = await this.organizations.create(
      {
        bin,
        name: '«Азаматтық бастамалар орталығы» қоғамдық бірлестігі (демо)',
        kind: 'ngo',
        regionCode: 'ZHT',
        registeredOn: '2012-09-14',
        address: 'Талдықорған қ., Қабанбай батыр көшесі, 15 (демо)',
        headName: 'Ұйымдастырушы Гүлнар',
        accountantName: 'Есепшиева Сәуле',
      },
      organizer,
    );
    return created.id;
  }

  /** The first `count` districts of a region. */
  private async districts(region: string, count: number): Promise<string[]> {
    return (await this.territories.list(region))
      .filter((t) => t.kind === 'district')
      .slice(0, count)
      .map((t) => t.code);
  }

  /** A team of invented people aged within `ages`, women and men alternating. */
  private team(size: number, ages: [number, number], seed: number): Team {
    const year = new Date().getUTCFullYear();
    return Array.from({ length: size }, (_, m) => {
      const female = (seed + m) % 2 === 0;
      const names = female ? WOMEN : MEN;
      const age = ages[0] + ((seed * 7 + m * 5) % (ages[1] - ages[0]));
      const birth = `${year - age}-${String(1 + ((seed + m) % 9)).padStart(2, '0')}-${String(10 + m).padStart(2, '0')}`;
      return {
        iin: makeIin(birth, female ? 'female' : 'male', 8000 + seed * 10 + m),
        lastName: names.last[(seed * 3 + m) % names.last.length],
        firstName: names.first[(seed + m * 4) % names.first.length],
        phone: `+7 705 ${String(200 + seed).padStart(3, '0')} ${String(10 + m).padStart(2, '0')} ${String(50 + seed).padStart(2, '0')}`,
      };
    });
  }

  private userByEmail(email: string): Promise<User> {
    return this.db.getRepository(User).findOneByOrFail({ email });
  }

  /** The calendar day in Kazakhstan. */
  private dayString(at: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(at);
  }

  /** 10:00 in Kazakhstan (UTC+5), `days` days ago. */
  private daysAgo(days: number): Date {
    const at = new Date(Date.now() - days * DAY);
    at.setUTCHours(5, 0, 0, 0);
    return at;
  }
}

/** Points at `share` of each criterion's maximum, on its step; a comment where the rulebook asks for one. */
function scoresAt(criteria: Criterion[], share: number) {
  return criteria.map((c) => {
    const points = Math.min(c.maxPoints, Math.max(0, Math.round((c.maxPoints * share) / c.step) * c.step));
    return {
      criterion: c.code,
      points,
      ...(c.commentBelow !== undefined && points < c.commentBelow ? { comment: 'Жоспары әлсіздеу' } : {}),
    };
  });
}
