import { memo, useEffect, useState, type RefObject } from 'react';
import { LogStatus } from '../../../shared/contract/logs';
import { filterErrors, type LogFilter } from './filter';
import { HighlightTerms } from './HighlightTerms';

type TextKey = 'text' | 'include' | 'exclude';

/**
 * Filter controls. Free text and the patterns are applied after a short pause in typing so each
 * keystroke does not rescan the buffer; the other controls apply at once. A pattern that cannot
 * be used is reported under its field and not applied.
 */
export const LogFilters = memo(function LogFilters({
  filter,
  onChange,
  highlights,
  highlightErrors,
  onHighlights,
  idPrefix,
  searchRef,
}: {
  filter: LogFilter;
  onChange(f: LogFilter): void;
  highlights: string[];
  highlightErrors: (string | undefined)[];
  onHighlights(terms: string[]): void;
  idPrefix: string;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const [typed, setTyped] = useState({
    text: filter.text,
    include: filter.include,
    exclude: filter.exclude,
  });
  useEffect(() => {
    if (
      typed.text === filter.text &&
      typed.include === filter.include &&
      typed.exclude === filter.exclude
    )
      return;
    const t = setTimeout(() => onChange({ ...filter, ...typed }), 150);
    return () => clearTimeout(t);
  }, [typed, filter, onChange]);
  const errors = filterErrors({ ...filter, ...typed });
  const type = (k: TextKey) => (v: string) => setTyped((c) => ({ ...c, [k]: v }));

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
          ref={searchRef}
          type="search"
          value={typed.text}
          placeholder="text in event, error, payload…  ( / )"
          aria-keyshortcuts="/"
          onChange={(e) => type('text')(e.target.value)}
        />
      </div>
      {(['include', 'exclude'] as const).map((k) => (
        <div key={k} className="log-field log-regex">
          <label htmlFor={`${idPrefix}-${k}`}>
            {k === 'include' ? 'Include (regex)' : 'Exclude (regex)'}
          </label>
          <input
            id={`${idPrefix}-${k}`}
            value={typed[k]}
            spellCheck={false}
            placeholder={k === 'include' ? 'e.g. purchase|checkout' : 'e.g. page_view'}
            aria-invalid={errors[k] ? true : undefined}
            aria-describedby={errors[k] ? `${idPrefix}-${k}-error` : undefined}
            onChange={(e) => type(k)(e.target.value)}
          />
          {errors[k] && (
            <span id={`${idPrefix}-${k}-error`} className="field-error" role="alert">
              {errors[k]}
            </span>
          )}
        </div>
      ))}
      <HighlightTerms
        terms={highlights}
        errors={highlightErrors}
        onChange={onHighlights}
        idPrefix={idPrefix}
      />
    </div>
  );
});
