import { useSession } from './session-store';

/** The site every screen operates on; sites are grouped by connection. */
export function SitePicker() {
  const { sites, connections, selectedSiteId, selectSite } = useSession();
  if (sites.length === 0) return <a href="#/connections">Add a site</a>;
  return (
    <label className="site-picker">
      <span className="visually-hidden">Site</span>
      <select
        value={selectedSiteId ?? ''}
        onChange={(e) => selectSite(e.target.value)}
        aria-label="Site"
      >
        {connections.map((c) => {
          const own = sites.filter((s) => s.connectionId === c.id);
          if (own.length === 0) return null;
          return (
            <optgroup key={c.id} label={c.name}>
              {own.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </label>
  );
}
