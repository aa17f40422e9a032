import { describeDiff, type DiffItem } from './config-diff';

export function DiffView({ items, label }: { items: DiffItem[]; label: string }) {
  if (items.length === 0) return <p className="muted">No differences.</p>;
  return (
    <ul className="diff-list" aria-label={label} data-testid="diff">
      {items.map((d) => (
        <li key={`${d.section}:${d.key}`} className={`diff-${d.kind}`}>
          <span className="visually-hidden">{d.kind}: </span>
          {describeDiff(d)}
        </li>
      ))}
    </ul>
  );
}
