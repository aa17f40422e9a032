import type { LogEntry } from '../../../shared/contract/logs';

/** mulberry32: the same seed gives both implementations the very same lines. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EVENTS = [
  'page_view',
  'product_view',
  'add_to_cart',
  'checkout_begin',
  'purchase',
  'search_query',
  'user_login',
];
const CODES = ['UPSTREAM_5XX', 'TIMEOUT', 'RATE_LIMITED', 'INVALID_PAYLOAD', 'CLICK_NOT_FOUND'];

/** A seeded stream of realistic entries (status mix, errors, small payload summaries). */
export class SeededStream {
  private rand: () => number;
  private id = 0;
  constructor(seed: number) {
    this.rand = prng(seed);
  }
  /**
   * `n` lines that happened over the last `spanMs` (one batch interval of the tail), oldest first;
   * `lagMs`: how late this stream's lines arrive (their timestamps lie that much further back).
   */
  next(n: number, lagMs = 0, spanMs = 100): LogEntry[] {
    const out: LogEntry[] = [];
    const now = Date.now() - lagMs - spanMs;
    for (let i = 0; i < n; i++) {
      const r = this.rand();
      const id = ++this.id;
      const event = EVENTS[Math.floor(this.rand() * EVENTS.length)]!;
      const status =
        r < 0.8
          ? 'sent'
          : r < 0.88
            ? 'filtered'
            : r < 0.94
              ? 'retrying'
              : r < 0.98
                ? 'failed'
                : 'skipped';
      const e: LogEntry = {
        id,
        timestamp: new Date(now + (i * spanMs) / n).toISOString(),
        provider: 'ga4',
        event,
        eventId: `evt_${id.toString(36)}_${Math.floor(this.rand() * 1e9).toString(36)}`,
        status,
        attempt: status === 'retrying' || status === 'failed' ? 2 + Math.floor(this.rand() * 3) : 1,
        payload: {
          value: Math.round(this.rand() * 20000) / 100,
          currency: 'EUR',
          items: 1 + Math.floor(this.rand() * 4),
        },
      };
      if (status === 'sent' || status === 'failed' || status === 'retrying') {
        e.httpStatus = status === 'sent' ? 204 : this.rand() < 0.5 ? 503 : 429;
        e.durationMs = Math.round(20 + this.rand() * 400);
      }
      if (status === 'failed' || status === 'retrying') {
        const code = CODES[Math.floor(this.rand() * CODES.length)]!;
        e.error = {
          code,
          message: `${code.toLowerCase()} from upstream after ${e.attempt} attempts`,
        };
      }
      if (status === 'filtered') e.reason = 'order.total gte 1 failed (actual: 0)';
      out.push(e);
    }
    return out;
  }
}

/** The same entry as one text line, for a text-based viewer. */
export function asLine(e: LogEntry): string {
  const err = e.error
    ? ` ${e.error.code}: ${e.error.message}`
    : e.reason
      ? ` ${e.reason}`
      : ` ${JSON.stringify(e.payload)}`;
  return `${e.timestamp.slice(11, 23)} ${e.status.padEnd(9)} ${String(e.httpStatus ?? '').padEnd(3)} ${e.event.padEnd(14)} #${e.id} a${e.attempt} ${e.durationMs ?? ''}ms${err}`;
}
