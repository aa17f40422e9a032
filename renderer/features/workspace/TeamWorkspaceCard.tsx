import { useState, type FormEvent } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { call } from '../../bridge';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { syncLabel } from './sync-label';
import { showWorkspaceInfo } from './workspace-info';

/**
 * Settings -> Team workspace: the git remote (https URL, branch, username; the token goes to the
 * secret store and is never shown again), "Test connection", "Enable", and what sync reports.
 */
export default function TeamWorkspaceCard() {
  const query = useBridgeQuery('workspace.info', {});
  const info = query.data;
  const [failed, setError] = useState<BridgeError>();
  const error = failed ?? query.error;
  const [note, setNote] = useState<string>();

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (name: string) => {
      const v = f.get(name);
      return typeof v === 'string' ? v : '';
    };
    const token = text('token');
    const proxyUrl = text('proxyUrl').trim();
    const caFile = text('caFile').trim();
    setNote(undefined);
    const r = await call('workspace.configure', {
      url: text('url'),
      branch: text('branch') || 'main',
      username: text('username'),
      ...(token ? { token } : {}),
      ...(proxyUrl ? { proxyUrl } : {}),
      ...(caFile ? { caFile } : {}),
    });
    if (!r.ok) return setError(r.error);
    setError(undefined);
    showWorkspaceInfo(r.value);
    setNote('Saved.');
    (e.currentTarget.elements.namedItem('token') as HTMLInputElement | null)?.setAttribute(
      'value',
      '',
    );
  }
  async function test() {
    setNote(undefined);
    const r = await call('workspace.test', {});
    if (!r.ok) return setError(r.error);
    setError(undefined);
    setNote(
      `Connection works (${Math.round(r.value.durationMs)} ms); the branch ${r.value.branchExists ? 'exists' : 'will be created by the first push'}.`,
    );
  }
  async function enable(enabled: boolean) {
    const r = await call('workspace.enable', { enabled });
    if (!r.ok) return setError(r.error);
    setError(undefined);
    showWorkspaceInfo(r.value);
  }

  const remote = info?.remote;
  return (
    <article className="card form" aria-labelledby="team-ws-title">
      <h2 id="team-ws-title">Team workspace</h2>
      <p className="muted">
        Snapshots, known-good marks, runbooks, the change journal and the change lock live in a git
        repository ({info ? <code>{info.folder}</code> : 'the data folder'}). Point it at a
        repository your team shares (GitHub, GitLab, Bitbucket, Gitea or any smart-HTTP server) and
        the app syncs it. HTTPS only: SSH remotes are not supported.
      </p>
      {info && (
        <p role="status">
          Status: <strong>{syncLabel(info.status)}</strong>
          {info.status.lastError ? ` — ${info.status.lastError}` : ''}
        </p>
      )}
      {info?.status.problems.map((p) => (
        <Notice key={p} tone="warning" title="Team workspace">
          {p}
        </Notice>
      ))}
      {/* Remounted once the saved remote has arrived: its values are the fields' defaults. */}
      <form
        key={info ? 'loaded' : 'loading'}
        className="form"
        onSubmit={(e) => void save(e)}
        aria-label="Git remote"
      >
        <div className="field">
          <label htmlFor="ws-url">Repository URL (https)</label>
          <input
            id="ws-url"
            name="url"
            type="url"
            required
            defaultValue={remote?.url ?? ''}
            placeholder="https://github.com/acme/ops-workspace.git"
          />
        </div>
        <div className="field">
          <label htmlFor="ws-branch">Branch</label>
          <input id="ws-branch" name="branch" defaultValue={remote?.branch ?? 'main'} />
        </div>
        <div className="field">
          <label htmlFor="ws-username">Username</label>
          <input
            id="ws-username"
            name="username"
            required
            defaultValue={remote?.username ?? ''}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor="ws-token">
            Access token {remote?.hasToken ? '(stored; leave empty to keep it)' : ''}
          </label>
          <input id="ws-token" name="token" type="password" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="ws-proxy">Proxy URL (optional; HTTPS_PROXY applies otherwise)</label>
          <input
            id="ws-proxy"
            name="proxyUrl"
            type="url"
            defaultValue={remote?.proxyUrl ?? ''}
            placeholder="http://proxy.example.com:3128"
          />
        </div>
        <div className="field">
          <label htmlFor="ws-ca">CA file (optional: PEM of your network's own CA)</label>
          <input
            id="ws-ca"
            name="caFile"
            defaultValue={remote?.caFile ?? ''}
            placeholder="/etc/ssl/company-ca.pem"
            autoComplete="off"
          />
        </div>
        <div className="row">
          <button type="submit">Save</button>
          <button type="button" disabled={!remote?.hasToken} onClick={() => void test()}>
            Test connection
          </button>
          {remote?.enabled ? (
            <button type="button" onClick={() => void enable(false)}>
              Disable sync
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={!remote?.hasToken}
              onClick={() => void enable(true)}
            >
              Enable
            </button>
          )}
        </div>
      </form>
      {note && (
        <p role="status" className="muted">
          {note}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      {info?.migration && Object.values(info.migration.before).some((n) => n > 0) && (
        <Notice tone="info" title="Imported from this laptop's data folder">
          {Object.entries(info.migration.after)
            .map(([k, v]) => `${k}: ${v} of ${info.migration!.before[k] ?? 0}`)
            .join(' · ')}
        </Notice>
      )}
    </article>
  );
}
