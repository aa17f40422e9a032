import { useMemo, useState, type FormEvent } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { WEBHOOK_AUTH_FIELDS, WebhookAuthType, type WebhookBody } from '../../../shared/contract';
import { Busy } from '../../ui/Busy';
import { LockNotice } from '../changes/LockNotice';
import { Field } from '../../ui/Field';
import { bodyFrom, formFrom, validateWebhook, type WebhookFormState } from './webhook-form';

const AUTH_LABELS: Record<WebhookAuthType, string> = {
  none: 'None',
  bearer: 'Bearer token',
  basic: 'Basic (username + password)',
  hmac: 'HMAC signature (Standard Webhooks)',
  signature: 'Signature (Standard Webhooks)',
  api_key: 'API key header',
};

/**
 * The new webhook's first draft. Saving opens a change (baseline "does not exist", this draft at
 * Config); the webhook is created by that change's "Apply change", then tested and monitored.
 */
export function WebhookForm({
  busy,
  onSave,
  onCancel,
}: {
  busy: boolean;
  onSave(body: WebhookBody): Promise<BridgeError | undefined>;
  onCancel(): void;
}) {
  const [f, setF] = useState<WebhookFormState>(() => formFrom(undefined));
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<BridgeError>();
  const { body, issues } = useMemo(() => validateWebhook(bodyFrom(f, undefined)), [f]);
  const at = (path: string) => (touched ? issues.find((i) => i.path === path)?.message : undefined);
  const set = (patch: Partial<WebhookFormState>) => {
    setTouched(true);
    setF((x) => ({ ...x, ...patch }));
  };
  const fields = WEBHOOK_AUTH_FIELDS[f.authType];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!body) return;
    setError(await onSave(body));
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label="New webhook">
      <h2>New webhook</h2>
      {error && <LockNotice error={error} />}
      <Field
        label="Name"
        value={f.name}
        onChange={(e) => set({ name: e.target.value })}
        error={at('name')}
      />
      <Field
        label="URL"
        value={f.url}
        onChange={(e) => set({ url: e.target.value })}
        error={at('url')}
        spellCheck={false}
      />
      <Field
        label="Events"
        value={f.events}
        onChange={(e) => set({ events: e.target.value })}
        hint="Canonical events, comma separated; empty means every event."
        error={issues.find((i) => i.path.startsWith('events'))?.message}
      />
      <div className="field">
        <label htmlFor="wh-auth">Authentication</label>
        <select
          id="wh-auth"
          value={f.authType}
          onChange={(e) => set({ authType: e.target.value as WebhookAuthType })}
        >
          {WebhookAuthType.options.map((a) => (
            <option key={a} value={a}>
              {AUTH_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      {fields.plain.map((name) => (
        <Field
          key={name}
          label={name}
          value={f.auth[name] ?? ''}
          onChange={(e) => set({ auth: { ...f.auth, [name]: e.target.value } })}
          error={at(`authConfig.${name}`)}
        />
      ))}
      {fields.secret.map((name) => (
        <Field
          key={name}
          label={`${name} (secret)`}
          type="password"
          autoComplete="off"
          value={f.auth[name] ?? ''}
          placeholder="required"
          hint="Write-only: it cannot be read back later."
          onChange={(e) => set({ auth: { ...f.auth, [name]: e.target.value } })}
          error={at(`authConfig.${name}`)}
        />
      ))}
      <div className="row">
        <Field
          label="Max attempts"
          type="number"
          min={1}
          max={10}
          value={f.maxAttempts}
          onChange={(e) => set({ maxAttempts: e.target.value })}
          error={at('retryPolicy.maxAttempts')}
        />
        <div className="field">
          <label htmlFor="wh-backoff">Backoff</label>
          <select
            id="wh-backoff"
            value={f.backoff}
            onChange={(e) => set({ backoff: e.target.value as WebhookFormState['backoff'] })}
          >
            <option value="exponential">exponential</option>
            <option value="fixed">fixed</option>
          </select>
        </div>
        <Field
          label="First retry delay (ms)"
          type="number"
          min={0}
          value={f.initialDelayMs}
          onChange={(e) => set({ initialDelayMs: e.target.value })}
          error={at('retryPolicy.initialDelayMs')}
        />
      </div>
      <label className="check-line">
        <input
          type="checkbox"
          checked={f.active}
          onChange={(e) => set({ active: e.target.checked })}
        />
        Active (deliveries are sent)
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={busy || (touched && !body)}>
          Start create change
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <Busy busy={busy} label="Opening the change…" />
      </div>
    </form>
  );
}
