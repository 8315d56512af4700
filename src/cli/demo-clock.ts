import { Clock } from '../common/clock/clock';

/**
 * The demo's own time. The story competitions are run from about 40 days ago up to now: the
 * demo moves this clock past each deadline exactly as the days would pass, and every service
 * reads it through the injected `Clock`. Tests pass their FakeClock, which has the same two methods.
 */
export interface DemoTime {
  /** From now on the clock reads `at`. */
  set(at: Date): void;
  /** Back to real time. */
  reset(): void;
}

/**
 * For the `demo` command only (a short-lived process of its own): the process's one Clock
 * reads the demo's time while the story runs, and real time after `reset()`.
 */
export function takeOverClock(clock: Clock): DemoTime {
  const real = clock.now.bind(clock);
  let pinned: Date | null = null;
  clock.now = () => (pinned ? new Date(pinned) : real());
  return {
    set: (at) => {
      pinned = new Date(at);
    },
    reset: () => {
      pinned = null;
    },
  };
}
