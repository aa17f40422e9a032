import { useMutation } from '@tanstack/react-query';
import type { ProviderKey } from '../../../shared/contract';
import { BridgeFailure, request } from '../../bridge';
import type { Target } from '../../app/target';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { TestResultView } from '../../ui/TestResultView';

/**
 * The runbook's mandatory step after a change: one sample event through the real path. The parent
 * mounts one card per site and provider, so a result never shows under another site's name.
 */
export function TestCard({ target, provider }: { target: Target; provider: ProviderKey }) {
  const test = useMutation({
    mutationKey: ['integrations.test', { ...target, provider }],
    mutationFn: () => request('integrations.test', { ...target, provider }),
  });
  const error = test.error instanceof BridgeFailure ? test.error.error : undefined;
  return (
    <article className="card" aria-labelledby="test-title">
      <header className="row">
        <h2 id="test-title">Provider test</h2>
        <span className="spacer" />
        <Busy busy={test.isPending} label="Running the test…" />
        <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
          Run test
        </button>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => test.mutate()} />}
      {test.data ? (
        <TestResultView result={test.data} />
      ) : (
        !error && <p className="muted">No test run in this session yet.</p>
      )}
    </article>
  );
}
