import { useEffect, useState } from 'react';
import { LogStatus } from '../../../shared/contract/logs';
import type { LogFilter } from './filter';

/**
 * Filter controls. Free text is applied after a short pause in typing so each keystroke does not
 * rescan the buffer; the other controls apply at once.
 */
export function LogFilters({
  filter,
  onChange,
  idPrefix,
}: {
  filter: LogFilter;
  onChange(f: LogFilter): void;
  idPrefix: string;
}) {
  const [text, setText] = useState(filter.text);
  useEffect(() => {
    if (text === filter.text) return;
    const t = setTimeout(() => onChange({ ...filter, text }), 150);
    return () => clearTimeout(t);
  }, [text, filter, onChange]);

  const toggle = (s: string) =>
    onChange({
      ...filter,
      statuses: filter.statuses.includes(s)
        ? filter.statuses.filter((x) => x !== s)
        : [...filter.statuses, s],
    });

  return (
    <div className="log-filters" role="group" aria-label="Filters">
      <fieldset className="log-statuses">
        <legend>Status</legend>
        {LogStatus.options.map((s) => (
          <label key={s} className="log-check">
            <input
              type="checkbox"
              checked={filter.statuses.includes(s)}
              onChange={() => toggle(s)}
            />
            {s}
          </label>
        ))}
      </fieldset>
      <div className="log-field">
        <label htmlFor={`${idPrefix}-event`}>Event</label>
        <input
          id={`${idPrefix}-event`}
          value={filter.event}
          placeholder="e.g. purchase"
          onChange={(e) => onChange({ ...filter, event: e.target.value })}
        />
      </div>
      <div className="log-field">
        <label htmlFor={`${idPrefix}-http`}>HTTP status</label>
        <select
          id={`${idPrefix}-http`}
          value={filter.http}
          onChange={(e) => onChange({ ...filter, http: e.target.value })}
        >
          <option value="">Any</option>
          <option value="2xx">2xx</option>
          <option value="4xx">4xx</option>
          <option value="429">429</option>
          <option value="5xx">5xx</option>
          <option value="none">None</option>
        </select>
      </div>
      <div className="log-field log-search">
        <label htmlFor={`${idPrefix}-text`}>Search</label>
        <input
          id={`${idPrefix}-text`}
          type="search"
          value={text}
          placeholder="text in event, error, payload…"
          onChange={(e) => setText(e.target.value)}
        />
      </div>
    </div>
  );
}
