import type { TailStream } from '../../../shared/bridge/calls/tail';
import { streamLabel } from '../logs/streams';

/** A destination's name, the same as in the log views' stream column. */
export function destinationLabel(s: { stream: TailStream; name?: string | undefined }): string {
  const names = s.stream.kind === 'webhook' && s.name ? { [s.stream.webhookId]: s.name } : {};
  return streamLabel(s.stream, names);
}

export const WINDOWS: { minutes: number; label: string }[] = [
  { minutes: 5, label: 'last 5 minutes' },
  { minutes: 15, label: 'last 15 minutes' },
  { minutes: 60, label: 'last hour' },
  { minutes: 360, label: 'last 6 hours' },
  { minutes: 1440, label: 'last 24 hours' },
];
