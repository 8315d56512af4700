import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { makeIin } from '../../libs/kz';
import { Actor, systemActor } from '../common/http/actor';
import { MembershipsService } from '../modules/access/memberships.service';
import { AllocationService } from '../modules/allocation/allocation.service';
import { ApplicationsService } from '../modules/applications/applications.service';
import { AttachmentsService } from '../modules/applications/use-cases/attachments/attachments.service';
import { SubmitApplicationService } from '../modules/applications/use-cases/submit-application/submit-application.service';
import { AuditService } from '../modules/audit/audit.service';
import { CompetitionsService, CompetitionView } from '../modules/competitions/competitions.service';
import { COMPETITION_TEMPLATES } from '../modules/competitions/domain/competition-templates';
import type { Criterion } from '../modules/competitions/domain/rulebook.types';
import { sampleAnswers } from '../modules/competitions/domain/sample-answers';
import { Competition } from '../modules/competitions/entities/competition.entity';
import { User } from '../modules/identity/entities/user.entity';
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

export interface StoryResult {
  key: 'results' | 'draw' | 'scoring';
  competitionId: string;
  created: boolean;
}

type Team = { iin: string; lastName: string; firstName: string; phone: string }[];

/**
 * Two competitions that have gone further than "open", run day by day with the demo's clock
 * through the same services the API calls (lifecycle moves, audit entries, e-mails in the outbox):
 * mini-grants with published results and the protocol, and youth micro-projects with a finished draw.
 */
