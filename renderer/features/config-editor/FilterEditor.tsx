import { MAX } from './limits';
import type { ErrorIssue } from '../../../shared/bridge';
import { FilterOperator } from '../../../shared/contract';
import { newId, type CondRow, type FilterRow } from './draft';
import { issuesAt } from './validate';

const OP_LABELS: Record<FilterOperator, string> = {
  eq: 'equals (=)',
  neq: 'differs from (≠)',
  gt: 'greater than (>)',
  gte: 'at least (≥)',
  lt: 'less than (<)',
  lte: 'at most (≤)',
  in: 'is one of',
  nin: 'is none of',
  contains: 'contains',
  exists: 'is present',
  not_exists: 'is absent',
};
const NUMERIC = new Set<FilterOperator>(['gt', 'gte', 'lt', 'lte']);
const LIST = new Set<FilterOperator>(['in', 'nin']);
const NONE = new Set<FilterOperator>(['exists', 'not_exists']);

/** The value box fits the operator: a number, a comma list, or nothing at all. */
function ValueInput({
  c,
  label,
  onChange,
}: {
  c: CondRow;
  label: string;
  onChange(v: string): void;
}) {
  if (NONE.has(c.operator)) return <span className="muted small">no value</span>;
  if (NUMERIC.has(c.operator))
    return (
      <input
        type="number"
        step="any"
        aria-label={label}
        value={c.value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <input
      aria-label={label}
      value={c.value}
      maxLength={MAX.filterValue}
      placeholder={LIST.has(c.operator) ? 'a, b, c' : 'text, number, true/false'}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function FilterEditor({
  rows,
  issues,
  onChange,
}: {
  rows: FilterRow[];
  issues: ErrorIssue[];
  onChange(rows: FilterRow[]): void;
}) {
  const edit = (id: number, fn: (f: FilterRow) => FilterRow) =>
    onChange(rows.map((f) => (f.id === id ? fn(f) : f)));
  const editCond = (f: FilterRow, cid: number, patch: Partial<CondRow>) =>
    edit(f.id, (x) => ({
      ...x,
      conditions: x.conditions.map((c) => (c.id === cid ? { ...c, ...patch } : c)),
    }));
  return (
    <fieldset className="card form-card">
      <legend>Filters (all conditions must hold)</legend>
      {rows.length === 0 && <p className="muted">No filters: every mapped event is forwarded.</p>}
      {rows.map((f, fi) => (
        <div key={f.id} className="filter-block" data-testid={`filter-${fi}`}>
          <div className="row">
            <input
              aria-label={`Filtered event ${fi + 1}`}
              value={f.event}
              maxLength={MAX.eventName}
              list="canonical-events"
              onChange={(e) => edit(f.id, (x) => ({ ...x, event: e.target.value }))}
            />
            <label className="check-line">
              <input
                type="checkbox"
                checked={f.enabled}
                onChange={(e) => edit(f.id, (x) => ({ ...x, enabled: e.target.checked }))}
              />
              Filter on
            </label>
            <span className="spacer" />
            <button
              type="button"
              className="danger"
              onClick={() => onChange(rows.filter((x) => x.id !== f.id))}
              aria-label={`Remove filter ${f.event || fi + 1}`}
            >
              Remove filter
            </button>
          </div>
          {issuesAt(issues, `eventFilters.${f.event}`) && (
            <small className="field-error">{issuesAt(issues, `eventFilters.${f.event}`)}</small>
          )}
          {f.conditions.map((c, ci) => {
            const name = `${f.event || 'event'} condition ${ci + 1}`;
            return (
              <div key={c.id} className="cond-row">
                <input
                  aria-label={`${name} field`}
                  value={c.field}
                  maxLength={MAX.filterField}
                  placeholder="order.total"
                  spellCheck={false}
                  onChange={(e) => editCond(f, c.id, { field: e.target.value })}
                />
                <select
                  aria-label={`${name} operator`}
                  value={c.operator}
                  onChange={(e) =>
                    editCond(f, c.id, { operator: e.target.value as FilterOperator })
                  }
                >
                  {FilterOperator.options.map((op) => (
                    <option key={op} value={op}>
                      {OP_LABELS[op]}
                    </option>
                  ))}
                </select>
                <ValueInput
                  c={c}
                  label={`${name} value`}
                  onChange={(value) => editCond(f, c.id, { value })}
                />
                <button
                  type="button"
                  aria-label={`Remove ${name}`}
                  onClick={() =>
                    edit(f.id, (x) => ({
                      ...x,
                      conditions: x.conditions.filter((y) => y.id !== c.id),
                    }))
                  }
                >
                  ✕
                </button>
              </div>
            );
          })}
          <div>
            <button
              type="button"
              onClick={() =>
                edit(f.id, (x) => ({
                  ...x,
                  conditions: [
                    ...x.conditions,
                    { id: newId(), field: '', operator: 'eq', value: '' },
                  ],
                }))
              }
            >
              Add condition
            </button>
          </div>
        </div>
      ))}
      <div>
        <button
          type="button"
          onClick={() =>
            onChange([...rows, { id: newId(), event: '', enabled: true, conditions: [] }])
          }
        >
          Add filter
        </button>
      </div>
    </fieldset>
  );
}
