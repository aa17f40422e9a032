import { useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorIssue } from '../../../../shared/bridge';
import type { PreviewResult } from '../../../../shared/bridge/calls/changes';
import { PROVIDER_SECRET_FIELDS, ProviderKey } from '../../../../shared/contract';
import { diffIntegration } from '../../../../shared/domain/diff';
import type { ChangeState } from '../../../../shared/domain/workflow';
import { call } from '../../../bridge';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { clock } from '../../../ui/format';
import { Notice } from '../../../ui/Notice';
import { ConfigForm } from '../../config-editor/ConfigForm';
import { DiffView } from '../../config-editor/DiffView';
import { fromBody, toBody, type Draft } from '../../config-editor/draft';
import { FilterEditor } from '../../config-editor/FilterEditor';
import { PairEditor } from '../../config-editor/PairEditor';
import { JsonView } from '../../config-editor/JsonView';
import { validateDraft, validateJson } from '../../config-editor/validate';
import { useChange } from '../change-store';
import { ImpactTable } from '../ImpactTable';
import { DeleteDraft } from './DeleteDraft';
import { RawDraft } from './RawDraft';
import { ServerChanges } from './ServerChanges';

/**
 * Config: the console's editor on a local draft (saved to disk on every edit, so it survives a
 * reload and needs no network), the diff against the baseline, the impact preview, then apply.
 */
export function ConfigStep({ s }: { s: ChangeState }) {
  if (s.step !== 'config' || !s.open) return <AppliedSummary s={s} />;
  if (s.operation === 'delete') return <DeleteDraft s={s} />;
  const provider = ProviderKey.safeParse(s.target);
  if (!provider.success) return <RawDraft s={s} />;
  return <ProviderDraft s={s} provider={provider.data} />;
}

