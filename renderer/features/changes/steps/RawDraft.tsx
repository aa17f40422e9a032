import { useRef, useState } from 'react';
import type { ErrorIssue } from '../../../../shared/bridge';
import type { ChangeState } from '../../../../shared/domain/workflow';
import { call } from '../../../bridge';
import { JsonView } from '../../config-editor/JsonView';
import { useChange } from '../change-store';

/** Webhooks and the data layer: the draft as JSON (validated by main against the target's schema). */
export function RawDraft({ s }: { s: ChangeState }) {
  const view = useChange((x) => x.view);
  const run = useChange((x) => x.run);
  const [text, setText] = useState(() =>
    JSON.stringify(view?.draft?.body ?? s.baseline?.body ?? {}, null, 2),
  );
  const [issues, setIssues] = useState<ErrorIssue[]>(view?.draft?.issues ?? []);
  // Apply waits for the last save: a click right after typing applies what was typed.
  const saving = useRef<Promise<void>>(Promise.resolve());
  function save(t: string) {
    setText(t);
    saving.current = (async () => {
      try {
        const body = JSON.parse(t) as Record<string, unknown>;
        const r = await call('changes.saveDraft', { changeId: s.id, body });
        setIssues(r.ok ? r.value.issues : [{ path: '(root)', message: r.error.message }]);
      } catch {
        setIssues([{ path: '(root)', message: 'not valid JSON yet' }]);
      }
    })();
  }
  async function apply() {
    await saving.current;
    await run('Applying', 'changes.apply', { changeId: s.id });
  }
  return (
    <div className="step-body">
      {s.operation === 'create' && (
        <p className="small muted" data-testid="create-draft">
          The webhook does not exist yet: review its draft below; “Apply change” creates it, then
          runs its mandatory test.
        </p>
      )}
      <JsonView text={text} issues={issues} onChange={save} />
      <button
        type="button"
        className="primary"
        disabled={issues.length > 0}
        onClick={() => void apply()}
      >
        Apply change
      </button>
    </div>
  );
}
