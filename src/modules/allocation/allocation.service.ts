import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { ageOn, formatLocalDateTime, localDate, toZonedIso } from '../../../libs/kz';
import {
  computeCommitment,
  computePoolHash,
  draw as runLottery,
  DrawEntry,
  DrawRecord,
  sortEntries,
} from '../../../libs/lottery';
import { Clock } from '../../common/clock/clock';
import { NotFoundAppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/http/actor';
import { AuditService } from '../audit/audit.service';
import { CompetitionsService } from '../competitions/competitions.service';
import type { Competition } from '../competitions/entities/competition.entity';
import { ApplicationLifecycle } from '../applications/application-lifecycle.service';
import { NotificationsService } from '../notifications/notifications.service';
import { armEntitlements } from './domain/arm-entitlements';
import { balanceTable } from './domain/balance';
import { SeedSealer } from './domain/seed-sealer';
import { CancelDrawDto, PrepareDrawDto, RunDrawDto } from './dto/draw.dto';
import { Draw } from './entities/draw.entity';
import { AllocationErrorCode, AllocationException } from './allocation.exception';

const VULNERABLE = ['unemployed', 'registered_unemployed', 'neet', 'low_income'];

/** The verifiable A/B/C allocation of LOTTERY.md: prepare (commit), draw once (reveal), publish. */
@Injectable()
export class AllocationService {
  private readonly sealer: SeedSealer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: EnvironmentVariables,
    private readonly clock: Clock,
    private readonly competitions: CompetitionsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly lifecycle: ApplicationLifecycle,
  ) {
    this.sealer = new SeedSealer(env.DRAW_SEAL_KEY, env.JWT_REFRESH_SECRET);
  }

  /** Freezes the pool (the shortlist with strata), commits to a secret seed, publishes the commitment. */
  async prepare(competitionId: string, dto: PrepareDrawDto, actor: Actor): Promise<DrawRecord> {
    await this.db.transaction(async (tx) => {
      const competition = await this.lockCompetition(tx, competitionId);
      const rulebook = this.competitions.rulebookOf(competition);
      if (!rulebook.draw) throw new AllocationException(AllocationErrorCode.NO_DRAW_IN_RULEBOOK);
      if (await tx.existsBy(Draw, { competitionId, status: In(['prepared', 'drawn']) }))
        throw new AllocationException(AllocationErrorCode.DRAW_ALREADY_PREPARED);
      const pool = await this.currentPool(tx, competitionId);
      if (pool.length === 0) throw new AllocationException(AllocationErrorCode.EMPTY_POOL);
      const seed = randomBytes(32).toString('hex');
      const now = this.clock.now();
      const sealed = this.sealer.seal(seed);
      await tx.insert(Draw, {
        competitionId,
        status: 'prepared',
        stratumAttribute: rulebook.draw.stratumAttribute,
        arms: rulebook.draw.arms,
        pool: sortEntries(pool),
        poolHash: computePoolHash(pool),
        commitment: computeCommitment(seed),
        sealedSeed: sealed.sealed,
        sealKeyId: sealed.keyId,
        preparedAt: now,
        announcedAt: dto.announcedAt ? new Date(dto.announcedAt) : null,
      });
      await this.audit.record(tx, actor, {
        action: 'draw.prepared',
        entityType: 'competition',
        entityId: competitionId,
        after: { poolSize: pool.length, commitment: computeCommitment(seed) },
      });
    });
    return this.record(competitionId);
  }

  /** A prepared draw may be cancelled with a reason (e.g. the shortlist must change); it stays in the record. */
  async cancel(competitionId: string, dto: CancelDrawDto, actor: Actor): Promise<DrawRecord | null> {
    await this.db.transaction(async (tx) => {
      await this.lockCompetition(tx, competitionId);
      const prepared = await tx.findOneBy(Draw, { competitionId, status: 'prepared' });
      if (!prepared) throw new AllocationException(AllocationErrorCode.NO_PREPARED_DRAW);
      await tx.update(
        Draw,
        { id: prepared.id },
        { status: 'cancelled', cancelledAt: this.clock.now(), cancelReason: dto.reason },
      );
      await this.audit.record(tx, actor, {
        action: 'draw.cancelled',
        entityType: 'competition',
        entityId: competitionId,
        after: { commitment: prepared.commitment, reason: dto.reason },
      });
    });
    return this.record(competitionId).catch(() => null);
  }

  /**
   * Runs once: the advisory lock serializes two organizers clicking together, the row's
   * status (and the unique live-draw index) refuses a second draw, and a trigger freezes it.
   */
  async run(competitionId: string, dto: RunDrawDto, actor: Actor): Promise<DrawRecord> {
    await this.db.transaction(async (tx) => {
      const competition = await this.lockCompetition(tx, competitionId);
      const prepared = await tx.findOneBy(Draw, { competitionId, status: 'prepared' });
      if (!prepared) {
        const drawn = await tx.existsBy(Draw, { competitionId, status: 'drawn' });
        throw new AllocationException(
          drawn ? AllocationErrorCode.DRAW_ALREADY_DONE : AllocationErrorCode.NO_PREPARED_DRAW,
        );
      }
      const current = await this.currentPool(tx, competitionId);
      if (computePoolHash(current) !== prepared.poolHash)
        throw new AllocationException(AllocationErrorCode.POOL_CHANGED);
      // LOTTERY.md: the draw happens at the announced time. Drawn earlier, the public entropy
      // could be picked by someone who already knows it before the audience is there to see.
      if (prepared.announcedAt && this.clock.now() < prepared.announcedAt) {
        throw new AllocationException(AllocationErrorCode.DRAW_NOT_YET, {
          announcedAt: formatLocalDateTime(prepared.announcedAt, actor.locale, competition.timeZone),
        });
      }
      if (!this.sealer.canOpen(prepared.sealKeyId)) {
        throw new AllocationException(AllocationErrorCode.DRAW_SEAL_KEY_MISSING, { keyId: prepared.sealKeyId });
      }
      const seed = this.sealer.open({ keyId: prepared.sealKeyId, sealed: prepared.sealedSeed });
      const result = runLottery({
        seed,
        publicEntropy: dto.publicEntropy,
        arms: prepared.arms,
        entries: prepared.pool,
      });
      const now = this.clock.now();
      await tx.update(
        Draw,
        { id: prepared.id },
        {
          status: 'drawn',
          drawnAt: now,
          seed,
          publicEntropy: dto.publicEntropy,
          assignments: result.assignments as never,
        },
      );
      await this.allocate(tx, competitionId, result.assignments, actor);
      await this.tellTeams(tx, competition, result.assignments);
      await this.audit.record(tx, actor, {
        action: 'draw.drawn',
        entityType: 'competition',
        entityId: competitionId,
        after: {
          commitment: prepared.commitment,
          seed,
          publicEntropy: dto.publicEntropy,
          assignments: result.assignments.length,
        },
      });
    });
    return this.record(competitionId);
  }

  /**
   * The cancelled preparations of a competition's draw, oldest first (their commitments were
   * public and stay public), for the time between a cancellation and the next preparation.
   */
  async cancelledPreparations(competitionId: string): Promise<DrawRecord['cancelled']> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) return [];
    const zoned = (d: Date | null) => toZonedIso(d!, competition.timeZone);
    const draws = await this.db
      .getRepository(Draw)
      .find({ where: { competitionId, status: 'cancelled' }, order: { preparedAt: 'ASC' } });
    return draws.map((d) => ({
      commitment: d.commitment,
      poolHash: d.poolHash,
      preparedAt: zoned(d.preparedAt),
      cancelledAt: zoned(d.cancelledAt),
      reason: d.cancelReason ?? '',
    }));
  }

  /** Exactly the document of LOTTERY.md; before the draw the seed and the assignments are null. */
  async record(competitionId: string): Promise<DrawRecord> {
    const competition = await this.competitions.find(competitionId);
    const draws = competition
      ? await this.db.getRepository(Draw).find({ where: { competitionId }, order: { preparedAt: 'ASC' } })
      : [];
    const live = draws.find((d) => d.status !== 'cancelled');
    if (!competition || !live) throw new NotFoundAppException('draw');
    const zoned = (d: Date | null) => (d ? toZonedIso(d, competition.timeZone) : null);
    return {
      version: 1,
      competition: { id: competition.id, title: { kk: competition.titleKk, ru: competition.titleRu } },
      status: live.status as 'prepared' | 'drawn',
      stratumAttribute: live.stratumAttribute,
      arms: live.arms,
      pool: live.pool,
      poolHash: live.poolHash,
      commitment: live.commitment,
      preparedAt: zoned(live.preparedAt)!,
      drawnAt: zoned(live.drawnAt),
      seed: live.status === 'drawn' ? live.seed : null,
      publicEntropy: live.status === 'drawn' ? live.publicEntropy : null,
      assignments: live.status === 'drawn' ? live.assignments : null,
      cancelled: draws
        .filter((d) => d.status === 'cancelled')
        .map((d) => ({
          commitment: d.commitment,
          poolHash: d.poolHash,
          preparedAt: zoned(d.preparedAt)!,
          cancelledAt: zoned(d.cancelledAt)!,
          reason: d.cancelReason ?? '',
        })),
      ...(live.announcedAt ? { announcedAt: zoned(live.announcedAt) } : {}),
    } as DrawRecord;
  }

  /** Covariate balance between arms: what a team in arm C can read to see the draw was fair. */
  async balance(competitionId: string) {
    const record = await this.record(competitionId);
    if (record.status !== 'drawn' || !record.assignments) throw new NotFoundAppException('draw');
    const competition = (await this.competitions.find(competitionId))!;
    // Ages on the day of the draw: the published table must read the same next year.
    const drawDate = localDate(new Date(record.drawnAt!), competition.timeZone);
    const rows: {
      number: string;
      gender: string;
      birth_date: string;
      categories: string[] | null;
      disabled: boolean | null;
    }[] = await this.db.query(
      `SELECT a.number, m.gender, m.birth_date::text AS birth_date, p.social_categories AS categories, p.has_disability AS disabled
         FROM applications a JOIN application_members m ON m.application_id = a.id LEFT JOIN persons p ON p.iin = m.iin
        WHERE a.competition_id = $1 AND a.arm IS NOT NULL`,
      [competitionId],
    );
    const people = new Map<string, { female: boolean; vulnerable: boolean; disabled: boolean; age: number }[]>();
    for (const r of rows) {
      const list = people.get(r.number) ?? [];
      list.push({
        female: r.gender === 'female',
        vulnerable: (r.categories ?? []).some((c) => VULNERABLE.includes(c)) || !!r.disabled,
        disabled: !!r.disabled,
        age: ageOn(r.birth_date, drawDate),
      });
      people.set(r.number, list);
    }
    const table = balanceTable(
      record.arms.map((a) => a.code),
      record.assignments.map((a) => ({
        arm: a.arm,
        stratum: a.stratum,
        people: people.get(a.applicationNumber) ?? [],
      })),
    );
    return {
      competitionId,
      ...table,
      note: 'vulnerable = unemployed, registered unemployed, NEET, low income or with a disability, for members with a profile',
    };
  }

  private async lockCompetition(tx: EntityManager, competitionId: string): Promise<Competition> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('draw:' || $1))`, [competitionId]);
    const competition = await this.competitions.find(competitionId, tx);
    if (!competition) throw new NotFoundAppException('competition');
    return competition;
  }

  /**
   * Every drawn team moves to `allocated` with its arm; the arms that carry a grant (A, B)
   * move on to `winner`, ready for a grant contract. Arm C (training and a mentor) stays.
   */
  private async allocate(
    tx: EntityManager,
    competitionId: string,
    assignments: readonly { applicationNumber: string; arm: string }[],
    actor: Actor,
  ): Promise<void> {
    const ids: { id: string; number: string }[] = await tx.query(
      `SELECT id, number FROM applications WHERE competition_id = $1 AND number = ANY($2::text[])`,
      [competitionId, assignments.map((a) => a.applicationNumber)],
    );
    const idOf = new Map(ids.map((r) => [r.number, r.id]));
    const items = assignments.map((a) => ({ id: idOf.get(a.applicationNumber)!, arm: a.arm }));
    await this.lifecycle.move(tx, {
      competitionId,
      items,
      to: 'allocated',
      as: 'system',
      actor,
      action: 'draw.allocated',
    });
    const withGrant = items.filter((i) => armEntitlements(i.arm)?.grant).map((i) => ({ id: i.id }));
    await this.lifecycle.move(tx, {
      competitionId,
      items: withGrant,
      to: 'winner',
      as: 'system',
      actor,
      action: 'draw.grant_arms_won',
    });
  }

  /** The shortlist now, with its strata (by default the region of the project territory). */
  private async currentPool(tx: EntityManager, competitionId: string): Promise<DrawEntry[]> {
    const rows: { number: string; stratum: string }[] = await tx.query(
      `SELECT a.number, COALESCE(t.parent_code, a.territory_code, 'NONE') AS stratum
         FROM applications a LEFT JOIN territories t ON t.code = a.territory_code
        WHERE a.competition_id = $1 AND a.status = 'shortlisted'`,
      [competitionId],
    );
    return rows.map((r) => ({ applicationNumber: r.number, stratum: r.stratum }));
  }

  private async tellTeams(
    tx: EntityManager,
    competition: Competition,
    assignments: { applicationNumber: string; arm: string }[],
  ): Promise<void> {
    const meaning = this.competitions.rulebookOf(competition).draw!.armMeaning;
    const owners: { number: string; id: string; email: string; locale: 'kk' | 'ru' }[] = await tx.query(
      `SELECT a.number, u.id, u.email, u.locale FROM applications a JOIN users u ON u.id = a.applicant_user_id WHERE a.competition_id = $1 AND a.arm IS NOT NULL`,
      [competition.id],
    );
    const armOf = new Map(assignments.map((a) => [a.applicationNumber, a.arm]));
    for (const o of owners) {
      const arm = armOf.get(o.number)!;
      await this.notifications.enqueue(tx, {
        template: 'draw-result',
        recipients: [{ userId: o.id, email: o.email, locale: o.locale }],
        payload: {
          competitionTitle: o.locale === 'ru' ? competition.titleRu : competition.titleKk,
          number: o.number,
          arm,
          armMeaning: meaning[arm]?.[o.locale] ?? '',
          link: `${this.env.PUBLIC_URL}/api/v1/public/draws/${competition.id}`,
        },
        competitionId: competition.id,
        dedupeKey: `draw-result:${competition.id}:${o.number}`,
      });
    }
  }
}
