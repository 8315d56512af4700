import { Injectable } from '@nestjs/common';

/**
 * A periodic job that finds who must be reminded of what and enqueues the messages with a
 * dedupe key per occasion (e.g. `deadline-3d:<competitionId>`), so firing twice sends once.
 */
export interface ReminderSweep {
  /** Stable name: the job scheduler's id. */
  name: string;
  everyMs: number;
  run(now: Date): Promise<void>;
}

/** Feature modules register their sweeps here (in onModuleInit); the worker schedules them. */
@Injectable()
export class SweepRegistry {
  private readonly sweeps = new Map<string, ReminderSweep>();

  register(sweep: ReminderSweep): void {
    if (this.sweeps.has(sweep.name)) throw new Error(`reminder sweep ${sweep.name} registered twice`);
    this.sweeps.set(sweep.name, sweep);
  }

  get(name: string): ReminderSweep | undefined {
    return this.sweeps.get(name);
  }

  all(): ReminderSweep[] {
    return [...this.sweeps.values()];
  }
}
