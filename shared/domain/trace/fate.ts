import type { SearchStop, TraceFate } from '../../bridge/calls/trace';
import { leavesUnsearched } from './stop-text';
import type { LogEntry } from '../../contract/logs';

export interface DestinationContext {
  kind: 'provider' | 'webhook';
  enabled: boolean;
  testMode?: boolean | undefined;
  /** Webhook subscriptions; empty or absent = every event. */
  subscribedEvents?: string[] | undefined;
  /** The traced event's canonical name, when any line says it. */
  event?: string | undefined;
  /** Why the search of this stream ended (what lies beyond it was not searched). */
  stop: SearchStop;
}

function delivery(e: LogEntry): string {
  const parts = [
    e.httpStatus !== undefined ? `HTTP ${e.httpStatus}` : undefined,
    `attempt ${e.attempt}`,
    e.durationMs !== undefined ? `${Math.round(e.durationMs)} ms` : undefined,
  ];
  return parts.filter(Boolean).join(', ');
}

function notFound(c: DestinationContext): string {
  if (c.kind === 'webhook' && !c.enabled) return 'Not found: the webhook is inactive.';
  if (c.kind === 'provider' && !c.enabled) return 'Not found: the integration is disabled.';
  const subs = c.subscribedEvents ?? [];
  if (c.kind === 'webhook' && c.event && subs.length > 0 && !subs.includes(c.event))
    return `Not found: the webhook is not subscribed to ${c.event} (subscribed: ${subs.join(', ')}).`;
  if (c.stop === 'bound')
    return 'Not found within the time bound; older entries were not searched (see Searched).';
  if (leavesUnsearched(c.stop))
    return 'Not found in what was searched; part of the time range was not reached (see Searched).';
  return c.stop === 'ring_end'
    ? 'Not found in any entry the API keeps.'
    : 'Not found from the event’s arrival on.';
}

/**
 * The event's fate at one destination from its lines (oldest first): the last line decides, as
 * a retried delivery ends in `sent` or `failed` and a `retrying` last line is still in flight.
 */
export function fateOf(
  lines: LogEntry[],
  c: DestinationContext,
): { fate: TraceFate; detail: string } {
  const last = lines[lines.length - 1];
  if (!last) return { fate: 'not_found', detail: notFound(c) };
  const err = last.error ? `${last.error.code}: ${last.error.message}` : undefined;
  switch (last.status) {
    case 'sent':
      return {
        fate: 'sent',
        detail: [`Sent (${delivery(last)})`, last.reason].filter(Boolean).join('. '),
      };
    case 'failed':
      return {
        fate: 'failed',
        detail: [`Failed with ${err ?? 'no error code'} (${delivery(last)})`, last.reason]
          .filter(Boolean)
          .join('. '),
      };
    case 'retrying':
      return {
        fate: 'retrying',
        detail: [`Retrying after attempt ${last.attempt} failed with ${err ?? 'no error code'}`]
          .concat(last.reason ? [last.reason] : [])
          .join('. '),
      };
    case 'filtered':
      return {
        fate: 'filtered',
        detail: `Filtered: ${last.reason ?? conditionText(last.payload?.condition) ?? 'a filter condition failed'}`,
      };
    case 'skipped':
      return { fate: 'skipped', detail: `Skipped: ${last.reason ?? 'no reason given'}` };
    case 'test_mode':
      return {
        fate: 'test_mode',
        detail: `Test mode: ${last.reason ?? 'logged only, nothing sent'}`,
      };
  }
}

function conditionText(c: unknown): string | undefined {
  if (!c || typeof c !== 'object') return undefined;
  const { field, operator, value } = c as Record<string, unknown>;
  if (typeof field !== 'string' || typeof operator !== 'string') return undefined;
  return `${field} ${operator}${value === undefined ? '' : ` ${JSON.stringify(value)}`}`;
}
