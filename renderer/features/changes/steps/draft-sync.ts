import type { ChangeDraft } from '../../../../shared/bridge/calls/changes';
import { call } from '../../../bridge';
import { adoptSavedDraft } from '../change-store';

type Body = Record<string, unknown>;
type SaveResult = { ok: true; draft: ChangeDraft } | { ok: false; message: string };

/**
 * Saving drafts, in order. Saves of one change go one after the other (a slow older save can never
 * land after a newer one), every saved draft becomes the cached view's draft, and the last edit of
 * a change is remembered here until it is saved, so a screen that unmounts and comes back (before
 * the save answered) still shows it.
 */
const queues = new Map<string, Promise<unknown>>();
const unsaved = new Map<string, { body: Body; editedAt: number }>();

export function noteEdit(changeId: string, body: Body): void {
  unsaved.set(changeId, { body, editedAt: Date.now() });
}

/** The newest draft there is: a local edit not yet saved wins over an older saved draft. */
export function newestDraft(
  changeId: string,
  saved: ChangeDraft | undefined,
): { body: Body; savedAt: string | undefined } | undefined {
  const local = unsaved.get(changeId);
  if (local && (!saved || Date.parse(saved.savedAt) < local.editedAt))
    return { body: local.body, savedAt: undefined };
  return saved ? { body: saved.body, savedAt: saved.savedAt } : undefined;
}

export function saveDraft(changeId: string, body: Body): Promise<SaveResult> {
  const previous = queues.get(changeId) ?? Promise.resolve();
  const next = previous.then(async (): Promise<SaveResult> => {
    const r = await call('changes.saveDraft', { changeId, body });
    if (!r.ok) return { ok: false, message: r.error.message };
    if (unsaved.get(changeId)?.body === body) unsaved.delete(changeId);
    adoptSavedDraft(changeId, r.value);
    return { ok: true, draft: r.value };
  });
  queues.set(
    changeId,
    next.catch(() => undefined),
  );
  return next;
}
