import { create } from 'zustand';
import type { BridgeError, DiagnosticEntry } from '../../../shared/bridge';
import { call } from '../../bridge';

interface DiagnosticsState {
  entries: DiagnosticEntry[];
  error: BridgeError | undefined;
  loading: boolean;
  load(): Promise<void>;
}

export const useDiagnostics = create<DiagnosticsState>((set) => ({
  entries: [],
  error: undefined,
  loading: false,
  async load() {
    set({ loading: true });
    const r = await call('diagnostics.list', {});
    set(
      r.ok
        ? { entries: r.value, error: undefined, loading: false }
        : { error: r.error, loading: false },
    );
  },
}));

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
      e.at,
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
