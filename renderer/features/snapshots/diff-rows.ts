import type { ConfigDiff, FieldChange } from '../../../shared/domain/diff/schema';

export interface DiffRow {
  area: string;
  item: string;
  change: string;
  before?: string | undefined;
  after?: string | undefined;
  critical: boolean;
}

const text = (v: unknown): string | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v);

function fieldRows(area: string, changes: FieldChange[]): DiffRow[] {
  return changes.map((c) => ({
    area,
    item: c.path,
    change: c.change,
    before: text(c.before),
    after: text(c.after),
    critical: false,
  }));
}

/** Flatten a structured diff into display rows, critical events marked so they stand out. */
export function diffRows(diff: ConfigDiff): DiffRow[] {
  const criticalEvents = new Set(diff.critical.map((c) => c.event).filter(Boolean));
  if (diff.kind === 'generic') {
    const off = diff.critical.length > 0;
    return fieldRows('Field', diff.changes).map((r) => ({
      ...r,
      critical: off && (r.item === 'active' || r.item === 'enabled'),
    }));
  }
  return [
    ...fieldRows('Switch', diff.switches).map((r) => ({
      ...r,
      critical: r.item === 'enabled' && r.after === 'false',
    })),
    ...diff.mappings.map((m) => ({
      area: 'Mapping',
      item: m.event,
      change: m.change,
      before: m.before,
      after: m.after,
      critical: m.change === 'removed' && criticalEvents.has(m.event),
    })),
    ...diff.filters.map((f) => ({
      area: 'Filter',
      item: f.event,
      change: f.change.replace('_', ' '),
      before: text(f.before),
      after: text(f.after),
      critical: criticalEvents.has(f.event),
    })),
    ...fieldRows('Config', diff.config),
    ...fieldRows('Reverse mapping', diff.reverseMappings),
    ...fieldRows('Other', diff.other),
  ];
}
