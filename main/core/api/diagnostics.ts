import type { DiagnosticEntry } from '../../../shared/bridge';

/**
 * The last N API calls for the diagnostics panel. Only the fields of `DiagnosticEntry` are ever
 * stored: no headers, no bodies, no token, so the list can be pasted into a support ticket.
 */
export class DiagnosticsRing {
  private readonly entries: DiagnosticEntry[] = [];
  constructor(private readonly capacity = 500) {}

  record(entry: DiagnosticEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity)
      this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Newest first, as the panel shows them. */
  list(): DiagnosticEntry[] {
    return this.entries.slice().reverse();
  }
}
