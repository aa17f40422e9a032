import { useState } from 'react';
import type { BridgeError, Settings } from '../../../shared/bridge';
import { call } from '../../bridge';
import { useSession } from '../../app/session-store';
import { useThemeChoice, type ThemeChoice } from '../../app/theme';
import { useSettings } from '../../ui/use-settings';
import { queryKeyOf } from '../../data/keys';
import { queryClient } from '../../data/query-client';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { zoneLabel } from '../../ui/time-zone';

export default function SettingsScreen() {
  const info = useSession((s) => s.info);
  const { choice, setChoice } = useThemeChoice();
  // The one settings query: settings.changed (from this or any other window) keeps it current.
  const settings = useSettings();
  const [error, setError] = useState<BridgeError>();
  const [saved, setSaved] = useState(false);

  async function save(patch: Partial<Settings>) {
    setSaved(false);
    const r = await call('settings.update', patch);
    if (!r.ok) return setError(r.error);
    queryClient.setQueryData(queryKeyOf('settings.get', {}), r.value);
    setError(undefined);
    setSaved(true);
  }

  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-head">
        <h1 id="settings-title">Settings</h1>
      </header>
      {info && (
        <article className="card" aria-label="About this app">
          <h2>About</h2>
          <dl className="kv">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Mode</dt>
            <dd>{info.mode === 'browser' ? 'Browser mode' : 'Desktop (Electron)'}</dd>
            <dt>Data folder</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
            <dt>Platform</dt>
            <dd>
              {info.platform} · Node {info.nodeVersion}
              {info.electronVersion ? ` · Electron ${info.electronVersion}` : ''}
            </dd>
            <dt>Token storage</dt>
            <dd>
              {info.secretBackend.name}
              {info.secretBackend.secure ? '' : ' (not protected)'}
            </dd>
          </dl>
          {info.secretBackend.warning && (
            <Notice tone={info.secretBackend.secure ? 'info' : 'warning'} title="Token storage">
              {info.secretBackend.warning}
            </Notice>
          )}
        </article>
      )}
      <article className="card form" aria-label="Preferences">
        <h2>Preferences</h2>
        <div className="field">
          <label htmlFor="theme">Theme</label>
          <select
            id="theme"
            value={choice}
            onChange={(e) => setChoice(e.target.value as ThemeChoice)}
          >
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
        {settings && (
          <>
            <div className="field">
              <label htmlFor="operator">Operator name (recorded in the change journal)</label>
              <input
                id="operator"
                defaultValue={settings.operatorName}
                onBlur={(e) => void save({ operatorName: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="refresh">Auto-refresh interval (seconds)</label>
              <input
                id="refresh"
                type="number"
                min={5}
                max={3600}
                defaultValue={settings.refreshIntervalSec}
                onBlur={(e) => void save({ refreshIntervalSec: Number(e.target.value) })}
              />
            </div>
            <div className="field">
              <label htmlFor="monitor-min">
                Shortest monitoring window a change may close with (minutes)
              </label>
              <input
                id="monitor-min"
                type="number"
                min={0.05}
                step="any"
                defaultValue={settings.monitorMinimumMinutes}
                onBlur={(e) => void save({ monitorMinimumMinutes: Number(e.target.value) })}
              />
              <small className="muted">
                A change monitors its provider for the runbook&apos;s business cycle, never less
                than this.
              </small>
            </div>
            <div className="field">
              <label htmlFor="log-buffer">Log lines kept per view</label>
              <input
                id="log-buffer"
                type="number"
                min={1000}
                max={1000000}
                step={1000}
                defaultValue={settings.logBufferSize}
                onBlur={(e) => void save({ logBufferSize: Number(e.target.value) })}
              />
            </div>
            <div className="field">
              <label htmlFor="time-zone">Times in logs and traces</label>
              <select
                id="time-zone"
                value={settings.timeZone}
                onChange={(e) => {
                  void save({ timeZone: e.target.value === 'utc' ? 'utc' : 'local' });
                }}
              >
                <option value="local">Local time ({zoneLabel('local')})</option>
                <option value="utc">UTC</option>
              </select>
            </div>
            <label className="row">
              <input
                type="checkbox"
                checked={settings.updatesEnabled}
                onChange={(e) => void save({ updatesEnabled: e.target.checked })}
              />
              Check for app updates (desktop app; takes effect at the next start; off means no
              update request at all)
            </label>
            <label className="row">
              <input
                type="checkbox"
                checked={settings.allowInsecureSecrets}
                onChange={(e) => void save({ allowInsecureSecrets: e.target.checked })}
              />
              Allow storing tokens without an OS keyring (Linux basic_text: the built-in key does
              not protect them)
            </label>
          </>
        )}
        {saved && (
          <p role="status" className="muted">
            Saved.
          </p>
        )}
        {error && <ErrorNotice error={error} />}
      </article>
    </section>
  );
}
