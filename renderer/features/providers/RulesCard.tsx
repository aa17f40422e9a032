import type { EventFilters, ReverseEventMapping } from '../../../shared/contract';
import { filterSentence } from './filter-sentence';

/** Filters as sentences and the reverse mapping (external data-layer name -> canonical). */
export function RulesCard({
  filters,
  reverse,
}: {
  filters: EventFilters;
  reverse: ReverseEventMapping;
}) {
  const filterEntries = Object.entries(filters);
  const reverseEntries = Object.entries(reverse);
  return (
    <article className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Filters</h2>
      {filterEntries.length === 0 ? (
        <p className="muted">No filters: every mapped event is forwarded.</p>
      ) : (
        <ul className="sentences" data-testid="filter-sentences">
          {filterEntries.map(([event, f]) => (
            <li key={event}>{filterSentence(event, f)}</li>
          ))}
        </ul>
      )}
      <h2 className="spaced">Reverse mapping</h2>
      {reverseEntries.length === 0 ? (
        <p className="muted">None: only canonical names are accepted from the data layer.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Reverse mapping</caption>
          <thead>
            <tr>
              <th scope="col">External name</th>
              <th scope="col">Canonical event</th>
            </tr>
          </thead>
          <tbody>
            {reverseEntries.map(([ext, canonical]) => (
              <tr key={ext}>
                <td>
                  <code>{ext}</code>
                </td>
                <td>
                  <code>{canonical}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
