import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Actor, systemActor } from '../common/http/actor';
import { MembershipsService } from '../modules/access/memberships.service';
import { AwardsService } from '../modules/awards/awards.service';
import { ContractsService, ContractSummary } from '../modules/contracts/contracts.service';
import type { ContractStatus } from '../modules/contracts/domain/contract-status';
import { User } from '../modules/identity/entities/user.entity';
import { MembersService } from '../modules/members/members.service';
import { MentorsService } from '../modules/mentors/mentors.service';
import { OutboxMessage } from '../modules/notifications/entities/outbox-message.entity';
import { PaymentsService } from '../modules/payments/payments.service';
import { TrainingService } from '../modules/training/training.service';
import { DEMO_PDF } from './demo-applicants';
import type { DemoTime } from './demo-clock';
import type { StoryResult } from './demo-story.service';

const DAY = 24 * 3600 * 1000;
const ZONE = 'Asia/Almaty';

/** How far a demo contract goes: the steps in order, each taken by its own party on its own day. */
const CONTRACT_STEPS = ['draft', 'sent', 'signed_by_grantee', 'active'] as const;
type ContractTarget = (typeof CONTRACT_STEPS)[number];

/** The mentors of the youth story and their teams: one of arm A and one of arm C each (the limit is 2 projects). */
export const DEMO_MENTORS = ['mentor@demo.kz', 'mentor2@demo.kz'] as const;

/**
 * What happens after the decision, on the story competitions whose results are published:
 * prizes recorded and one handed over with its signed act, grant contracts generated, sent,
 * signed by the grantee (a scan uploaded by the winner) and countersigned, mentors invited,
 * accepted and assigned with their meetings logged. Each step through the service the API
 * calls, acting as the person who would take it (the organizer, the winner, the mentor), on
 * its own day of the demo's clock.
 *
 * Idempotent step by step (not by story), so a database loaded before these steps existed
 * gets them too: a step that has happened (a contract past its target, an award recorded or
 * handed over, a membership granted, a team with meetings) is not taken again.
 */
