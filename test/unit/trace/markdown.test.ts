import { describe, expect, it } from 'vitest';
import type { TraceResult } from '../../../shared/bridge/calls/trace';
import { fateOf, traceMarkdown } from '../../../shared/domain/trace';

const result: TraceResult = {
  traceId: 'trace_x',
  query: { kind: 'text', text: 'ORD-1|2' },
  windowMinutes: 15,
  startedAt: '2026-12-01T12:00:00.000Z',
  finishedAt: '2026-12-01T12:00:01.000Z',
  state: 'partial',
  requests: 12,
  budget: 120,
  streams: [
    {
      key: 'p:ga4',
      stream: { kind: 'provider', provider: 'ga4' },
      enabled: true,
      retainedEntries: 200,
      pages: 3,
      apiEntries: 1500,
      from: '2026-12-01T11:45:00.000Z',
      to: '2026-12-01T12:00:00.000Z',
      stop: 'bound',
    },
    {
      key: 'w:h1',
      stream: { kind: 'webhook', webhookId: 'h1' },
      name: 'Orders to ERP',
      enabled: true,
      retainedEntries: 0,
      pages: 2,
      apiEntries: 900,
      from: '2026-12-01T11:50:00.000Z',
      to: '2026-12-01T12:00:00.000Z',
      stop: 'budget',
    },
  ],
  events: [
    {
      eventId: 'evt_1',
      event: 'purchase',
      firstAt: '2026-12-01T11:58:00.000Z',
      destinations: [
        { key: 'p:ga4', fate: 'sent', detail: 'Sent (HTTP 204, attempt 1, 80 ms)', lines: [] },
        { key: 'w:h1', fate: 'failed', detail: 'Failed with http_503: down', lines: [] },
      ],
    },
  ],
  moreEvents: 0,
};

describe('Copy as Markdown', () => {
  it('has each fate, what was searched and what was not reached, with table cells escaped', () => {
    const md = traceMarkdown(result, {
      label: (s) => (s.name ? `Webhook ${s.name}` : 'GA4'),
      time: (iso) => (iso ? `${iso.slice(11, 19)} UTC` : '—'),
      site: 'Nordwind',
    });
    expect(md).toContain('## Trace of text "ORD-1|2" on Nordwind');
    expect(md).toContain('| GA4 | sent | Sent (HTTP 204, attempt 1, 80 ms) |');
    expect(md).toContain('| Webhook Orders to ERP | failed | Failed with http_503: down |');
    expect(md).toContain(
      '| Webhook Orders to ERP | 11:50:00 UTC | 12:00:00 UTC | 0 | 2 | request budget spent: older entries not reached |',
    );
    expect(md).toContain('partial (see Searched)');
  });
});

describe('fate of an event at a destination', () => {
  const base = { eventId: 'e', event: 'purchase', timestamp: '2026-12-01T12:00:00Z' };
  const ctx = { kind: 'provider' as const, enabled: true, stop: 'ring_end' as const };
  it('the last line decides: a retry that ended sent is sent', () => {
    expect(
      fateOf(
        [
          {
            ...base,
            id: 1,
            status: 'retrying',
            attempt: 1,
            error: { code: 'http_429', message: 'slow down' },
          },
          { ...base, id: 2, status: 'sent', attempt: 2, httpStatus: 204 },
        ],
        ctx,
      ).fate,
    ).toBe('sent');
  });
  it('a retrying last line is still retrying, with its attempt', () => {
    const f = fateOf(
      [
        {
          ...base,
          id: 1,
          status: 'retrying',
          attempt: 2,
          error: { code: 'http_503', message: 'x' },
          reason: 'retry 3/3 in 900 ms',
        },
      ],
      ctx,
    );
    expect(f.fate).toBe('retrying');
    expect(f.detail).toContain('attempt 2');
    expect(f.detail).toContain('retry 3/3 in 900 ms');
  });
  it('not found says why when it can, and when part of the range was not reached', () => {
    expect(
      fateOf([], { ...ctx, kind: 'webhook', subscribedEvents: ['user_signup'], event: 'purchase' })
        .detail,
    ).toContain('not subscribed to purchase');
    expect(fateOf([], { ...ctx, enabled: false }).detail).toContain('disabled');
    expect(fateOf([], { ...ctx, stop: 'budget' }).detail).toContain('not reached');
    expect(fateOf([], { ...ctx, stop: 'bound' }).detail).toBe(
      'Not found within the time bound; older entries were not searched (see Searched).',
    );
  });
});
