import { CycleNote } from '../emergency/CycleNote';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorIssue } from '../../../../shared/bridge';
import type { PreviewResult } from '../../../../shared/bridge/calls/changes';
import { PROVIDER_SECRET_FIELDS, ProviderKey } from '../../../../shared/contract';
import { diffIntegration } from '../../../../shared/domain/diff';
import type { ChangeState } from '../../../../shared/domain/workflow';
import { call } from '../../../bridge';
import { targetName } from '../../../../shared/domain/names';
import { useAsk } from '../../../ui/AskDialog';
import { Time } from '../../../ui/Time';
import { useWriteScope, writeQuestion } from '../../environment/environment';
import { newestDraft, noteEdit, saveDraft } from './draft-sync';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Notice } from '../../../ui/Notice';
import { ConfigForm } from '../../config-editor/ConfigForm';
import { DiffView } from '../../config-editor/DiffView';
import { fromBody, toBody, type Draft } from '../../config-editor/draft';
import { FilterEditor } from '../../config-editor/FilterEditor';
import { PairEditor } from '../../config-editor/PairEditor';
import { JsonView } from '../../config-editor/JsonView';
import { draftJson, duplicatedKeys } from '../../config-editor/draft-json';
import { duplicateKeys } from '../../config-editor/duplicate-keys';
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
  const scope = useWriteScope(s.connectionId, s.siteId);
  const { ask, dialog } = useAsk();
  const baseline = useMemo(() => s.baseline?.body ?? {}, [s.baseline]);
  // The newest draft there is (an unsaved local edit, else the saved one, else the baseline).
  const [start] = useState(() => newestDraft(s.id, view?.draft));
  const [draft, setDraft] = useState<Draft>(() => fromBody(start?.body ?? baseline));
  const [savedAt, setSavedAt] = useState(start?.savedAt);
  const [saveError, setSaveError] = useState<string>();
  // Edits not saved yet: set by an edit, cleared when the save of the draft on screen answers.
  const [dirty, setDirty] = useState(!!start && start.savedAt === undefined);
  const shown = useRef(draft);
  const unsavedRef = useRef(dirty);
  useEffect(() => {
    shown.current = draft;
    unsavedRef.current = dirty;
  }, [draft, dirty]);
  const [preview, setPreview] = useState<PreviewResult>();
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
  const duplicated = useMemo(() => duplicatedKeys(draft), [draft]);

  const save = useCallback(
    async (d: Draft) => {
      const r = await saveDraft(s.id, toBody(d));
      if (r.ok) {
        setSavedAt(r.draft.savedAt);
        setSaveError(undefined);
        if (shown.current === d) setDirty(false);
      } else setSaveError(r.message);
      return r.ok;
    },
    [s.id],
  );

  // A newer draft saved elsewhere (another window, a restore seeding it) replaces this one, unless
  // the operator has edits of their own not saved yet: nothing ever goes back in time.
  const serverDraft = view?.draft;
  useEffect(() => {
    if (dirty || !serverDraft || (savedAt && serverDraft.savedAt <= savedAt)) return;
    setDraft(fromBody(serverDraft.body));
    setSavedAt(serverDraft.savedAt);
  }, [serverDraft, savedAt, dirty]);

  // Edits are saved 400 ms after the last one (the effect, not the updater, owns the timer).
  useEffect(() => {
    if (!dirty) return;
    noteEdit(s.id, toBody(draft));
    const timer = setTimeout(() => void save(draft), 400);
    return () => clearTimeout(timer);
  }, [dirty, draft, s.id, save]);
  // Leaving the step (navigation, reload) flushes what is not saved yet.
  useEffect(
    () => () => {
      if (unsavedRef.current) void saveDraft(s.id, toBody(shown.current));
    },
    [s.id],
  );

  // Updaters stay pure: they compute the next draft and nothing else (StrictMode runs them twice).
  const update = (fn: (d: Draft) => Draft) => {
    setDraft((d) => fn(d));
    setDirty(true);
    setPreview(undefined);
  };
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
    if (!(await save(draft))) return;
    const r = await call('changes.preview', { changeId: s.id });
    if (r.ok) setPreview(r.value);
    else setSaveError(r.error.message);
  }
  async function apply() {
    const answer = await ask({
      title: writeQuestion(`Apply the change to ${targetName(s.target)}`, scope),
      message: (
        <p>
          PUT with If-Match of the baseline to {scope.connectionName}; the provider test runs right
          after. The draft shown is what is sent.
        </p>
      ),
      confirmLabel: 'Apply change',
      danger: scope.environment === 'production',
    });
    if (!answer.confirmed) return;
    // Exactly what the operator sees: this draft is saved (after any save in flight), then applied.
    if (await save(draft)) await run('Applying', 'changes.apply', { changeId: s.id });
  }

  return (
    <div className="step-body">
      {dialog}
      <p className="small muted" role="status" data-testid="draft-status">
        {dirty ? (
          'Saving the draft…'
        ) : savedAt ? (
          <>
            Draft saved locally at <Time at={savedAt} />.
          </>
        ) : (
          'Edit the draft below; it is saved locally as you type.'
        )}
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
          text={json?.text ?? draftJson(draft)}
          issues={json?.issues ?? duplicateKeys(draftJson(draft))}
          onChange={editJson}
        />
      )}
      <section className="card" aria-labelledby="diff-title">
        <h4 id="diff-title">Diff against the baseline</h4>
        {duplicated.length > 0 ? (
          <p className="step-fail" role="alert">
            No diff while a key appears twice ({duplicated.join(', ')}): the wire object keeps only
            one of each, so the diff would hide the other. Remove or rename the duplicate first.
          </p>
        ) : (
          <DiffView
            diff={diff}
            label="Changes against the baseline"
            secretFields={PROVIDER_SECRET_FIELDS[provider]}
          />
        )}
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
      <CycleNote runbook={view?.runbook} />
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
        Applied at <Time at={s.applied.at} />
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
