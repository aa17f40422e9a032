import { useState, type FormEvent } from 'react';
import {
  ConnectionColor,
  ConnectionInput,
  DEFAULT_COLOR,
  type BridgeError,
  type Connection,
  type Environment,
} from '../../../shared/bridge';
import { EnvironmentBadge } from '../environment/EnvironmentBadge';
import { call } from '../../bridge';
import { useSession } from '../../app/session-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';

/** Add or edit a connection. The token is write-only: an empty field keeps the stored one. */
export function ConnectionForm({
  existing,
  onDone,
}: {
  existing?: Connection;
  onDone: () => void;
}) {
  const reload = useSession((s) => s.load);
  const [name, setName] = useState(existing?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(existing?.baseUrl ?? 'https://api.selwise.com/api/v1');
  const [authScheme, setAuthScheme] = useState<'bearer' | 'header'>(
    existing?.authScheme ?? 'bearer',
  );
  const [authHeader, setAuthHeader] = useState(existing?.authHeader ?? '');
  // Chosen when the connection is added: nothing is preselected, so production is never implied.
  const [environment, setEnvironment] = useState<Environment | undefined>(existing?.environment);
  const [color, setColor] = useState<Connection['color'] | undefined>(existing?.color);
  const sandbox = existing?.kind === 'sandbox';
  const [token, setToken] = useState('');
  const [error, setError] = useState<BridgeError>();
  const [busy, setBusy] = useState(false);

  const draft = {
    ...(existing ? { id: existing.id } : {}),
    name,
    ...(environment ? { environment } : {}),
    ...(color ? { color } : {}),
    baseUrl,
    authScheme,
    ...(authScheme === 'header' ? { authHeader } : {}),
    ...(token ? { token } : {}),
  };
  const check = ConnectionInput.safeParse(draft);
  const fieldError = (path: string) =>
    check.success ? undefined : check.error.issues.find((i) => i.path.join('.') === path)?.message;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check.success || !environment) return;
    setBusy(true);
    const result = await call('connections.save', draft);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setToken('');
    onDone();
    // The lists refetch in the background; the form is already closed.
    void reload();
  }

  return (
    <form
      className="card form"
      onSubmit={(e) => void submit(e)}
      aria-label={existing ? `Edit ${existing.name}` : 'Add a connection'}
    >
      <h3>{existing ? `Edit ${existing.name}` : 'Add a connection'}</h3>
      <Field
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={name ? fieldError('name') : undefined}
        required
      />
      {sandbox ? (
        <p className="small muted">
          Environment: <EnvironmentBadge connection={existing} /> (the embedded sandbox is always
          the sandbox).
        </p>
      ) : (
        <fieldset className="field env-choice">
          <legend>Environment (required)</legend>
          {(['production', 'staging', 'sandbox'] as const).map((env) => (
            <label key={env}>
              <input
                type="radio"
                name="environment"
                value={env}
                required
                checked={environment === env}
                onChange={() => {
                  setEnvironment(env);
                  if (!color || color === DEFAULT_COLOR[environment ?? 'production'])
                    setColor(DEFAULT_COLOR[env]);
                }}
              />{' '}
              {env === 'production' ? 'Production' : env === 'staging' ? 'Staging' : 'Sandbox'}
            </label>
          ))}
          <p className="small muted">
            Shown on every screen and in every confirmation that writes.
          </p>
        </fieldset>
      )}
      {!sandbox && (
        <div className="field">
          <label htmlFor="conn-color">Colour</label>
          <select
            id="conn-color"
            value={color ?? ''}
            onChange={(e) => setColor(ConnectionColor.parse(e.target.value))}
          >
            <option value="" disabled>
              Choose the environment first
            </option>
            {ConnectionColor.options.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field
        label="Base URL"
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.target.value)}
        error={fieldError('baseUrl')}
        hint="The API root, e.g. https://api.selwise.com/api/v1"
        required
      />
      <div className="field">
        <label htmlFor="auth-scheme">Authentication</label>
        <select
          id="auth-scheme"
          value={authScheme}
          onChange={(e) => setAuthScheme(e.target.value as 'bearer' | 'header')}
        >
          <option value="bearer">Authorization: Bearer token</option>
          <option value="header">Token in a named header</option>
        </select>
      </div>
      {authScheme === 'header' && (
        <Field
          label="Header name"
          value={authHeader}
          onChange={(e) => setAuthHeader(e.target.value)}
          error={fieldError('authHeader')}
          placeholder="x-api-key"
        />
      )}
      <Field
        label="Token"
        type="password"
        autoComplete="off"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        hint={
          existing?.hasToken
            ? 'A token is stored. Leave empty to keep it; it is never shown again.'
            : 'Stored encrypted by the OS; never shown again.'
        }
      />
      {error && <ErrorNotice error={error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={!check.success || !environment || busy}>
          {busy ? 'Saving…' : 'Save connection'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
