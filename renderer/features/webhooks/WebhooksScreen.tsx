import { useEffect, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { Webhook } from '../../../shared/contract';
import { useRefresh } from '../../app/refresh-store';
import { useRouter } from '../../app/router-store';
import { targetKey, useTarget } from '../../app/target';
import { Busy } from '../../ui/Busy';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LockNotice } from '../changes/LockNotice';
import { Notice } from '../../ui/Notice';
import { Deliveries } from './Deliveries';
import { WebhookForm } from './WebhookForm';
import { useWebhooks } from './webhooks-store';

/**
 * #/webhooks[/<id>]: list, create, test, delete; the selected webhook's detail holds "Start change"
 * (edits go through the runbook), its rollback controls and its live deliveries. "New webhook" and
 * "Delete" open changes too: the runbook's Apply creates or deletes, then tests and monitors.
 */
export default function WebhooksScreen() {
  const t = useTarget();
  const key = targetKey(t?.target);
  const s = useWebhooks();
  const tick = useRefresh((r) => r.tick);
  const selectedId = useRouter((r) => r.segments[1]);
  const navigate = useRouter((r) => r.navigate);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Webhook>();
  const [deleteError, setDeleteError] = useState<BridgeError>();

  useEffect(() => {
    if (t) void s.load(t.target);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);

  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Select a site first.
      </Notice>
    );
  const selected = s.list.find((w) => w.id === selectedId);

  async function confirmDelete() {
    if (!t || !deleting) return;
    const r = await s.remove(t.target, deleting);
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
          <Busy busy={s.busy === 'list'} label="Loading…" />
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New webhook
          </button>
        </div>
      </header>
      {s.error && <ErrorNotice error={s.error} onRetry={() => void s.load(t.target)} />}
      {creating && (
        <WebhookForm
          busy={s.busy === 'save'}
          onCancel={() => setCreating(false)}
          onSave={async (body) => {
            const r = await s.create(t.target, body);
            if (r.changeId) {
              setCreating(false);
              navigate(`changes/${r.changeId}`);
            }
            return r.error;
          }}
        />
      )}
      {s.loaded && s.list.length === 0 && <p className="muted">No webhooks yet.</p>}
      {s.list.length > 0 && (
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
            {s.list.map((w) => (
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
                        void s.test(t.target, w.id);
                      }}
                      disabled={s.busy === `test:${w.id}`}
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
      {selected && <Deliveries target={t.target} hook={selected} />}
      <Dialog
        open={!!deleting}
        title={`Delete the webhook “${deleting?.name ?? ''}”?`}
        onClose={() => setDeleting(undefined)}
        actions={
          <button
            type="button"
            className="danger solid"
            onClick={() => void confirmDelete()}
            disabled={s.busy?.startsWith('delete:')}
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
