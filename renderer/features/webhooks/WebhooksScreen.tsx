import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BridgeError, BridgeResult } from '../../../shared/bridge';
import type { ChangeView } from '../../../shared/bridge/calls/changes';
import { foldChange } from '../../../shared/domain/workflow';
import type { TestResult, Webhook, WebhookBody } from '../../../shared/contract';
import { call } from '../../bridge';
import { useRouter } from '../../app/router-store';
import { targetKey, useTarget } from '../../app/target';
import { invalidateSite } from '../../data/invalidation';
import { Busy } from '../../ui/Busy';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LockNotice } from '../changes/LockNotice';
import { Notice } from '../../ui/Notice';
import { Deliveries } from './Deliveries';
import { WebhookForm } from './WebhookForm';
import { useWebhookList } from './use-webhooks';

type TestOutcome = { id: string; result?: TestResult; error?: BridgeError };

/**
 * #/webhooks[/<id>]: list, create, test, delete; the selected webhook's detail holds "Start change"
 * (edits go through the runbook), its rollback controls and its live deliveries. "New webhook" and
 * "Delete" open changes too: the runbook's Apply creates or deletes, then tests and monitors.
 */
export default function WebhooksScreen() {
  const t = useTarget();
  const key = targetKey(t?.target);
  const webhooks = useWebhookList(t?.target);
  const client = useQueryClient();
  const selectedId = useRouter((r) => r.segments[1]);
  const navigate = useRouter((r) => r.navigate);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Webhook>();
  const [deleteError, setDeleteError] = useState<BridgeError>();
  const [busy, setBusy] = useState<string>();
  // Test results belong to the site they ran on (keyed by `key`), never shown under another.
  const test = useMutation({
    mutationFn: async ({ id }: { id: string; site: string }): Promise<TestOutcome> => {
      if (!t) return { id };
      const r = await call('webhooks.test', { ...t.target, webhookId: id });
      return r.ok ? { id, result: r.value } : { id, error: r.error };
    },
  });
  const lastTest = test.variables?.site === key ? test.data : undefined;

  /**
   * Creating and deleting are changes, like every edit: these open one (the change's Apply does
   * the write, confirmed with the site and environment) and answer its id, or the refusal
   * (another change is open on the site).
   */
  async function open(
    label: string,
    start: () => Promise<BridgeResult<ChangeView>>,
  ): Promise<{ changeId?: string; error?: BridgeError }> {
    if (!t) return {};
    setBusy(label);
    const r = await start();
    setBusy(undefined);
    invalidateSite(client, t.target.connectionId, t.target.siteId);
    return r.ok ? { changeId: foldChange(r.value.entries).id } : { error: r.error };
  }
  const create = (body: WebhookBody) =>
    open('save', () => call('changes.startWebhookCreate', { ...t!.target, body }));
  const remove = (hook: Webhook) =>
    open(`delete:${hook.id}`, () =>
      call('changes.start', {
        ...t!.target,
        target: `webhook:${hook.id}`,
        operation: 'delete',
        title: `Delete webhook ${hook.name}`,
      }),
    );

  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Select a site first.
      </Notice>
    );
  const list = webhooks.list;
  const selected = list.find((w) => w.id === selectedId);

  async function confirmDelete() {
    if (!t || !deleting) return;
    const r = await remove(deleting);
    setDeleteError(r.error);
    if (r.changeId) {
      setDeleting(undefined);
      navigate(`changes/${r.changeId}`);
    }
  }

  return (
    <section className="screen" aria-labelledby="webhooks-title">
      <header className="screen-head">
        <h1 id="webhooks-title">Webhooks · {t.label}</h1>
        <div className="row">
          <Busy busy={webhooks.fetching} label="Loading…" />
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New webhook
          </button>
        </div>
      </header>
      {webhooks.error && <ErrorNotice error={webhooks.error} onRetry={webhooks.refetch} />}
      {creating && (
        <WebhookForm
          busy={busy === 'save'}
          onCancel={() => setCreating(false)}
          onSave={async (body) => {
            const r = await create(body);
            if (r.changeId) {
              setCreating(false);
              navigate(`changes/${r.changeId}`);
            }
            return r.error;
          }}
        />
      )}
      {!!webhooks.data && list.length === 0 && <p className="muted">No webhooks yet.</p>}
      {list.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Webhooks</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">Auth</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.id} data-testid={`webhook-row-${w.name}`}>
                <td>
                  <a
                    href={`#/webhooks/${w.id}`}
                    aria-current={w.id === selectedId ? 'true' : undefined}
                  >
                    {w.name}
                  </a>
                </td>
                <td className="small">
                  <code>{w.url}</code>
                </td>
                <td className="small">{w.events.length ? w.events.join(', ') : 'all events'}</td>
                <td>{w.authType}</td>
                <td>{w.active ? 'active' : <span className="muted">paused</span>}</td>
                <td className="actions">
                  <div className="row">
                    <a
                      className="button"
                      href={`#/webhooks/${w.id}`}
                      aria-label={`Change ${w.name}`}
                    >
                      Change
                    </a>
                    <button
                      type="button"
                      onClick={() => {
                        navigate(`webhooks/${w.id}`);
                        test.mutate({ id: w.id, site: key });
                      }}
                      disabled={test.isPending && test.variables?.id === w.id}
                      aria-label={`Test ${w.name}`}
                    >
                      Test
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        setDeleteError(undefined);
                        setDeleting(w);
                      }}
                      aria-label={`Delete ${w.name}`}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && (
        <Deliveries
          key={`${key}/${selected.id}`}
          target={t.target}
          hook={selected}
          testing={test.isPending && test.variables?.id === selected.id}
          test={lastTest?.id === selected.id ? lastTest : undefined}
        />
      )}
      <Dialog
        open={!!deleting}
        title={`Delete the webhook “${deleting?.name ?? ''}”?`}
        onClose={() => setDeleting(undefined)}
        actions={
          <button
            type="button"
            className="danger solid"
            onClick={() => void confirmDelete()}
            disabled={busy?.startsWith('delete:')}
          >
            Start delete change
          </button>
        }
      >
        <p>
          Deleting goes through a change: its baseline keeps a snapshot of this webhook, “Apply
          change” deletes it and checks it is gone. Deliveries to <code>{deleting?.url}</code> stop
          then.
        </p>
        <p className="small muted">
          “Restore snapshot” can re-create it later; its secret cannot be recovered and must be
          entered again. To stop deliveries reversibly while you investigate, use the rollback
          controls on its page instead.
        </p>
        {deleteError && <LockNotice error={deleteError} />}
      </Dialog>
    </section>
  );
}