@Injectable()
export class DemoAfterDecisionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly awards: AwardsService,
    private readonly contracts: ContractsService,
    private readonly members: MembersService,
    private readonly memberships: MembershipsService,
    private readonly mentors: MentorsService,
    private readonly payments: PaymentsService,
    private readonly training: TrainingService,
  ) {}

  async load(stories: StoryResult[], organizerEmail: string, time: DemoTime): Promise<void> {
    const organizer = await this.actorFor(organizerEmail);
    const story = (key: StoryResult['key']) => stories.find((s) => s.key === key)?.competitionId;
    try {
      const results = story('results');
      if (results) await this.miniGrantsAfterResults(results, organizer, time);
      const draw = story('draw');
      if (draw) await this.youthAfterDraw(draw, organizer, time);
      const shortTerm = story('short-term');
      if (shortTerm) await this.shortTermAfterResults(shortTerm, organizer, time);
      const volunteers = story('volunteers');
      if (volunteers) await this.volunteerAwardsAfterResults(volunteers, organizer, time);
    } finally {
      time.reset();
    }
  }

  /**
   * Mini-grants: a contract for every winner; in the order of their numbers one is left a
   * draft, one sent, one signed by the grantee, the rest countersigned (in force).
   */
  private async miniGrantsAfterResults(competitionId: string, organizer: Actor, time: DemoTime): Promise<void> {
    time.set(this.daysAgo(15));
    await this.contracts.generate(competitionId, {}, organizer);
    const targets: ContractTarget[] = ['draft', 'sent', 'signed_by_grantee'];
    const list = await this.contracts.list(competitionId, organizer);
    for (const [i, contract] of list.entries()) {
      await this.advance(contract, targets[i] ?? 'active', organizer, time, { sent: 14, signed: 11, active: 9 });
    }
    // The first contract in force has had its first tranche; the other waits for the accountant.
    // (Once reported and paid in full, the first is completed: still the one, so a rerun pays no other.)
    const active = (await this.contracts.list(competitionId, organizer)).find((c) =>
      ['active', 'completed'].includes(c.status),
    );
    if (active?.status === 'active') await this.firstTranche(active, organizer, time, 7);
  }

  /**
   * The first tranche of an active contract paid in full (the accountant's payment order),
   * two days after the countersignature; nothing when it has a payment already.
   */
  private async firstTranche(contract: ContractSummary, organizer: Actor, time: DemoTime, daysAgo: number) {
    const schedule = await this.payments.schedule(contract.id, organizer);
    const first = schedule.tranches.find((t) => t.index === 1);
    if (!first || first.paid > 0 || first.status !== 'due') return;
    const at = this.daysAgo(daysAgo);
    time.set(at);
    await this.payments.record(
      contract.id,
      {
        tranche: 1,
        amount: first.remaining,
        paidOn: this.dayOf(at),
        reference: `ПП ${contract.number}-1`,
        version: schedule.version,
      },
      organizer,
    );
  }

  /**
   * Youth micro-projects after the draw: contracts for the grant arms A and B (the host
   * organization's teams among them, with its overhead on top), arm A's in force; mentors
   * invited and accepted, each with one arm A and one arm C team, their meetings logged
   * (one team behind this month); arm A's first tranches paid; two training sessions.
   */
  private async youthAfterDraw(competitionId: string, organizer: Actor, time: DemoTime): Promise<void> {
    time.set(this.daysAgo(11));
    await this.contracts.generate(competitionId, {}, organizer);
    const teams: { id: string; arm: string; applicant_kind: string }[] = await this.db.query(
      `SELECT id, arm, applicant_kind FROM applications WHERE competition_id = $1 AND arm IS NOT NULL ORDER BY number`,
      [competitionId],
    );
    const armOf = new Map(teams.map((t) => [t.id, t]));
    let armB = 0;
    for (const contract of await this.contracts.list(competitionId, organizer)) {
      const team = armOf.get(contract.applicationId)!;
      // Arm A in force; in arm B the host organization's signed, one sent, one still a draft.
      const target: ContractTarget =
        team.arm === 'A'
          ? 'active'
          : team.applicant_kind === 'host_organization'
            ? 'signed_by_grantee'
            : ((['sent', 'draft'] as const)[armB++] ?? 'draft');
      await this.advance(contract, target, organizer, time, { sent: 10, signed: 8, active: 6 });
    }
    // Arm A's grants are paid their first tranche (what the arms-compliance table counts as received).
    for (const contract of await this.contracts.list(competitionId, organizer))
      if (contract.status === 'active') await this.firstTranche(contract, organizer, time, 4);

    const armA = teams.filter((t) => t.arm === 'A').map((t) => t.id);
    const armC = teams.filter((t) => t.arm === 'C').map((t) => t.id);
    for (const [m, email] of DEMO_MENTORS.entries()) {
      const mentor = await this.mentorOf(competitionId, email, organizer, time);
      const mine = [armA[m], armC[m]].filter(Boolean);
      time.set(this.daysAgo(9));
      await this.mentors.assign(competitionId, { mentorUserId: mentor.userId!, applicationIds: mine }, organizer);
      // The first mentor's arm C team has had one meeting this month of the two needed.
      for (const [k, applicationId] of mine.entries()) {
        await this.meetingsOf(applicationId, mentor, time, m === 0 && k === 1 ? 1 : 2);
      }
    }
    await this.trainingSessions(competitionId, organizer, time);
  }

  /**
   * Two training sessions of the arms A and C teams with who came, so the arms-compliance
   * table has real figures: one team came to neither, another to the first only, another
   * sent one person to the second. Nothing when the competition has sessions already.
   */
  private async trainingSessions(competitionId: string, organizer: Actor, time: DemoTime): Promise<void> {
    const overview = await this.training.overview(competitionId, organizer);
    if (overview.sessions.length > 0) return;
    const sessions = [
      { daysAgo: 7, topic: 'Жобаны басқару негіздері', online: false, place: 'Жастар ресурстық орталығы, 2-зал' },
      { daysAgo: 2, topic: 'Қаржылық есеп беру және құжаттар', online: true },
    ];
    for (const [n, plan] of sessions.entries()) {
      const at = this.daysAgo(plan.daysAgo);
      time.set(at);
      const { session } = await this.training.createSession(
        competitionId,
        { heldOn: this.dayOf(at), minutes: 120, topic: plan.topic, online: plan.online, place: plan.place },
        organizer,
      );
      const present = overview.teams.flatMap((team, t) => {
        const iins = team.members.map((m) => m.iin);
        if (t === overview.teams.length - 1) return []; // a team that came to neither
        if (n === 1 && t === overview.teams.length - 2) return []; // one that missed the second
        return n === 1 && t === 0 ? iins.slice(0, 1) : iins;
      });
      await this.training.markAttendance(
        competitionId,
        session.id,
        { attendeeIins: present, version: session.version },
        organizer,
      );
    }
  }

  /**
   * «Сәтті қадам»: contracts for the 3 winners (the first place's sent), a prize for each
   * place (the contract's sum), the first place's handed over with the signed transfer act.
   */
  private async shortTermAfterResults(competitionId: string, organizer: Actor, time: DemoTime): Promise<void> {
    time.set(this.daysAgo(20));
    await this.contracts.generate(competitionId, {}, organizer);
    const contracts = await this.contracts.list(competitionId, organizer);
    const { winners } = await this.awards.overview(competitionId);
    for (const [i, winner] of winners.entries()) {
      if (winner.award) continue;
      const amount = contracts.find((c) => c.applicationId === winner.applicationId)?.amount ?? 0;
      await this.awards.save(
        competitionId,
        {
          applicationId: winner.applicationId,
          place: i + 1,
          prize: { kk: 'Жобаны іске асыруға сыйлық қаражаты', ru: 'Призовые средства на реализацию проекта' },
          amount,
        },
        organizer,
      );
    }
    const first = contracts.find((c) => c.applicationId === winners[0]?.applicationId);
    if (first) await this.advance(first, 'sent', organizer, time, { sent: 19, signed: 0, active: 0 });
    await this.handOverFirst(competitionId, organizer, time, this.daysAgo(18));
  }

  /** Volunteer awards: a prize in each winner's nomination; the first handed over at the ceremony. */
  private async volunteerAwardsAfterResults(competitionId: string, organizer: Actor, time: DemoTime): Promise<void> {
    time.set(this.daysAgo(25));
    const { winners } = await this.awards.overview(competitionId);
    for (const winner of winners) {
      if (winner.award) continue;
      await this.awards.save(
        competitionId,
        {
          applicationId: winner.applicationId,
          nomination: winner.nomination ?? undefined,
          prize: { kk: 'Төсбелгі, диплом және ақшалай сыйлық', ru: 'Нагрудный знак, диплом и денежная премия' },
          amount: 150_000,
        },
        organizer,
      );
    }
    await this.handOverFirst(competitionId, organizer, time, this.daysAgo(24));
  }

  /** The first winner's prize handed over on that day, with the signed act's scan. */
  private async handOverFirst(competitionId: string, organizer: Actor, time: DemoTime, at: Date): Promise<void> {
    const [first] = (await this.awards.overview(competitionId)).winners;
    if (!first?.award || first.award.status !== 'recorded') return;
    time.set(at);
    await this.awards.handover(
      first.award.id,
      { handedOverOn: this.dayOf(at) },
      { originalName: 'qabyldau-tapsyru-akti.pdf', stream: Readable.from(DEMO_PDF) },
      organizer,
    );
  }

  /**
   * Takes a contract up to `target`: the organizer sends it, the winner uploads the signed
   * scan, the organizer countersigns — each `days` ago. A contract already there is left.
   */
  private async advance(
    contract: ContractSummary,
    target: ContractTarget,
    organizer: Actor,
    time: DemoTime,
    days: { sent: number; signed: number; active: number },
  ): Promise<void> {
    const at = (status: ContractStatus) => CONTRACT_STEPS.indexOf(status as ContractTarget);
    const goal = at(target);
    let { status, version } = contract;
    if (at(status) < 0) return; // revised, terminated or completed: not the demo's to move
    if (at(status) < at('sent') && goal >= at('sent')) {
      time.set(this.daysAgo(days.sent));
      ({ status, version } = await this.contracts.send(contract.id, { version }, organizer));
    }
    if (at(status) < at('signed_by_grantee') && goal >= at('signed_by_grantee')) {
      time.set(this.daysAgo(days.signed));
      const grantee = await this.granteeOf(contract.applicationId);
      ({ status, version } = await this.contracts.uploadSignedCopy(
        contract.id,
        { originalName: `${contract.number}-signed.pdf`, stream: Readable.from(DEMO_PDF) },
        grantee,
      ));
    }
    if (at(status) < at('active') && goal >= at('active')) {
      time.set(this.daysAgo(days.active));
      await this.contracts.countersign(contract.id, { version }, organizer);
    }
  }

  /**
   * The mentor of the youth story: invited by the organizer (the invitation e-mail is in the
   * outbox) and accepting with the link's token, as they would from the e-mail.
   */
  private async mentorOf(competitionId: string, email: string, organizer: Actor, time: DemoTime): Promise<Actor> {
    const mentor = await this.actorFor(email);
    if (await this.memberships.hasRole(mentor.userId!, competitionId, ['mentor'])) return mentor;
    time.set(this.daysAgo(11));
    await this.members.invite(competitionId, { email, role: 'mentor' }, organizer);
    const invitation = await this.db.getRepository(OutboxMessage).findOneOrFail({
      where: { template: 'competition-invitation', recipientEmail: email, competitionId },
      order: { createdAt: 'DESC' },
    });
    const token = new URL(String(invitation.payload.link)).searchParams.get('token')!;
    time.set(this.daysAgo(10));
    await this.members.accept({ token }, mentor);
    return mentor;
  }

  /**
   * The mentor logs `thisMonth` meetings with the team in the current month (from the
   * assignment on, the last today), and one in the month before when it falls after the
   * assignment. Nothing when the team has had a meeting already.
   */
  private async meetingsOf(applicationId: string, mentor: Actor, time: DemoTime, thisMonth: number): Promise<void> {
    const { team, meetings } = await this.mentors.myTeam(applicationId, mentor);
    if (meetings.length > 0) return;
    const today = this.today();
    const assigned = this.dayOf(this.daysAgo(9));
    const monthStart = `${today.slice(0, 8)}01`;
    const days = [monthStart > assigned ? monthStart : assigned, today].slice(2 - thisMonth);
    const earlier = this.dayOf(this.daysAgo(4));
    if (assigned < monthStart && earlier >= assigned && earlier < monthStart) days.unshift(earlier);
    const iins = team.members.map((m) => m.iin);
    for (const [k, heldOn] of days.entries()) {
      // Logged that evening (18:00 in Kazakhstan), or now when that is still to come.
      time.set(new Date(Math.min(Date.parse(`${heldOn}T13:00:00Z`), Date.now())));
      await this.mentors.logMeeting(
        applicationId,
        {
          heldOn,
          minutes: 60 + 30 * (k % 2),
          topic: MEETING_TOPICS[k % MEETING_TOPICS.length],
          // Someone is missing from every other meeting.
          attendeeIins: k % 2 ? iins.slice(0, -1) : iins,
        },
        mentor,
      );
    }
  }

  private async granteeOf(applicationId: string): Promise<Actor> {
    const [row]: { email: string }[] = await this.db.query(
      `SELECT u.email FROM applications a JOIN users u ON u.id = a.applicant_user_id WHERE a.id = $1`,
      [applicationId],
    );
    return this.actorFor(row.email);
  }

  private async actorFor(email: string): Promise<Actor> {
    const user = await this.db.getRepository(User).findOneByOrFail({ email });
    return { ...systemActor('demo'), userId: user.id, isAdmin: false, locale: user.locale };
  }

  private today(): string {
    return this.dayOf(new Date());
  }

  private dayOf(at: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(at);
  }

  /** 11:00 in Kazakhstan, `days` days ago. */
  private daysAgo(days: number): Date {
    const at = new Date(Date.now() - days * DAY);
    at.setUTCHours(6, 0, 0, 0);
    return at;
  }
}

const MEETING_TOPICS = [
  'Жоба жоспары мен рөлдерді бөлу',
  'Бюджет және сатып алулар',
  'Іс-шараның бағдарламасы, серіктестермен кездесу',
];
