import type { ChangeState } from '../../../../shared/domain/workflow';
import { Notice } from '../../../ui/Notice';
import { TestResultView } from '../../../ui/TestResultView';
import { useChange } from '../change-store';

/** The mandatory test: it runs by itself right after the apply; "Run test" repeats it. */
export function TestStep({ s }: { s: ChangeState }) {
  const run = useChange((x) => x.run);
  const legal = useChange((x) => x.legal);
  const busy = useChange((x) => x.busy);
  const t = s.lastTest;
  const waiting = s.step === 'test' && s.applied && (!t || t.at < s.applied.at);
  return (
    <div className="step-body">
      {waiting && <p role="status">Applied. The mandatory provider test is running…</p>}
      {t?.result && <TestResultView result={t.result} />}
      {t && !t.result && <p className="step-fail">Test failed: {t.error}</p>}
      {t && !t.ok && s.step === 'test' && (
        <Notice tone="error" title="The test failed">
          Roll back now (below), or fix the cause and run the test again.
        </Notice>
      )}
      {legal.includes('run_test') && (
        <button
          type="button"
          className={s.step === 'test' ? 'primary' : ''}
          disabled={busy !== undefined}
          onClick={() => void run('Testing', 'changes.test', { changeId: s.id })}
        >
          {busy === 'Testing' ? 'Testing…' : 'Run test'}
        </button>
      )}
    </div>
  );
}
