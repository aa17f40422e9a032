import { useState } from 'react';
import type { BridgeError, Connection } from '../../../shared/bridge';
import { call } from '../../bridge';
import { useSession } from '../../app/session-store';
import { useAsk } from '../../ui/AskDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { EnvironmentBadge } from '../environment/EnvironmentBadge';
import { ConnectionForm } from './ConnectionForm';
import { SiteForm } from './SiteForm';

type Editing = { kind: 'connection'; existing?: Connection } | { kind: 'site' } | undefined;

export default function ConnectionsScreen() {
  const { connections, sites, load } = useSession();
  const [editing, setEditing] = useState<Editing>();
  const { ask, dialog } = useAsk();
  const [testResult, setTestResult] = useState<{
    siteId: string;
    text?: string;
    error?: BridgeError;
  }>();

  async function test(connectionId: string, siteLocalId: string, siteId: string) {
    setTestResult({ siteId: siteLocalId, text: 'Testing…' });
    const r = await call('connections.test', { connectionId, siteId });
    setTestResult(
      r.ok
        ? {
            siteId: siteLocalId,
            text: `Connected: ${r.value.integrations} integrations listed in ${r.value.durationMs} ms.`,
          }
        : { siteId: siteLocalId, error: r.error },
    );
  }

  async function removeConnection(c: Connection) {
    const answer = await ask({
      title: `Remove the connection "${c.name}"?`,
      message: 'Its sites are removed from this app and its stored token is deleted.',
      confirmLabel: 'Remove connection',
      danger: true,
    });
    if (!answer.confirmed) return;
    await call('connections.remove', { id: c.id });
    await load();
  }

  async function removeSite(id: string, label: string) {
    const answer = await ask({
      title: `Remove the site "${label}"?`,
      message: 'It is removed from this app only: nothing changes on the server.',
      confirmLabel: 'Remove site',
      danger: true,
    });
    if (!answer.confirmed) return;
    await call('sites.remove', { id });
    await load();
  }

  return (
    <section className="screen" aria-labelledby="connections-title">
      {dialog}
      <header className="screen-head">
        <h1 id="connections-title">Connections and sites</h1>
        <div className="row">
          <button type="button" onClick={() => setEditing({ kind: 'connection' })}>
            Add connection
          </button>
          <button
            type="button"
            onClick={() => setEditing({ kind: 'site' })}
            disabled={connections.length === 0}
          >
            Add site
          </button>
        </div>
      </header>
      {editing?.kind === 'connection' && (
        <ConnectionForm
          existing={editing.existing}
          // Only close what is still open: the operator may have moved on to another form.
          onDone={() => setEditing((e) => (e?.kind === 'connection' ? undefined : e))}
        />
      )}
      {editing?.kind === 'site' && (
        <SiteForm onDone={() => setEditing((e) => (e?.kind === 'site' ? undefined : e))} />
      )}
      {connections.length === 0 && (
        <Notice tone="info" title="No connection yet">
          Add the API you operate, or start the embedded sandbox.
        </Notice>
      )}
      {connections.map((c) => (
        <article key={c.id} className="card" aria-label={`Connection ${c.name}`}>
          <header className="row">
            <h2>{c.name}</h2>
            <EnvironmentBadge connection={c} />
            {c.kind === 'sandbox' && <span className="badge badge-test">embedded</span>}
            <span className="spacer" />
            <button
              type="button"
              onClick={() => setEditing({ kind: 'connection', existing: c })}
              aria-label={`Edit ${c.name}`}
            >
              Edit
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => void removeConnection(c)}
              aria-label={`Remove ${c.name}`}
            >
              Remove
            </button>
          </header>
          <dl className="kv">
            <dt>Base URL</dt>
            <dd>
              <code>{c.baseUrl}</code>
            </dd>
            <dt>Auth</dt>
            <dd>{c.authScheme === 'bearer' ? 'Bearer token' : `Header ${c.authHeader ?? ''}`}</dd>
            <dt>Token</dt>
            <dd>{c.hasToken ? 'stored' : 'missing'}</dd>
          </dl>
          <table className="table">
            <caption className="visually-hidden">Sites of {c.name}</caption>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Site id</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {sites
                .filter((s) => s.connectionId === c.id)
                .map((s) => (
                  <tr key={s.id}>
                    <td>{s.label}</td>
                    <td>
                      <code>{s.siteId}</code>
                    </td>
                    <td className="row">
                      <button
                        type="button"
                        onClick={() => void test(c.id, s.id, s.siteId)}
                        aria-label={`Test ${s.label}`}
                      >
                        Test
                      </button>
                      <button
                        type="button"
                        className="danger"
                        onClick={() => void removeSite(s.id, s.label)}
                        aria-label={`Remove ${s.label}`}
                      >
                        Remove
                      </button>
                      {testResult?.siteId === s.id && testResult.text && (
                        <span role="status">{testResult.text}</span>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          {testResult?.error &&
            sites.some((s) => s.id === testResult.siteId && s.connectionId === c.id) && (
              <ErrorNotice error={testResult.error} />
            )}
        </article>
      ))}
    </section>
  );
}
