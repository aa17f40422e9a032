import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { TestResult, Webhook, WebhookBody } from '../../../shared/contract';
import { call } from '../../bridge';
import { useRouter } from '../../app/router-store';
import { targetKey, useTarget } from '../../app/target';
import { invalidateSite } from '../../data/invalidation';
import { Busy } from '../../ui/Busy';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { Deliveries } from './Deliveries';
import { WebhookForm } from './WebhookForm';
import { useWriteScope, writeQuestion } from '../environment/environment';
import { useWebhookList } from './use-webhooks';

type TestOutcome = { id: string; result?: TestResult; error?: BridgeError };

/**
 * #/webhooks[/<id>]: list, create, test, delete; the selected webhook's detail holds "Start change"
 * (edits go through the runbook), its rollback controls and its live deliveries. Create and delete
 * stay direct (create: nothing live to baseline yet; delete: behind its confirmation).
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
  const scope = useWriteScope(t?.target.connectionId ?? '', t?.target.siteId ?? '');
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
   * Creating stays direct: there is no live webhook yet to baseline or roll back. Edits of an
   * existing webhook go through the change workflow (target `webhook:<id>`), never through here.
   */
  async function write(
    label: string,
    run: () =>
      ReturnType<typeof call<'webhooks.delete'>> | ReturnType<typeof call<'webhooks.create'>>,
  ) {
    if (!t) return undefined;
    setBusy(label);
    const r = await run();
    setBusy(undefined);
    invalidateSite(client, t.target.connectionId, t.target.siteId);
    return r.ok ? undefined : r.error;
  }
  const create = (body: WebhookBody) =>
    write('save', () => call('webhooks.create', { ...t!.target, body }));
  const remove = (id: string) =>
    write(`delete:${id}`, () => call('webhooks.delete', { ...t!.target, webhookId: id }));

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
    const err = await remove(deleting.id);
    setDeleteError(err);
    if (!err) {
      setDeleting(undefined);
      if (selectedId === deleting.id) navigate('webhooks');
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
            const err = await create(body);
            if (!err) setCreating(false);
            return err;
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
        title={writeQuestion(`Delete the webhook “${deleting?.name ?? ''}”`, scope)}
        onClose={() => setDeleting(undefined)}
        actions={
          <button
            type="button"
            className="danger solid"
            onClick={() => void confirmDelete()}
            disabled={busy?.startsWith('delete:')}
          >
            Delete webhook
          </button>
        }
      >
        <p>
          Deliveries to <code>{deleting?.url}</code> stop at once. Its secret cannot be recovered;
          you would have to set it again.
        </p>
        <p className="small muted">
          To stop deliveries reversibly while you investigate, use the rollback controls on its page
          instead.
        </p>
        {deleteError && <ErrorNotice error={deleteError} />}
      </Dialog>
    </section>
  );
}
