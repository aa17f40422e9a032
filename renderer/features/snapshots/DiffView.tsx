import { useState } from 'react';
import type { ConfigDiff } from '../../../shared/domain/diff/schema';
import { Notice } from '../../ui/Notice';
import { diffRows, type DiffRow } from './diff-rows';

type Mode = 'side' | 'inline' | 'json';

/** A structured diff, readable side by side (before | after) or inline (− / + lines). */
export function DiffView({
  diff,
  beforeLabel,
  afterLabel,
  bodies,
}: {
  diff: ConfigDiff;
  beforeLabel: string;
  afterLabel: string;
  bodies?: { before: unknown; after: unknown };
}) {
  const [mode, setMode] = useState<Mode>('side');
  const rows = diffRows(diff);
  return (
    <div className="snap-diff">
      {diff.critical.map((c) => (
        <Notice
          key={`${c.code}:${c.event ?? ''}`}
          tone={c.evidence === 'observed' ? 'error' : 'warning'}
          title={c.evidence === 'observed' ? 'Critical' : 'Possible risk'}
        >
          {c.message}
        </Notice>
      ))}
      <div className="row" role="group" aria-label="Diff layout">
        {(['side', 'inline', ...(bodies ? ['json'] : [])] as Mode[]).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            className={mode === m ? 'primary' : ''}
            onClick={() => setMode(m)}
          >
            {m === 'side' ? 'Side by side' : m === 'inline' ? 'Inline' : 'Full JSON'}
          </button>
        ))}
        <span className="muted small">
          {beforeLabel} → {afterLabel}
        </span>
      </div>
      {diff.identical && (
        <p role="status">
          No difference: {beforeLabel} and {afterLabel} are identical.
        </p>
      )}
      {!diff.identical && mode === 'side' && (
        <SideBySide rows={rows} beforeLabel={beforeLabel} afterLabel={afterLabel} />
      )}
      {!diff.identical && mode === 'inline' && <Inline rows={rows} />}
      {mode === 'json' && bodies && (
        <div className="snap-json-pair">
          <figure>
            <figcaption>{beforeLabel}</figcaption>
            <pre tabIndex={0}>{JSON.stringify(bodies.before, null, 2)}</pre>
          </figure>
          <figure>
            <figcaption>{afterLabel}</figcaption>
            <pre tabIndex={0}>{JSON.stringify(bodies.after, null, 2)}</pre>
          </figure>
        </div>
      )}
    </div>
  );
}

function SideBySide({
  rows,
  beforeLabel,
  afterLabel,
}: {
  rows: DiffRow[];
  beforeLabel: string;
  afterLabel: string;
}) {
  return (
    <table className="table snap-diff-table">
      <caption className="visually-hidden">
        Differences, {beforeLabel} and {afterLabel} side by side
      </caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Item</th>
          <th scope="col">Change</th>
          <th scope="col">{beforeLabel}</th>
          <th scope="col">{afterLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className={r.critical ? 'snap-critical' : undefined}>
            <td>{r.area}</td>
            <td>
              <code>{r.item}</code>
            </td>
            <td>{r.change}</td>
            <td className="snap-before">{r.before ?? '—'}</td>
            <td className="snap-after">{r.after ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Inline({ rows }: { rows: DiffRow[] }) {
  return (
    <ul className="snap-inline" aria-label="Differences, inline">
      {rows.map((r, i) => (
        <li key={i} className={r.critical ? 'snap-critical' : undefined}>
          <div className="small muted">
            {r.area} · <code>{r.item}</code> · {r.change}
          </div>
          {r.before !== undefined && (
            <div className="snap-minus">
              <span aria-hidden="true">− </span>
              <span className="visually-hidden">before: </span>
              {r.before}
            </div>
          )}
          {r.after !== undefined && (
            <div className="snap-plus">
              <span aria-hidden="true">+ </span>
              <span className="visually-hidden">after: </span>
              {r.after}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