function ProviderDraft({ s, provider }: { s: ChangeState; provider: ProviderKey }) {
  const view = useChange((x) => x.view);
  const run = useChange((x) => x.run);
  const busy = useChange((x) => x.busy);
  const baseline = useMemo(() => s.baseline?.body ?? {}, [s.baseline]);
  const [draft, setDraft] = useState<Draft>(() => fromBody(view?.draft?.body ?? baseline));
  const [savedAt, setSavedAt] = useState(view?.draft?.savedAt);
  const [saveError, setSaveError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [preview, setPreview] = useState<PreviewResult>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  // The operator's own JSON text while they type in it (undefined: the text follows the form).
  const [json, setJson] = useState<{ text: string; issues: ErrorIssue[] }>();
  const formIssues = useMemo(() => validateDraft(provider, draft), [provider, draft]);
  const issues = useMemo(() => [...formIssues, ...(json?.issues ?? [])], [formIssues, json]);
  // The shared, mapping-aware diff (the one the snapshots and main's journal use) with its critical flags.
  const diff = useMemo(
    () => diffIntegration(toBody(fromBody(baseline)), toBody(draft)),
    [baseline, draft],
  );
  const changed = !diff.identical;

  async function save(d: Draft) {
    const r = await call('changes.saveDraft', { changeId: s.id, body: toBody(d) });
    setPending(false);
    if (r.ok) {
      setSavedAt(r.value.savedAt);
      setSaveError(undefined);
    } else setSaveError(r.error.message);
    return r.ok;
  }
  const update = (fn: (d: Draft) => Draft) =>
    setDraft((d) => {
      const next = fn(d);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(next), 400);
      setPending(true);
      setPreview(undefined);
      return next;
    });
  useEffect(() => () => clearTimeout(timer.current), []);
  const editForm = (fn: (d: Draft) => Draft) => {
    setJson(undefined);
    update(fn);
  };
  function editJson(text: string) {
    const { value, issues: found } = validateJson(provider, text);
    setJson({ text, issues: found });
    // Syntactically valid JSON flows into the draft (and the form) at once; schema issues stay listed.
    if (value) update(() => fromBody(value));
  }

  async function runPreview() {
    clearTimeout(timer.current);
    if (!(await save(draft))) return;
    const r = await call('changes.preview', { changeId: s.id });
    if (r.ok) setPreview(r.value);
    else setSaveError(r.error.message);
  }
  async function apply() {
    clearTimeout(timer.current);
    if (await save(draft)) await run('Applying', 'changes.apply', { changeId: s.id });
  }

  return (
    <div className="step-body">
      <p className="small muted" role="status" data-testid="draft-status">
        {pending
          ? 'Saving the draft…'
          : savedAt
            ? `Draft saved locally at ${clock(savedAt)}.`
            : 'Edit the draft below; it is saved locally as you type.'}
      </p>
      {saveError && (
        <Notice tone="error" title="The draft could not be saved">
          {saveError}
        </Notice>
      )}
      {s.lastApplyError && !s.needsBaseline && <ErrorNotice error={s.lastApplyError.error} />}
      <div role="group" aria-label="Editor view" className="row">
        <button type="button" aria-pressed={mode === 'form'} onClick={() => setMode('form')}>
          Form
        </button>
        <button type="button" aria-pressed={mode === 'json'} onClick={() => setMode('json')}>
          Raw JSON
        </button>
      </div>
      {mode === 'form' ? (
        <div className="two-col">
          <ConfigForm
            provider={provider}
            draft={draft}
            live={(baseline.config ?? {}) as Record<string, unknown>}
            issues={formIssues}
            onChange={editForm}
          />
          <PairEditor
            title="Event mapping"
            section="eventMapping"
            rows={draft.mapping}
            keyLabel="Canonical event"
            valueLabel="Provider event"
            canonicalSide="key"
            issues={formIssues}
            onChange={(mapping) => editForm((d) => ({ ...d, mapping }))}
          />
          <FilterEditor
            rows={draft.filters}
            issues={formIssues}
            onChange={(filters) => editForm((d) => ({ ...d, filters }))}
          />
          <PairEditor
            title="Reverse mapping"
            section="reverseEventMapping"
            rows={draft.reverse}
            keyLabel="External name"
            valueLabel="Canonical event"
            canonicalSide="value"
            issues={formIssues}
            onChange={(reverse) => editForm((d) => ({ ...d, reverse }))}
          />
        </div>
      ) : (
        <JsonView
          text={json?.text ?? JSON.stringify(toBody(draft), null, 2)}
          issues={json?.issues ?? []}
          onChange={editJson}
        />
      )}
      <section className="card" aria-labelledby="diff-title">
        <h4 id="diff-title">Diff against the baseline</h4>
        <DiffView
          diff={diff}
          label="Changes against the baseline"
          secretFields={PROVIDER_SECRET_FIELDS[provider]}
        />
      </section>
      {issues.length > 0 && (
        <Notice
          tone="error"
          title={`${issues.length} problem${issues.length > 1 ? 's' : ''} to fix before applying`}
        >
          <ul className="issues">
            {issues.slice(0, 8).map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <code>{i.path}</code>: {i.message}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <section className="card" aria-labelledby="impact-title">
        <h4 id="impact-title">Impact preview</h4>
        <button
          type="button"
          onClick={() => void runPreview()}
          disabled={!changed || issues.length > 0}
        >
          Preview impact
        </button>
        {preview?.impact && <ImpactTable impact={preview.impact} />}
        {preview?.impactError && (
          <p className="small">The impact could not be computed: {preview.impactError}</p>
        )}
      </section>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!changed || issues.length > 0 || busy !== undefined}
          onClick={() => void apply()}
        >
          {busy === 'Applying' ? 'Applying…' : 'Apply change'}
        </button>
        <span className="small muted">
          PUT with If-Match of the baseline; the provider test runs right after.
        </span>
      </div>
    </div>
  );
}

const secretsOf = (target: string) => {
  const p = ProviderKey.safeParse(target);
  return p.success ? PROVIDER_SECRET_FIELDS[p.data] : undefined;
};

/** Once applied, the Config step is a record: what was applied and what the preview said. */
function AppliedSummary({ s }: { s: ChangeState }) {
  const intent = s.lastIntent;
  if (!s.applied || !intent) return <p className="small muted">Nothing was applied.</p>;
  return (
    <div className="step-body" data-testid="applied-summary">
      <p>
        Applied at {clock(s.applied.at)}
        {s.applied.recovered
          ? ' (confirmed from the server after an interruption; not re-sent)'
          : ''}
        .
      </p>
      {intent.diff && (
        <ServerChanges
          diff={intent.diff}
          label="Applied changes"
          secretFields={secretsOf(s.target)}
        />
      )}
      {intent.impact && <ImpactTable impact={intent.impact} />}
    </div>
  );
}
