import { useRef, useState } from 'react';
import type { ErrorIssue } from '../../../../shared/bridge';
import type { ChangeState } from '../../../../shared/domain/workflow';
import { targetName } from '../../../../shared/domain/names';
import { useAsk } from '../../../ui/AskDialog';
import { JsonView } from '../../config-editor/JsonView';
import { useWriteScope, writeQuestion } from '../../environment/environment';
import { useWebhookList } from '../../webhooks/use-webhooks';
import { useChange } from '../change-store';
import { saveDraft } from './draft-sync';

/** Webhooks and the data layer: the draft as JSON (validated by main against the target's schema). */
export function RawDraft({ s }: { s: ChangeState }) {
  const view = useChange((x) => x.view);
  const run = useChange((x) => x.run);
  const scope = useWriteScope(s.connectionId, s.siteId);
  const { names } = useWebhookList({ connectionId: s.connectionId, siteId: s.siteId });
  const { ask, dialog } = useAsk();
  const [text, setText] = useState(() =>
    JSON.stringify(view?.draft?.body ?? s.baseline?.body ?? {}, null, 2),
  );
  const [issues, setIssues] = useState<ErrorIssue[]>(view?.draft?.issues ?? []);
  const saving = useRef<Promise<void>>(Promise.resolve());
  function save(t: string) {
    setText(t);
    saving.current = (async () => {
      try {
        const body = JSON.parse(t) as Record<string, unknown>;
        const r = await saveDraft(s.id, body);
        setIssues(r.ok ? r.draft.issues : [{ path: '(root)', message: r.message }]);
      } catch {
        setIssues([{ path: '(root)', message: 'not valid JSON yet' }]);
      }
    })();
  }
  async function apply() {
    const verb =
      s.operation === 'create'
        ? 'Create'
        : s.operation === 'delete'
          ? 'Delete'
          : 'Apply the change to';
    const answer = await ask({
      title: writeQuestion(`${verb} ${targetName(s.target, names)}`, scope),
      message: (
        <p>
          {s.operation === 'create'
            ? 'POST'
            : s.operation === 'delete'
              ? 'DELETE with If-Match of the baseline'
              : 'PUT with If-Match of the baseline'}{' '}
          to {scope.connectionName}; the mandatory test runs right after.
        </p>
      ),
      confirmLabel: 'Apply change',
      danger: scope.environment === 'production',
    });
    if (!answer.confirmed) return;
    // Apply waits for the last save: a click right after typing applies what was typed.
    await saving.current;
    await run('Applying', 'changes.apply', { changeId: s.id });
  }
  return (
    <div className="step-body">
      {dialog}
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
