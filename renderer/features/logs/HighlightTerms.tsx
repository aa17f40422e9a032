import { useState } from 'react';
import { MAX_HIGHLIGHTS } from './regex';

/** Up to five highlight terms (regular expressions, as stern's --highlight), each in its colour. */
export function HighlightTerms({
  terms,
  errors,
  onChange,
  idPrefix,
}: {
  terms: string[];
  errors: (string | undefined)[];
  onChange(terms: string[]): void;
  idPrefix: string;
}) {
  const [draft, setDraft] = useState('');
  const full = terms.length >= MAX_HIGHLIGHTS;
  const add = () => {
    const t = draft.trim();
    if (!t || full || terms.includes(t)) return;
    onChange([...terms, t]);
    setDraft('');
  };
  return (
    <div className="log-field log-highlights">
      <label htmlFor={`${idPrefix}-hl`}>
        Highlight ({terms.length}/{MAX_HIGHLIGHTS})
      </label>
      <div className="row">
        <input
          id={`${idPrefix}-hl`}
          value={draft}
          disabled={full}
          placeholder={full ? 'remove one to add another' : 'regex, Enter to add'}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add} disabled={full || !draft.trim()}>
          Add
        </button>
      </div>
      {terms.length > 0 && (
        <ul className="hl-terms" aria-label="Highlight terms">
          {terms.map((t, i) => (
            <li key={t}>
              <mark className={`hl hl-${i}`}>{t}</mark>
              <button
                type="button"
                className="linklike"
                aria-label={`Remove highlight ${t}`}
                onClick={() => onChange(terms.filter((x) => x !== t))}
              >
                ×
              </button>
              {errors[i] && (
                <span className="field-error" role="alert">
                  {errors[i]}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
