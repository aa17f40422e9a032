import type { SearchStop } from '../../bridge/calls/trace';

/** Stops after which older entries of the stream were not searched. */
export function leavesUnsearched(stop: SearchStop): boolean {
  return stop === 'budget' || stop === 'rate_limit' || stop === 'cancelled' || stop === 'error';
}

/** Why the search of a stream stopped, in the words the Trace screen and the Markdown use. */
export function stopText(stop: SearchStop, error?: { message: string }): string {
  switch (stop) {
    case 'bound':
      return 'reached the time bound';
    case 'event_start':
      return 'reached the entry where the event arrived (nothing older belongs to it)';
    case 'ring_end':
      return 'the API keeps no older entries';
    case 'budget':
      return 'request budget spent: older entries not reached';
    case 'rate_limit':
      return 'stopped to stay within the API rate limit: older entries not reached';
    case 'cancelled':
      return 'cancelled: older entries not reached';
    case 'error':
      return `failed (${error?.message ?? 'unknown error'}): older entries not reached`;
  }
}
