import { useEffect, useMemo, useState } from 'react';
import { PROVIDER_LABELS, PROVIDER_SECRET_FIELDS, type ProviderKey } from '../../../shared/contract';
import { useRouter } from '../../app/router-store';
import { targetKey, useTarget } from '../../app/target';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { useProviders } from '../providers/provider-store';
import { diffIntegration } from './config-diff';
import { ConfigForm } from './ConfigForm';
import { ConflictPanel } from './ConflictPanel';
import { DiffView } from './DiffView';
import { fromBody, toBody } from './draft';
import { useEditor } from './editor-store';
import { FilterEditor } from './FilterEditor';
import { JsonView } from './JsonView';
import { PairEditor } from './PairEditor';
import { SaveDialog } from './SaveDialog';
import { validateDraft } from './validate';

/** #/providers/<p>/edit: form and raw JSON on one draft, a structured diff, then a PUT with If-Match. */
export default function EditorScreen({ provider }: { provider: ProviderKey }) {
  const t = useTarget();
  const key = targetKey(t?.target);
  const s = useEditor();
  const navigate = useRouter((r) => r.navigate);
  const [view, setView] = useState<'form' | 'json'>('form');
  const [reviewing, setReviewing] = useState(false);

  useEffect(() => {
    if (t) void s.load(t.target, provider);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, provider]);

  const issues = useMemo(() => (s.draft ? validateDraft(provider, s.draft) : []), [provider, s.draft]);
  const diff = useMemo(
    () => (s.live && s.draft ? diffIntegration(toBody(fromBody(s.live)), toBody(s.draft), PROVIDER_SECRET_FIELDS[provider]) : []),
    [s.live, s.draft, provider],
  );

  if (!t) return <Notice tone="info" title="No site selected">Select a site first.</Notice>;
  if (s.loadError) return <ErrorNotice error={s.loadError} onRetry={() => void s.load(t.target, provider)} />;
  if (!s.draft || !s.live) return <Busy busy label="Loading the live config…" />;
  const draft = s.draft;
  const allIssues = [...issues, ...s.jsonIssues];
  const canReview = allIssues.length === 0 && diff.length > 0 && !s.stale;

  async function confirmSave() {
    if (!t) return;
    const ok = await useEditor.getState().save(t.target);
    setReviewing(false);
    if (ok) {
      void useProviders.getState().load(t.target, provider);
      navigate(`providers/${provider}`);
    }
  }

  return (
    <>
      <header className="screen-head">
        <h2 className="h1-like">Edit {PROVIDER_LABELS[provider]}</h2>
        <div className="row">
          <div role="group" aria-label="Editor view" className="row">
            <button type="button" aria-pressed={view === 'form'} onClick={() => setView('form')}>Form</button>
            <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>Raw JSON</button>
          </div>
          <button type="button" onClick={s.discard} disabled={diff.length === 0}>Discard changes</button>
          <a className="button" href={`#/providers/${provider}`}>Cancel</a>
          <button type="button" className="primary" disabled={!canReview} onClick={() => setReviewing(true)}>
            Review and save
          </button>
        </div>
      </header>
      {s.stale && <Notice tone="warning" title="Offline copy">This config comes from the offline cache; saving is off until the API answers.</Notice>}
      {allIssues.length > 0 && (
        <Notice tone="error" title={`${allIssues.length} problem${allIssues.length > 1 ? 's' : ''} to fix before saving`}>
          <ul className="issues issue-summary" data-testid="issues">
            {allIssues.slice(0, 8).map((i) => (
              <li key={`${i.path}:${i.message}`}><code>{i.path}</code>: {i.message}</li>
            ))}
          </ul>
        </Notice>
      )}
      {s.saveError && !s.serverCurrent && <ErrorNotice error={s.saveError} />}
      {s.serverCurrent && s.saveError && <ConflictPanel provider={provider} error={s.saveError} live={s.live} current={s.serverCurrent} onRebase={() => void s.rebase(t.target)} />}
      <article className="card" aria-labelledby="pending-title">
        <h2 id="pending-title">Pending changes ({diff.length})</h2>
        <DiffView items={diff} label="Changes against the live config" />
      </article>
      {view === 'form' ? (
        <div className="two-col">
          <ConfigForm provider={provider} draft={draft} live={s.live.config} issues={issues} onChange={s.update} />
          <PairEditor
            title="Event mapping"
            section="eventMapping"
            rows={draft.mapping}
            keyLabel="Canonical event"
            valueLabel="Provider event"
            canonicalSide="key"
            issues={issues}
            onChange={(mapping) => s.update((d) => ({ ...d, mapping }))}
            extra={
              <button type="button" disabled={!s.defaults} onClick={() => s.defaults && s.update((d) => ({ ...d, mapping: fromBody({ eventMapping: s.defaults!.eventMapping }).mapping }))}>
                Start from defaults
              </button>
            }
          />
          <FilterEditor rows={draft.filters} issues={issues} onChange={(filters) => s.update((d) => ({ ...d, filters }))} />
          <PairEditor
            title="Reverse mapping"
            section="reverseEventMapping"
            rows={draft.reverse}
            keyLabel="External name"
            valueLabel="Canonical event"
            canonicalSide="value"
            issues={issues}
            onChange={(reverse) => s.update((d) => ({ ...d, reverse }))}
          />
        </div>
      ) : (
        <JsonView text={s.jsonText} issues={s.jsonIssues} onChange={s.setJson} />
      )}
      <SaveDialog open={reviewing} provider={provider} diff={diff} saving={s.saving} onCancel={() => setReviewing(false)} onConfirm={() => void confirmSave()} />
    </>
  );
}
