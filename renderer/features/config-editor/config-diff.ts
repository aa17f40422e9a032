import { isMasked, type EventFilter, type IntegrationBody } from '../../../shared/contract';
import { conditionText, filterSentence } from '../providers/filter-sentence';

/**
 * A structured diff of two integration bodies (live vs draft, or live vs the server's current on a
 * conflict): what an operator must confirm, in their words. Kept here because shared/domain/diff
 * (the snapshot diff) did not exist when this editor was built.
 */
export interface DiffItem {
  section: 'state' | 'config' | 'mapping' | 'reverse' | 'filters';
  kind: 'added' | 'removed' | 'changed';
  key: string;
  before?: string;
  after?: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function recordDiff(section: DiffItem['section'], a: Record<string, unknown>, b: Record<string, unknown>, secrets: readonly string[] = []): DiffItem[] {
  const out: DiffItem[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const before = a[key];
    const after = b[key];
    const secret = secrets.includes(key);
    // A mask sent back means "keep the stored secret": not a change.
    if (secret && isMasked(after) && before !== undefined) continue;
    const shown = (v: unknown) => (secret ? (isMasked(v) ? text(v) : 'a new secret') : text(v));
    if (before === undefined && after !== undefined) out.push({ section, kind: 'added', key, after: shown(after) });
    else if (after === undefined && before !== undefined) out.push({ section, kind: 'removed', key, before: shown(before) });
    else if (text(before) !== text(after)) out.push({ section, kind: 'changed', key, before: shown(before), after: shown(after) });
  }
  return out;
}

function filterDiff(a: Record<string, EventFilter>, b: Record<string, EventFilter>): DiffItem[] {
  const out: DiffItem[] = [];
  for (const event of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const before = a[event];
    const after = b[event];
    if (!before && after) out.push({ section: 'filters', kind: 'added', key: event, after: filterSentence(event, after) });
    else if (before && !after) out.push({ section: 'filters', kind: 'removed', key: event, before: filterSentence(event, before) });
    else if (before && after) {
      if (before.enabled !== after.enabled)
        out.push({ section: 'filters', kind: 'changed', key: `${event} (switch)`, before: before.enabled ? 'on' : 'off', after: after.enabled ? 'on' : 'off' });
      const bc = before.conditions ?? [];
      const ac = after.conditions ?? [];
      for (let i = 0; i < Math.max(bc.length, ac.length); i++) {
        const key = `${event} condition ${i + 1}`;
        const x = bc[i];
        const y = ac[i];
        if (!x && y) out.push({ section: 'filters', kind: 'added', key, after: conditionText(y) });
        else if (x && !y) out.push({ section: 'filters', kind: 'removed', key, before: conditionText(x) });
        else if (x && y && conditionText(x) !== conditionText(y))
          out.push({ section: 'filters', kind: 'changed', key, before: conditionText(x), after: conditionText(y) });
      }
    }
  }
  return out;
}

export function diffIntegration(live: IntegrationBody, next: IntegrationBody, secretFields: readonly string[]): DiffItem[] {
  return [
    ...recordDiff('state', { enabled: live.enabled, testMode: live.testMode }, { enabled: next.enabled, testMode: next.testMode }),
    ...recordDiff('config', live.config, next.config, secretFields),
    ...recordDiff('mapping', live.eventMapping, next.eventMapping),
    ...recordDiff('reverse', live.reverseEventMapping, next.reverseEventMapping),
    ...filterDiff(live.eventFilters, next.eventFilters),
  ];
}

const SECTION: Record<DiffItem['section'], string> = {
  state: 'State',
  config: 'Config',
  mapping: 'Mapping',
  reverse: 'Reverse mapping',
  filters: 'Filter',
};

/** One line per change: "Mapping purchase: purchase -> purchase_v2 (retargeted)". */
export function describeDiff(d: DiffItem): string {
  const head = `${SECTION[d.section]} ${d.key}`;
  if (d.kind === 'added') return `${head}: added ${d.after ?? ''}`;
  if (d.kind === 'removed') return `${head}: removed (was ${d.before ?? ''})`;
  const verb = d.section === 'mapping' || d.section === 'reverse' ? ' (retargeted)' : '';
  return `${head}: ${d.before ?? ''} → ${d.after ?? ''}${verb}`;
}