@Injectable()
export class DemoStoryService {
  private serial = 0;

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
    try {
      return [
        await this.publishedResults(organizerActor, experts, passwordHash, time),
        await this.finishedDraw(organizerActor, experts, passwordHash, time),
        await this.scoringUnderway(organizerActor, experts, passwordHash, time),
      ];
    } finally {
      time.reset();
    }
  }

  /** Mini-grants, one per district: 8 groups in 5 districts, screened, scored by 3 members, results published. */
  private async publishedResults(
    organizer: Actor,
    experts: User[],
    passwordHash: string,
    time: DemoTime,
  ): Promise<StoryResult> {
    const template = COMPETITION_TEMPLATES.find((x) => x.code === 'mini-grants-district')!;
    const title = {
      kk: `${template.name.kk} — нәтижелері жарияланды (демо)`,
      ru: `${template.name.ru} — итоги опубликованы (демо)`,
    };
    const existing = await this.db.getRepository(Competition).findOneBy({ titleKk: title.kk });
    if (existing) return { key: 'results', competitionId: existing.id, created: false };

    const start = this.daysAgo(40);
    time.set(start);
    const districts = (await this.territories.list(template.rulebook.territory.scope[0]))
      .filter((t) => t.kind === 'district')
      .slice(0, 5);
    const draft = await this.competitions.create(
      { templateCode: template.code, title, submissionDeadline: new Date(start.getTime() + 10 * DAY).toISOString() },
      organizer,
    );
    const competition = await this.competitions.open(draft.id, organizer, { acknowledgeWarnings: true });
    await this.commissionOf(competition.id, experts, organizer);

    // Eight initiative groups in five districts (two districts get two applications each).
    const shares = [0.92, 0.55, 0.81, 0.66, 0.74, 0.48, 0.87, 0.6];
    const ids: string[] = [];
    for (const [i] of shares.entries()) {
      time.set(new Date(start.getTime() + (1 + i) * DAY + 3 * HOUR));
      const applicant = await demoApplicant(this.db, `mini-grants-results-${i + 1}@demo.kz`, i, passwordHash);
      ids.push(
        await this.submitted(competition, applicant, {
          title: PROJECTS[i],
          territoryCode: districts[i % districts.length].code,
          team: this.team(3 + (i % 3), [24, 45], i),
        }),
      );
    }

    // The deadline passes; intake closes, the checklist runs, one application is screened out.
    time.set(new Date(start.getTime() + 11 * DAY));
    await this.competitions.close(competition.id, organizer);
    await this.screening.run(competition.id, organizer);
    time.set(new Date(start.getTime() + 12 * DAY));
    const out = 5;
    for (const [i, id] of ids.entries()) {
      await this.screening.decide(
        id,
        i === out
          ? {
              decision: 'screened_out',
              comment: 'Жоба бюджетінде жалақы шығыстары 50%-дан асады; ереже бойынша рұқсат етілмейді',
              overrides: [{ rule: 'required_documents', passed: false, comment: 'Серіктестің хаты қолсыз' }],
            }
          : { decision: 'screened_in' },
        organizer,
      );
    }
    time.set(new Date(start.getTime() + 13 * DAY));
    await this.screening.publish(competition.id, organizer);

    // Every member scores every application, each a little differently.
    time.set(new Date(start.getTime() + 14 * DAY));
    await this.commission.assign(competition.id, {}, organizer);
    await this.scoreAll(
      ids.filter((_, i) => i !== out),
      ids.map((id, i) => [id, shares[i]] as const),
      experts,
      competition.rulebook.criteria,
      time,
      start.getTime() + 15 * DAY,
    );

    // The meeting: scoring closes, the secretary records the protocol, the selection is applied, results published.
    const meetingDay = new Date(start.getTime() + 22 * DAY);
    time.set(meetingDay);
    await this.results.close(competition.id, {}, organizer);
    await this.meeting(
      competition.id,
      '1',
      meetingDay,
      'Талдықорған қ., Жансүгіров көшесі, 1, мәжіліс залы',
      experts,
      organizer,
    );
    await this.results.selection(competition.id, organizer);
    time.set(new Date(start.getTime() + 24 * DAY));
    await this.results.publish(competition.id, organizer);
    return { key: 'results', competitionId: competition.id, created: true };
  }

  /** Youth micro-projects: 9 teams in 3 regions, shortlisted, then the A/B/C draw with public entropy. */
  private async finishedDraw(
    organizer: Actor,
    experts: User[],
    passwordHash: string,
    time: DemoTime,
  ): Promise<StoryResult> {
    const template = COMPETITION_TEMPLATES.find((x) => x.code === 'youth-micro-projects')!;
    const title = {
      kk: `${template.name.kk} — жеребе тартылды (демо)`,
      ru: `${template.name.ru} — жеребьёвка проведена (демо)`,
    };
    const existing = await this.db.getRepository(Competition).findOneBy({ titleKk: title.kk });
    if (existing) return { key: 'draw', competitionId: existing.id, created: false };

    const start = this.daysAgo(35);
    time.set(start);
    const draft = await this.competitions.create(
      { templateCode: template.code, title, submissionDeadline: new Date(start.getTime() + 10 * DAY).toISOString() },
      organizer,
    );
    const competition = await this.competitions.open(draft.id, organizer, { acknowledgeWarnings: true });
    await this.commissionOf(competition.id, experts, organizer);

    const regions = ['ALM', 'KAR', 'PAV'];
    const shares = [0.9, 0.72, 0.64, 0.83, 0.58, 0.77, 0.69, 0.86, 0.61];
    const ids: string[] = [];
    for (const [i] of shares.entries()) {
      time.set(new Date(start.getTime() + (1 + i) * DAY + (2 + (i % 4) * 2) * HOUR));
      const applicant = await demoApplicant(this.db, `youth-draw-${i + 1}@demo.kz`, i + 3, passwordHash);
      ids.push(
        await this.submitted(competition, applicant, {
          title: PROJECTS[(i + 3) % PROJECTS.length],
          territoryCode: regions[i % regions.length],
          team: this.team(3 + (i % 2), [19, 28], i + 11),
        }),
      );
    }

    time.set(new Date(start.getTime() + 11 * DAY));
    await this.competitions.close(competition.id, organizer);
    await this.screening.run(competition.id, organizer);
    time.set(new Date(start.getTime() + 12 * DAY));
    // Every checklist passed: the organizer confirms them all at once.
    await this.screening.decideMany(competition.id, { accept: 'passing' }, organizer);
    await this.screening.publish(competition.id, organizer);

    time.set(new Date(start.getTime() + 13 * DAY));
    await this.commission.assign(competition.id, {}, organizer);
    await this.scoreAll(
      ids,
      ids.map((id, i) => [id, shares[i]] as const),
      experts,
      competition.rulebook.criteria,
      time,
      start.getTime() + 14 * DAY,
    );

    const meetingDay = new Date(start.getTime() + 20 * DAY);
    time.set(meetingDay);
    await this.results.close(competition.id, {}, organizer);
    await this.meeting(competition.id, '2', meetingDay, 'Алматы қ., Абай даңғылы, 52, 3-қабат', experts, organizer);
    await this.results.selection(competition.id, organizer);

    // The draw: announced a day ahead, drawn at that hour with five numbers drawn on camera.
    time.set(new Date(start.getTime() + 21 * DAY));
    const announcedAt = new Date(start.getTime() + 22 * DAY);
    await this.allocation.prepare(competition.id, { announcedAt: announcedAt.toISOString() }, organizer);
    time.set(new Date(announcedAt.getTime() + 5 * 60 * 1000));
    await this.allocation.run(competition.id, { publicEntropy: '04 17 23 38 45' }, organizer);
    time.set(new Date(start.getTime() + 23 * DAY));
    await this.results.publish(competition.id, organizer);
    return { key: 'draw', competitionId: competition.id, created: true };
  }

  /**
   * Mini-grants in the middle of scoring: 6 groups screened in and assigned to the three experts;
   * the third has scored everything, the second two applications, the first none yet, so a
   * commission member signing in as expert@demo.kz finds a queue to score in the browser.
   */
  private async scoringUnderway(
    organizer: Actor,
    experts: User[],
    passwordHash: string,
    time: DemoTime,
  ): Promise<StoryResult> {
    const template = COMPETITION_TEMPLATES.find((x) => x.code === 'mini-grants-district')!;
    const title = {
      kk: `${template.name.kk} — комиссия бағалап жатыр (демо)`,
      ru: `${template.name.ru} — комиссия оценивает (демо)`,
    };
    const existing = await this.db.getRepository(Competition).findOneBy({ titleKk: title.kk });
    if (existing) return { key: 'scoring', competitionId: existing.id, created: false };

    const start = this.daysAgo(20);
    time.set(start);
    const districts = (await this.territories.list(template.rulebook.territory.scope[0]))
      .filter((t) => t.kind === 'district')
      .slice(0, 6);
    const draft = await this.competitions.create(
      { templateCode: template.code, title, submissionDeadline: new Date(start.getTime() + 10 * DAY).toISOString() },
      organizer,
    );
    const competition = await this.competitions.open(draft.id, organizer, { acknowledgeWarnings: true });
    await this.commissionOf(competition.id, experts, organizer);
    const shares = [0.84, 0.62, 0.77, 0.51, 0.9, 0.68];
    const ids: string[] = [];
    for (const [i] of shares.entries()) {
      time.set(new Date(start.getTime() + (1 + i) * DAY + 4 * HOUR));
      const applicant = await demoApplicant(this.db, `mini-grants-scoring-${i + 1}@demo.kz`, i + 20, passwordHash);
      ids.push(
        await this.submitted(competition, applicant, {
          title: PROJECTS[(i + 5) % PROJECTS.length],
          territoryCode: districts[i % districts.length].code,
          team: this.team(3 + (i % 2), [23, 50], i + 30),
        }),
      );
    }
    time.set(new Date(start.getTime() + 11 * DAY));
    await this.competitions.close(competition.id, organizer);
    await this.screening.run(competition.id, organizer);
    time.set(new Date(start.getTime() + 12 * DAY));
    await this.screening.decideMany(competition.id, { accept: 'passing' }, organizer);
    await this.screening.publish(competition.id, organizer);
    time.set(new Date(start.getTime() + 13 * DAY));
    await this.commission.assign(competition.id, {}, organizer);
    const scored = [experts[2], experts[1]].map((expert, m) => ({ expert, count: m === 0 ? ids.length : 2 }));
    for (const [m, { expert, count }] of scored.entries()) {
      const actor: Actor = { ...systemActor('demo'), userId: expert.id, isAdmin: false };
      for (const [k, id] of ids.slice(0, count).entries()) {
        time.set(new Date(start.getTime() + (14 + m) * DAY + k * 25 * 60 * 1000));
        const scores = scoresAt(competition.rulebook.criteria, shares[k] + (m === 0 ? 0.04 : -0.05));
        await this.commission.putScores(id, { version: 0, scores }, actor);
      }
    }
    return { key: 'scoring', competitionId: competition.id, created: true };
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

  private async scoreAll(
    ids: string[],
    shares: (readonly [string, number])[],
    experts: User[],
    criteria: Criterion[],
    time: DemoTime,
    from: number,
  ): Promise<void> {
    const shareOf = new Map(shares);
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

  private async meeting(
    competitionId: string,
    number: string,
    day: Date,
    place: string,
    experts: User[],
    organizer: Actor,
  ): Promise<void> {
    const heldOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(day);
    await this.meetings.set(
      competitionId,
      {
        number,
        heldOn,
        place,
        chairUserId: experts[0].id,
        secretaryUserId: experts[1].id,
        attendeeUserIds: experts.map((e) => e.id),
      },
      organizer,
    );
  }

  private async submitted(
    competition: CompetitionView,
    applicant: Actor,
    input: { title: string; territoryCode: string; team: Team },
  ): Promise<string> {
    const rb = competition.rulebook;
    const app = await this.applications.createDraft(competition.id, { applicantKind: 'initiative_group' }, applicant);
    await this.applications.update(
      app.id,
      {
        version: app.version,
        title: input.title,
        territoryCode: input.territoryCode,
        ...(rb.directions.length ? { direction: rb.directions[this.serial % rb.directions.length] } : {}),
        answers: sampleAnswers(rb.fields),
      },
      applicant,
    );
    await this.applications.putTeam(app.id, { leaderIin: input.team[0].iin, members: input.team }, applicant);
    if (rb.funding) {
      const cap = rb.funding.amountCap ?? 200_000;
      const extra = (this.serial % 5) * 10_000;
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

  /** A team of invented people aged within `ages`, women and men alternating. */
  private team(size: number, ages: [number, number], seed: number): Team {
    const year = new Date().getUTCFullYear();
    return Array.from({ length: size }, (_, m) => {
      this.serial += 1;
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
