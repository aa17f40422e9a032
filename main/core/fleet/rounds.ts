/** How urgently a site wants fresh health: what the operator looks at and what is broken first. */
export type Heat = 'unread' | 'visible' | 'failing' | 'degraded' | 'change_open' | 'calm';

const RANK: Record<Heat, number> = {
  visible: 0,
  unread: 1,
  failing: 2,
  change_open: 3,
  degraded: 4,
  calm: 5,
};

export interface RoundsConfig {
  /** A calm (healthy, unknown, disabled) site is read every Nth round; hot ones every round. */
  calmEvery: number;
  /** A round never starts sooner than this after the previous one (small fleets would spin). */
  minRoundMs: number;
}

export const DEFAULT_ROUNDS: RoundsConfig = { calmEvery: 6, minRoundMs: 5_000 };

interface SiteMark {
  heat: Heat;
  /** The round of the last read handed out (never twice in one round). */
  round: number | undefined;
  lastReadAt: number;
}

/**
 * Which site's health to read next. Reads happen in rounds: in each round every hot site (on
 * screen, failing, degraded, with an open change, never read) is read once, calm sites only every
 * `calmEvery` rounds; no site is read twice in a round. Pure bookkeeping, no I/O.
 */
export class Rounds {
  round = 0;
  private roundStartedAt: number;
  private readonly marks = new Map<string, SiteMark>();

  constructor(
    private readonly config: RoundsConfig,
    now: number,
  ) {
    this.roundStartedAt = now;
  }

  /** The sites of this fleet (added ones start unread, removed ones are forgotten). */
  setSites(keys: readonly string[]): void {
    const keep = new Set(keys);
    for (const k of [...this.marks.keys()]) if (!keep.has(k)) this.marks.delete(k);
    for (const k of keys)
      if (!this.marks.has(k))
        this.marks.set(k, { heat: 'unread', round: undefined, lastReadAt: 0 });
  }

  /** What the last read (or the journal) says about a site. */
  setHeat(key: string, heat: Exclude<Heat, 'unread' | 'visible'>): void {
    const m = this.marks.get(key);
    if (m) m.heat = heat;
  }

  /** True once every site has been read at least once (the first complete picture). */
  complete(): boolean {
    for (const m of this.marks.values()) if (m.heat === 'unread') return false;
    return true;
  }

  private due(m: SiteMark, visible: boolean): boolean {
    if (m.round === this.round) return false;
    if (m.heat !== 'calm' || visible) return true;
    return m.round === undefined || this.round - m.round >= this.config.calmEvery;
  }

  /**
   * The next site to read now, or how long to wait before the next round may start. A round ends
   * when nothing in it is due; the next starts no sooner than `minRoundMs` after this one did.
   */
  next(now: number, visible: ReadonlySet<string>): { key: string } | { waitMs: number } {
    const pick = this.pick(visible);
    if (pick) return this.take(pick, now);
    const waitMs = this.roundStartedAt + this.config.minRoundMs - now;
    if (waitMs > 0) return { waitMs };
    this.round++;
    this.roundStartedAt = now;
    const first = this.pick(visible);
    return first ? this.take(first, now) : { waitMs: this.config.minRoundMs };
  }

  private pick(visible: ReadonlySet<string>): string | undefined {
    let best: { key: string; rank: number; at: number } | undefined;
    for (const [key, m] of this.marks) {
      const seen = visible.has(key);
      if (!this.due(m, seen)) continue;
      const rank = seen ? RANK.visible : RANK[m.heat];
      if (!best || rank < best.rank || (rank === best.rank && m.lastReadAt < best.at))
        best = { key, rank, at: m.lastReadAt };
    }
    return best?.key;
  }

  private take(key: string, now: number): { key: string } {
    const m = this.marks.get(key)!;
    m.round = this.round;
    m.lastReadAt = now;
    return { key };
  }

  /** After an outage: every site is due again (what was shown came from the offline copies). */
  forgetReads(): void {
    for (const m of this.marks.values()) m.round = undefined;
  }

  /** A read that could not happen (budget refused, app closing): due again in this round. */
  giveBack(key: string): void {
    const m = this.marks.get(key);
    if (m && m.round === this.round) m.round = undefined;
  }
}
