import { useCallback, useEffect, useMemo, useState } from 'react';
import { call } from '../../bridge';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { BulkActions } from './BulkActions';
import { FleetGrid } from './FleetGrid';
import { FleetStatus } from './FleetStatus';
import { FleetToolbar } from './FleetToolbar';
import { useFleetPicture } from './fleet-picture';
import { visibleRows, type FleetQuery } from './fleet-view';

/** #/fleet: every site of every connection, filtered, searched and sorted, in one grid. */
export function FleetSites() {
  const { data: picture, error, loading } = useFleetPicture();
  const [query, setQuery] = useState<FleetQuery>({
    filters: new Set(),
    search: '',
    sort: 'status',
  });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const all = useMemo(() => picture?.rows ?? [], [picture]);
  const rows = useMemo(() => visibleRows(all, query), [all, query]);

  const onSelect = useCallback((key: string, on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  const onVisible = useCallback((keys: string[]) => void call('fleet.visible', { keys }), []);
  // A heartbeat: main polls the fleet only while a screen shows it.
  useEffect(() => {
    const t = setInterval(() => void call('fleet.visible', { keys: [] }), 30_000);
    return () => clearInterval(t);
  }, []);
  // "/" jumps to the search field, as in most consoles.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && e.target.closest('input, textarea, select');
      if (e.key !== '/' || typing || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      document.getElementById('fleet-search')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const picked = all.filter((r) => selected.has(r.key));
  return (
    <>
      <FleetStatus />
      {error && <ErrorNotice error={error} />}
      {!loading && !error && all.length === 0 && (
        <Notice tone="info" title="No sites yet">
          Add sites by id under <a href="#/fleet/add">Add sites</a>.
        </Notice>
      )}
      <FleetToolbar rows={all} query={query} shown={rows.length} onChange={setQuery} />
      <div className="row fleet-select-row">
        <button
          type="button"
          disabled={rows.length === 0}
          onClick={() => setSelected(new Set(rows.map((r) => r.key)))}
        >
          Select the {rows.length} shown
        </button>
        <p id="fleet-keys" className="muted small">
          In the table: ↑ ↓ Page Up/Down Home End move · Enter opens the site · Space selects · /
          searches
        </p>
      </div>
      {picked.length > 0 && <BulkActions rows={picked} onDone={() => setSelected(new Set())} />}
      <FleetGrid rows={rows} selected={selected} onSelect={onSelect} onVisible={onVisible} />
    </>
  );
}
