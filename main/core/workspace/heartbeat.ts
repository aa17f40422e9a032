import { systemClock, type Clock } from '../../base/clock';
import type { SiteRef } from './layout';
import { HEARTBEAT_MS, type TeamLock } from './team-lock';

export interface HeldLock {
  site: SiteRef;
  changeId: string;
}

/**
 * The holder's app keeps its team locks alive: every 5 minutes each lock it holds gets a fresh
 * heartbeat, committed and pushed, so colleagues see it is still working. A lock whose app stopped
 * (closed, crashed, a laptop asleep) goes stale after 30 minutes and may then be taken over.
 * Timed by a `Clock`, so tests run hours of heartbeats on a clock they move.
 */
export class LockHeartbeat {
  private timer: unknown;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly lock: Pick<TeamLock, 'heartbeat'>,
    /** The locks this app holds now (read at every beat: changes open and close meanwhile). */
    private readonly held: () => HeldLock[],
    private readonly clock: Clock = systemClock,
  ) {
    this.schedule();
  }

  private schedule(): void {
    this.timer = this.clock.setTimer(() => {
      if (this.stopped) return;
      this.schedule();
      // A beat still pushing (a slow git server) is not doubled; the next one catches up.
      this.running ??= this.beat().finally(() => (this.running = undefined));
    }, HEARTBEAT_MS);
  }

  /** One round: a lock that is no longer this app's (released, taken over) is left alone. */
  async beat(): Promise<void> {
    for (const h of this.held()) await this.lock.heartbeat(h.site, h.changeId).catch(() => false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimer(this.timer);
    await this.running;
  }
}
