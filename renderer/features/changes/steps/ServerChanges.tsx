import type { ConfigDiff } from '../../../../shared/domain/diff';

/** A structured diff in plain lines: what changed on the server since the baseline (after a 412), or what was applied. */
export function ServerChanges({ diff, label = 'Changed on the server since the baseline' }: { diff: ConfigDiff; label?: string }) {
  const lines =
    diff.kind === 'generic'
      ? diff.changes.map((c) => `${c.path} ${c.change}`)
      : [
          ...diff.mappings.map((m) => `mapping ${m.event}: ${m.change}${m.before ? ` (was ${m.before})` : ''}${m.after ? ` -> ${m.after}` : ''}`),
          ...diff.filters.map((f) => `filter ${f.event}: ${f.change.replace('_', ' ')}`),
          ...diff.config.map((c) => `config ${c.path}: ${c.change}`),
          ...diff.switches.map((c) => `${c.path}: ${String(c.before)} -> ${String(c.after)}`),
          ...diff.reverseMappings.map((c) => `reverse mapping ${c.path}: ${c.change}`),
          ...diff.other.map((c) => `${c.path}: ${c.change}`),
        ];
  return (
    <ul className="diff-list" aria-label={label}>
      {lines.length ? lines.map((l) => <li key={l}>{l}</li>) : <li>No behavioural difference (only bookkeeping fields).</li>}
    </ul>
  );
}
