import { MAX } from './limits';
import { isMasked, PROVIDER_SECRET_FIELDS, type ProviderKey } from '../../../shared/contract';
import type { ErrorIssue } from '../../../shared/bridge';
import { Field } from '../../ui/Field';
import type { Draft } from './draft';
import { issuesAt } from './validate';

type Spec = {
  name: string;
  label: string;
  kind: 'text' | 'secret' | 'bool';
  hint?: string;
  numeric?: boolean;
};

const FIELDS: Record<ProviderKey, Spec[]> = {
  ga4: [
    {
      name: 'measurementId',
      label: 'Measurement ID',
      kind: 'text',
      hint: 'G- then 4-16 capitals or digits, e.g. G-ABC123XYZ9',
    },
    { name: 'apiSecret', label: 'Measurement Protocol API secret', kind: 'secret' },
  ],
  meta: [
    { name: 'pixelId', label: 'Pixel ID', kind: 'text', numeric: true, hint: '15 or 16 digits' },
    { name: 'accessToken', label: 'Conversions API access token', kind: 'secret' },
    { name: 'advancedMatching', label: 'Advanced matching (hashed user data)', kind: 'bool' },
  ],
  gads: [
    { name: 'conversionId', label: 'Conversion ID', kind: 'text', hint: 'AW- then 6-12 digits' },
    {
      name: 'conversionLabel',
      label: 'Conversion label',
      kind: 'text',
      hint: 'letters, digits, "-" and "_"',
    },
    { name: 'valueBased', label: 'Value-based bidding (send order value)', kind: 'bool' },
  ],
};

/** Provider fields, validated as typed; secrets are write-only (empty = keep the stored one). */
export function ConfigForm({
  provider,
  draft,
  live,
  issues,
  onChange,
}: {
  provider: ProviderKey;
  draft: Draft;
  live: Record<string, unknown>;
  issues: ErrorIssue[];
  onChange(fn: (d: Draft) => Draft): void;
}) {
  const setConfig = (name: string, value: unknown) =>
    onChange((d) => {
      const config = { ...d.config };
      if (value === undefined) delete config[name];
      else config[name] = value;
      return { ...d, config };
    });
  const secrets = PROVIDER_SECRET_FIELDS[provider];
  return (
    <fieldset className="card form-card">
      <legend>Config</legend>
      <div className="row">
        <label className="check-line">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => onChange((d) => ({ ...d, enabled: e.target.checked }))}
          />
          Enabled (off: nothing is forwarded)
        </label>
        <label className="check-line">
          <input
            type="checkbox"
            checked={draft.testMode}
            onChange={(e) => onChange((d) => ({ ...d, testMode: e.target.checked }))}
          />
          Test mode (events are logged, not sent)
        </label>
      </div>
      {FIELDS[provider].map((f) => {
        const value = draft.config[f.name];
        const error = issuesAt(issues, `config.${f.name}`);
        if (f.kind === 'bool')
          return (
            <label key={f.name} className="check-line">
              <input
                type="checkbox"
                checked={value === true}
                onChange={(e) => setConfig(f.name, e.target.checked)}
              />
              {f.label}
            </label>
          );
        if (f.kind === 'secret') {
          const stored = live[f.name];
          return (
            <Field
              key={f.name}
              label={f.label}
              type="password"
              autoComplete="off"
              maxLength={MAX.configValue}
              value={isMasked(value) ? '' : typeof value === 'string' ? value : ''}
              placeholder={
                isMasked(stored) ? `kept: ${String(stored)} (type to replace)` : 'not set'
              }
              hint={
                secrets.includes(f.name)
                  ? 'Write-only. Leave empty to keep the stored secret.'
                  : undefined
              }
              error={error}
              // Emptying the box means "keep": send the mask back, which the server keeps.
              onChange={(e) => setConfig(f.name, e.target.value === '' ? stored : e.target.value)}
            />
          );
        }
        return (
          <Field
            key={f.name}
            label={f.label}
            value={typeof value === 'string' ? value : ''}
            inputMode={f.numeric ? 'numeric' : undefined}
            maxLength={MAX.configValue}
            hint={f.hint}
            error={error}
            spellCheck={false}
            onChange={(e) => setConfig(f.name, e.target.value === '' ? undefined : e.target.value)}
          />
        );
      })}
    </fieldset>
  );
}
