import type { RequestLedger as LedgerView } from '../../shared/contract/sandbox';

const WRITES = new Set(['PUT', 'POST', 'DELETE']);
const SITE_PATH = /^\/api\/v1\/sites\/([^/]+)\/integrations(?:\/(.*))?$/;

/**
 * Counts what the API served. A test asserts "applied once" with it (PUTs per site survive an app
 * restart, the app's own diagnostics do not), and a benchmark counts the 429s its polling caused.
 */
export class RequestLedger {
  private since: number;
  private total = 0;
  private rateLimited = 0;
  private byMethod: Record<string, number> = {};
  private byStatus: Record<string, number> = {};
  private writes: Record<string, Record<string, number>> = {};
  private minutes: number[] = [];

  constructor(private readonly now: () => number = Date.now) {
    this.since = now();
  }

  record(method: string, path: string, status: number, limited: boolean): void {
    this.total++;
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
    this.byStatus[String(status)] = (this.byStatus[String(status)] ?? 0) + 1;
    if (limited) this.rateLimited++;
    const minute = Math.floor((this.now() - this.since) / 60_000);
    while (this.minutes.length <= minute) this.minutes.push(0);
    this.minutes[minute] = (this.minutes[minute] ?? 0) + 1;
    const m = SITE_PATH.exec(path);
    if (!WRITES.has(method) || !m || status >= 400) return;
    const site = m[1]!.toLowerCase();
    const resource = m[2] ?? '(list)';
    const perSite = (this.writes[site] ??= {});
    const key = `${method} ${resource}`;
    perSite[key] = (perSite[key] ?? 0) + 1;
  }

  view(): LedgerView {
    return {
      since: new Date(this.since).toISOString(),
      total: this.total,
      byMethod: { ...this.byMethod },
      byStatus: { ...this.byStatus },
      rateLimited: this.rateLimited,
      writes: structuredClone(this.writes),
      perMinute: [...this.minutes],
    };
  }

  reset(): void {
    this.since = this.now();
    this.total = 0;
    this.rateLimited = 0;
    this.byMethod = {};
    this.byStatus = {};
    this.writes = {};
    this.minutes = [];
  }
}
