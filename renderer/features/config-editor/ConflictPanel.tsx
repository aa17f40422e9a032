import type { BridgeError } from '../../../shared/bridge';
import { PROVIDER_SECRET_FIELDS, type IntegrationResource, type ProviderKey } from '../../../shared/contract';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { diffIntegration } from './config-diff';
import { DiffView } from './DiffView';
import { fromBody, toBody } from './draft';

/** A 412: show what someone else changed on the server since this draft was started. */
export function ConflictPanel({ provider, error, live, current, onRebase }: {
  provider: ProviderKey;
  error: BridgeError;
  live: IntegrationResource;
  current: IntegrationResource;
  onRebase(): void;
}) {
  const changes = diffIntegration(toBody(fromBody(live)), toBody(fromBody(current)), PROVIDER_SECRET_FIELDS[provider]);
  return (
    <section className="card" aria-labelledby="conflict-title" data-testid="conflict">
      <ErrorNotice error={error} />
      <h2 id="conflict-title">Changed on the server since you opened the editor</h2>
      <DiffView items={changes} label="Server-side changes" />
      <div className="row">
        <button type="button" className="primary" onClick={onRebase}>
          Keep my draft on top of the server version
        </button>
      </div>
    </section>
  );
}
