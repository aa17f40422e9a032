import { useState } from 'react';
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
  async function save(t: string) {
    setText(t);
    try {
      const body = JSON.parse(t) as Record<string, unknown>;
      const r = await call('changes.saveDraft', { changeId: s.id, body });
      setIssues(r.ok ? r.value.issues : [{ path: '(root)', message: r.error.message }]);
    } catch {
      setIssues([{ path: '(root)', message: 'not valid JSON yet' }]);
    }
  }
  return (
    <div className="step-body">
      <JsonView text={text} issues={issues} onChange={(t) => void save(t)} />
      <button
        type="button"
        className="primary"
        disabled={issues.length > 0}
        onClick={() => void run('Applying', 'changes.apply', { changeId: s.id })}
      >
        Apply change
      </button>
    </div>
  );
}
