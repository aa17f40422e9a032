import type { DiagnosticEntry } from '../../../shared/bridge';
import { utcTime } from '../../../shared/domain/names';

/**
 * Tab-separated text for a support ticket: what main already scrubbed (no tokens, no bodies),
 * newest first, one call per line.
 */
export function diagnosticsText(entries: readonly DiagnosticEntry[]): string {
  const head = [
    'time',
    'connection',
    'method',
    'path',
    'status',
    'duration_ms',
    'attempts',
    'error',
  ].join('\t');
  const lines = entries.map((e) =>
    [
      utcTime(e.at),
      e.connectionId,
      e.method,
      e.path,
      e.status ?? '',
      Math.round(e.durationMs),
      e.attempts,
      e.errorKind ?? '',
    ].join('\t'),
  );
  return [head, ...lines].join('\n');
}
