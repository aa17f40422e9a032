import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { FleetRow } from '../../../shared/bridge/calls/fleet';
import { useSession } from '../../app/session-store';
import { call } from '../../bridge';
import { useAsk } from '../../ui/AskDialog';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** New labels: every occurrence of `find` replaced, then `prefix` put in front (unless already there). */
export function relabel(label: string, find: string, replace: string, prefix: string): string {
  const replaced = find ? label.split(find).join(replace) : label;
  const next = prefix && !replaced.startsWith(prefix) ? `${prefix}${replaced}` : replaced;
  return next.trim().slice(0, 80) || label;
}

/** Remove or relabel the selected sites, in one write each (the platform itself is untouched). */
export function BulkActions({ rows, onDone }: { rows: FleetRow[]; onDone(): void }) {
  const [relabelling, setRelabelling] = useState(false);
  const { ask, dialog } = useAsk();
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [prefix, setPrefix] = useState('');
  const [error, setError] = useState<BridgeError>();
  const reloadSites = useSession((s) => s.load);
  const changes = rows
    .map((r) => ({ id: r.key, label: relabel(r.label, find, replace, prefix), was: r.label }))
    .filter((c) => c.label !== c.was);
  const finish = async (result: Promise<{ ok: boolean; error?: BridgeError }>) => {
    const r = await result;
    if (!r.ok) return setError(r.error);
    setRelabelling(false);
    await reloadSites();
    onDone();
  };
  const remove = async () => {
    const a = await ask({
      title: `Remove ${rows.length} sites from the app?`,
      message:
        'They disappear from this app only: nothing changes on the platform, and their snapshots and change journals stay on disk.',
      confirmLabel: `Remove ${rows.length} sites`,
      danger: true,
    });
    if (a.confirmed) await finish(call('sites.removeMany', { ids: rows.map((r) => r.key) }));
  };
  return (
    <div className="fleet-bulk" role="region" aria-label="Selected sites">
      <strong>{rows.length} selected</strong>
      <button type="button" onClick={() => setRelabelling(true)}>
        Relabel…
      </button>
      <button type="button" className="danger" onClick={() => void remove()}>
        Remove…
      </button>
      <button type="button" onClick={onDone}>
        Clear selection
      </button>
      {dialog}
      {error && !relabelling && <ErrorNotice error={error} />}
      <Dialog
        open={relabelling}
        title={`Relabel ${rows.length} sites`}
        wide
        onClose={() => setRelabelling(false)}
        actions={
          <button
            type="button"
            className="primary"
            disabled={changes.length === 0}
            onClick={() =>
              void finish(
                call('sites.relabel', { labels: changes.map(({ id, label }) => ({ id, label })) }),
              )
            }
          >
            Relabel {changes.length} sites
          </button>
        }
      >
        <div className="row">
          <label className="field">
            <span>Replace</span>
            <input value={find} onChange={(e) => setFind(e.target.value)} />
          </label>
          <label className="field">
            <span>with</span>
            <input value={replace} onChange={(e) => setReplace(e.target.value)} />
          </label>
          <label className="field">
            <span>Then put in front</span>
            <input value={prefix} onChange={(e) => setPrefix(e.target.value)} />
          </label>
        </div>
        <ul className="small fleet-preview" aria-label="New labels">
          {changes.slice(0, 8).map((c) => (
            <li key={c.id}>
              {c.was} → <strong>{c.label}</strong>
            </li>
          ))}
          {changes.length > 8 && <li>… and {changes.length - 8} more</li>}
        </ul>
        {error && <ErrorNotice error={error} />}
      </Dialog>
    </div>
  );
}
