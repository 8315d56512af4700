import { Clock } from '../../src/common/clock/clock';

/** Real time plus an offset the test moves: crosses deadlines and expiries without sleeping. */
export class FakeClock extends Clock {
  private offsetMs = 0;
  private frozen: Date | null = null;

  now(): Date {
    return this.frozen ? new Date(this.frozen) : new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    if (this.frozen) this.frozen = new Date(this.frozen.getTime() + ms);
    else this.offsetMs += ms;
  }

  set(instant: Date): void {
    this.frozen = new Date(instant);
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozen = null;
  }
}
