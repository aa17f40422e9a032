import { useState, type FormEvent } from 'react';
import { SiteInput, type BridgeError } from '../../../shared/bridge';
import { call } from '../../bridge';
import { useSession } from '../../app/session-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';

export function SiteForm({ onDone }: { onDone: () => void }) {
  const { connections, load, selectSite } = useSession();
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? '');
  const [label, setLabel] = useState('');
  const [siteId, setSiteId] = useState('');
  const [error, setError] = useState<BridgeError>();
  const check = SiteInput.safeParse({ connectionId, label, siteId: siteId.trim() });
  const siteIdError =
    siteId && !check.success
      ? check.error.issues.find((i) => i.path[0] === 'siteId')?.message
      : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check.success) return;
    const result = await call('sites.save', check.data);
    if (!result.ok) return setError(result.error);
    await load();
    selectSite(result.value.id);
    onDone();
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label="Add a site">
      <h3>Add a site</h3>
      <div className="field">
        <label htmlFor="site-connection">Connection</label>
        <select
          id="site-connection"
          value={connectionId}
          onChange={(e) => setConnectionId(e.target.value)}
        >
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <Field
        label="Label"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        placeholder="Shop EU (production)"
        required
      />
      <Field
        label="Site id"
        value={siteId}
        onChange={(e) => setSiteId(e.target.value)}
        error={siteIdError}
        hint="The site's UUID from the Selwise console"
        spellCheck={false}
        required
      />
      {error && <ErrorNotice error={error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={!check.success}>
          Save site
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
