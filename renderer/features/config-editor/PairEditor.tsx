import { MAX } from './limits';
import type { ReactNode } from 'react';
import type { ErrorIssue } from '../../../shared/bridge';
import { CANONICAL_EVENT_NAMES } from '../../../shared/contract';
import { newId, type Pair } from './draft';
import { issuesAt } from './validate';

/**
 * Key -> value rows: the event mapping (canonical -> provider event) and the reverse mapping
 * (external name -> canonical). Renaming edits the key in place, so the row keeps its position.
 */
export function PairEditor({
  title,
  section,
  rows,
  keyLabel,
  valueLabel,
  canonicalSide,
  issues,
  onChange,
  extra,
}: {
  title: string;
  section: 'eventMapping' | 'reverseEventMapping';
  rows: Pair[];
  keyLabel: string;
  valueLabel: string;
  canonicalSide: 'key' | 'value';
  issues: ErrorIssue[];
  onChange(rows: Pair[]): void;
  extra?: ReactNode;
}) {
  const edit = (id: number, patch: Partial<Pair>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <fieldset className="card form-card">
      <legend>{title}</legend>
      <datalist id="canonical-events">
        {CANONICAL_EVENT_NAMES.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <table className="table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col">{valueLabel}</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const error =
              issuesAt(issues, `${section}.${r.key}`) ?? issuesAt(issues, `${section}.#${r.id}`);
            return (
              <tr key={r.id} data-testid={`${section}-row-${i}`}>
                <td>
                  <input
                    aria-label={`${keyLabel} ${i + 1}`}
                    value={r.key}
                    maxLength={canonicalSide === 'key' ? MAX.eventName : MAX.providerEvent}
                    list={canonicalSide === 'key' ? 'canonical-events' : undefined}
                    aria-invalid={error ? true : undefined}
                    spellCheck={false}
                    onChange={(e) => edit(r.id, { key: e.target.value })}
                  />
                  {error && <small className="field-error">{error}</small>}
                </td>
                <td>
                  <input
                    aria-label={`${valueLabel} for ${r.key || `row ${i + 1}`}`}
                    value={r.value}
                    maxLength={canonicalSide === 'value' ? MAX.eventName : MAX.providerEvent}
                    list={canonicalSide === 'value' ? 'canonical-events' : undefined}
                    spellCheck={false}
                    onChange={(e) => edit(r.id, { value: e.target.value })}
                  />
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Remove ${r.key || `row ${i + 1}`}`}
                    onClick={() => onChange(rows.filter((x) => x.id !== r.id))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="row">
        <button
          type="button"
          onClick={() => onChange([...rows, { id: newId(), key: '', value: '' }])}
        >
          Add row
        </button>
        {extra}
      </div>
    </fieldset>
  );
}
