import type { ProviderKey } from '../../../shared/contract';
import type { Target } from '../../app/target';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { TestResultView } from '../../ui/TestResultView';
import { providerKey, useProviders } from './provider-store';

/** The runbook's mandatory step after a change: one sample event through the real path. */
export function TestCard({ target, provider }: { target: Target; provider: ProviderKey }) {
  const test = useProviders((s) => s.tests[providerKey(target, provider)]);
  const runTest = useProviders((s) => s.runTest);
  return (
    <article className="card" aria-labelledby="test-title">
      <header className="row">
        <h2 id="test-title">Provider test</h2>
        <span className="spacer" />
        <Busy busy={!!test?.running} label="Running the test…" />
        <button
          type="button"
          onClick={() => void runTest(target, provider)}
          disabled={test?.running}
        >
          Run test
        </button>
      </header>
      {test?.error && (
        <ErrorNotice error={test.error} onRetry={() => void runTest(target, provider)} />
      )}
      {test?.result ? (
        <TestResultView result={test.result} />
      ) : (
        !test?.error && <p className="muted">No test run in this session yet.</p>
      )}
    </article>
  );
}
