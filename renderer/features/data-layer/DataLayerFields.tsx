import type { DataLayerConfig } from '../../../shared/contract';
import { DATA_LAYER_DEFAULTS } from '../../../shared/contract';
import { Field } from '../../ui/Field';

type Key = keyof typeof DATA_LAYER_DEFAULTS;
/** Booleans as booleans, everything else as typed text. */
export type DlForm = { [K in Key]: (typeof DATA_LAYER_DEFAULTS)[K] extends boolean ? boolean : string };

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

export function DataLayerFields({ form, live, issues, onChange }: {
  form: DlForm;
  live: DataLayerConfig;
  issues: { path: string; message: string }[];
  onChange(f: DlForm): void;
}) {
  const err = (k: Key) => issues.find((i) => i.path === k)?.message;
  const def = (k: Key) => `Default: ${String(DATA_LAYER_DEFAULTS[k])}${String(form[k]) !== String(DATA_LAYER_DEFAULTS[k]) ? ' · differs' : ''}${String(live[k]) !== String(form[k]) ? ' · edited' : ''}`;
  const set = <K extends Key>(k: K, v: DlForm[K]) => onChange({ ...form, [k]: v });
  return (
    <div className="card form" data-testid="data-layer-form">
      {(['enabled', 'autoPageTracking', 'debugMode'] as const).map((k) => (
        <div key={k} className="field">
          <label className="check-line">
            <input type="checkbox" checked={form[k]} onChange={(e) => set(k, e.target.checked)} aria-describedby={`dl-${k}-def`} />
            {LABELS[k]}
          </label>
          <small id={`dl-${k}-def`} className="default-hint">{def(k)}</small>
        </div>
      ))}
      <div className="field">
        <label htmlFor="dl-pageDetection">{LABELS.pageDetection}</label>
        <select id="dl-pageDetection" value={form.pageDetection} onChange={(e) => set('pageDetection', e.target.value)} aria-describedby="dl-pd-def">
          <option value="auto">auto</option>
          <option value="manual">manual</option>
          <option value="patterns">patterns</option>
        </select>
        <small id="dl-pd-def" className="default-hint">{def('pageDetection')}</small>
      </div>
      {(['variableName', 'externalDataLayerName', 'bufferSize', 'flushInterval'] as const).map((k) => (
        <Field
          key={k}
          label={LABELS[k]}
          value={form[k]}
          type={typeof DATA_LAYER_DEFAULTS[k] === 'number' ? 'number' : 'text'}
          spellCheck={false}
          hint={def(k)}
          error={err(k)}
          onChange={(e) => set(k, e.target.value)}
        />
      ))}
      {live.reverseEventMapping && (
        <p className="muted small">Reverse mapping of the data layer: {Object.keys(live.reverseEventMapping).length} entries (kept as they are).</p>
      )}
    </div>
  );
}
