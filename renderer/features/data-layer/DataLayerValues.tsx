import type { DataLayerConfig } from '../../../shared/contract';
import { DATA_LAYER_DEFAULTS } from '../../../shared/contract';

type Key = keyof typeof DATA_LAYER_DEFAULTS;
export const DATA_LAYER_KEYS = Object.keys(DATA_LAYER_DEFAULTS) as Key[];

const LABELS: Record<Key, string> = {
  enabled: 'Data layer enabled',
  variableName: 'Variable name (window global)',
  pageDetection: 'Page detection',
  autoPageTracking: 'Automatic page tracking',
  bufferSize: 'Buffer size (events)',
  flushInterval: 'Flush interval (ms)',
  externalDataLayerName: 'External data layer to read (e.g. GTM)',
  debugMode: 'Debug mode (console logging on the site)',
};

/** The live settings beside their documented defaults; edits happen in a change's Config step. */
export function DataLayerValues({ live }: { live: DataLayerConfig }) {
  return (
    <article className="card" data-testid="data-layer-values" aria-labelledby="dl-values-title">
      <h2 id="dl-values-title">Live settings</h2>
      <table className="table">
        <caption className="visually-hidden">Data-layer settings and their defaults</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Live</th>
            <th scope="col">Default</th>
          </tr>
        </thead>
        <tbody>
          {DATA_LAYER_KEYS.map((k) => {
            const differs = String(live[k]) !== String(DATA_LAYER_DEFAULTS[k]);
            return (
              <tr key={k} data-testid={`dl-${k}`}>
                <th scope="row">
                  {LABELS[k]} <code className="small muted">{k}</code>
                </th>
                <td className={differs ? 'differs' : undefined}>
                  {String(live[k] ?? '—')}
                  {differs ? ' (differs)' : ''}
                </td>
                <td className="muted">Default: {String(DATA_LAYER_DEFAULTS[k])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {live.reverseEventMapping && (
        <p className="muted small">
          Reverse mapping of the data layer: {Object.keys(live.reverseEventMapping).length} entries.
        </p>
      )}
    </article>
  );
}
