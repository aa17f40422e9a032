import type { TestResult } from '../../shared/contract';
import { clock } from './format';

/** A provider or webhook test, step by step, so the failing step and its message stand out. */
export function TestResultView({ result }: { result: TestResult }) {
  return (
    <div data-testid="test-result">
      <p>
        <strong className={result.ok ? 'step-ok' : 'step-fail'}>
          {result.ok ? 'Test passed' : 'Test failed'}
        </strong>{' '}
        <span className="muted small">
          {clock(result.startedAt)} · {Math.round(result.durationMs)} ms
          {result.testMode ? ' · test mode' : ''}
        </span>
      </p>
      <ol className="sentences small">
        {result.steps.map((s) => (
          <li key={s.name} className={s.ok ? '' : 'step-fail'}>
            <strong>{s.name}</strong> {s.ok ? '✓' : '✗'} {s.message}
          </li>
        ))}
      </ol>
    </div>
  );
}
