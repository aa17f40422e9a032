import { targetName } from '../../../shared/domain/names';
import { CHECKLIST_LABELS, ChecklistItemId } from '../../../shared/domain/workflow/checklist';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { download } from '../changes/download';
import { checklistCsv, checklistMarkdown } from './checklist-export';
import { useOpenSite } from './open-site';

const ITEMS = ChecklistItemId.options;

/** #/fleet/checklist: sites x providers x the five production-checklist items, exportable. */
export function ChecklistMatrix() {
  // Refetched when a change or a runbook moves (renderer/data/invalidation.ts).
  const { data: matrix, error } = useBridgeQuery('fleet.checklist', {});
  const openSite = useOpenSite();
  const stamp = matrix?.checkedAt.slice(0, 16).replace(/[:T]/g, '') ?? '';
  return (
    <section className="card" aria-labelledby="fleet-checklist-title">
      <div className="screen-head">
        <h2 id="fleet-checklist-title">Fleet checklist</h2>
        <div className="row">
          <button
            type="button"
            disabled={!matrix}
            onClick={() =>
              matrix && download(`fleet-checklist-${stamp}.csv`, 'text/csv', checklistCsv(matrix))
            }
          >
            Export CSV
          </button>
          <button
            type="button"
            disabled={!matrix}
            onClick={() =>
              matrix &&
              download(`fleet-checklist-${stamp}.md`, 'text/markdown', checklistMarkdown(matrix))
            }
          >
            Export Markdown
          </button>
        </div>
      </div>
      <ol className="small fleet-legend">
        {ITEMS.map((id) => (
          <li key={id}>{CHECKLIST_LABELS[id]}</li>
        ))}
      </ol>
      {error && <ErrorNotice error={error} />}
      {!matrix && <Busy busy label="Checking…" />}
      {matrix && (
        <div className="fleet-matrix-wrap">
          <table className="table fleet-matrix">
            <caption className="visually-hidden">Checklist per site and provider</caption>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Provider</th>
                {ITEMS.map((id, n) => (
                  <th scope="col" key={id} title={CHECKLIST_LABELS[id]}>
                    {n + 1}. {id}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.flatMap((row) =>
                row.targets.map((t, i) => (
                  <tr key={`${row.key}-${t.target}`}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={row.targets.length}>
                        <a href="#/checklist" onClick={() => openSite(row.key, 'checklist')}>
                          {row.label}
                        </a>
                      </th>
                    )}
                    <td>{targetName(t.target)}</td>
                    {t.items.map((item) => (
                      <td
                        key={item.id}
                        title={item.reason}
                        className={item.met ? 'step-ok' : 'step-fail'}
                      >
                        {item.met ? 'met' : 'not met'}
                      </td>
                    ))}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
