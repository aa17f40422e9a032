import { useEffect, useMemo, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { DATA_LAYER_DEFAULTS, DataLayerConfig } from '../../../shared/contract';
import { useRefresh } from '../../app/refresh-store';
import { targetKey, useTarget } from '../../app/target';
import { Busy } from '../../ui/Busy';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { useDataLayer } from './data-layer-store';
import { DataLayerFields, type DlForm } from './DataLayerFields';

type Key = keyof typeof DATA_LAYER_DEFAULTS;
const KEYS = Object.keys(DATA_LAYER_DEFAULTS) as Key[];

function toForm(c: DataLayerConfig): DlForm {
  return Object.fromEntries(KEYS.map((k) => [k, typeof c[k] === 'boolean' ? c[k] : String(c[k])])) as DlForm;
}
function toBody(live: DataLayerConfig, f: DlForm): Record<string, unknown> {
  const typed = Object.fromEntries(
    KEYS.map((k) => [k, typeof DATA_LAYER_DEFAULTS[k] === 'number' ? (f[k] === '' ? undefined : Number(f[k])) : f[k]]),
  );
  // Unknown fields and the reverse mapping travel through untouched (PUT replaces the object).
  const { updatedAt: _u, ...rest } = live;
  return { ...rest, ...typed };
}

/** The site's data-layer settings, each beside its documented default. */
export default function DataLayerScreen() {
  const t = useTarget();
  const key = targetKey(t?.target);
  const { live, stale, error, saving, load, save } = useDataLayer();
  const tick = useRefresh((s) => s.tick);
  const [form, setForm] = useState<DlForm>();
  const [confirming, setConfirming] = useState(false);
  const [saveError, setSaveError] = useState<BridgeError>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (t) void load(t.target);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  useEffect(() => {
    if (live) setForm(toForm(live));
  }, [live]);

  const parsed = useMemo(() => (live && form ? DataLayerConfig.safeParse(toBody(live, form)) : undefined), [live, form]);
  const issues = parsed && !parsed.success ? parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : [];
  const changed = live && form ? KEYS.filter((k) => String(live[k]) !== String(form[k])) : [];

  if (!t) return <Notice tone="info" title="No site selected">Select a site first.</Notice>;
  async function confirm() {
    if (!t || !parsed?.success) return;
    const err = await save(t.target, parsed.data);
    setSaveError(err);
    setConfirming(false);
    setSaved(!err);
  }

  return (
    <section className="screen" aria-labelledby="dl-title">
      <header className="screen-head">
        <h1 id="dl-title">Data layer · {t.label}</h1>
        <div className="row">
          <button type="button" disabled={changed.length === 0} onClick={() => live && setForm(toForm(live))}>Discard changes</button>
          <button type="button" className="primary" disabled={changed.length === 0 || issues.length > 0 || stale} onClick={() => setConfirming(true)}>
            Review and save
          </button>
        </div>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void load(t.target)} />}
      {saveError && <ErrorNotice error={saveError} />}
      {saved && <Notice tone="success" title="Data-layer settings saved." />}
      {!form && !error && <Busy busy label="Loading the data layer…" />}
      {form && live && <DataLayerFields form={form} live={live} issues={issues} onChange={(f) => { setSaved(false); setForm(f); }} />}
      <Dialog
        open={confirming}
        title={`Save ${changed.length} data-layer change${changed.length === 1 ? '' : 's'}?`}
        onClose={() => setConfirming(false)}
        actions={<><Busy busy={saving} label="Saving…" /><button type="button" className="primary" onClick={() => void confirm()} disabled={saving}>Save</button></>}
      >
        <ul className="diff-list" aria-label="Data-layer changes">
          {live && form && changed.map((k) => <li key={k} className="diff-changed">{k}: {String(live[k])} → {String(form[k])}</li>)}
        </ul>
      </Dialog>
    </section>
  );
}
