import type { JournalEntry, RollbackAction } from '../../../shared/domain/workflow';
import { rollbackLabel, type WebhookNames } from '../../../shared/domain/names';
import { Notice } from '../../ui/Notice';
import { TestResultView } from '../../ui/TestResultView';
import { DriftBadge } from '../snapshots/DriftBadge';

type RollbackEntry = Extract<JournalEntry, { type: 'rollback' }>;

const NO_TEST: Record<Exclude<RollbackAction, 'restore'>, string> = {
  disable: 'No test: with the target disabled nothing is sent, so there is nothing to test.',
  test_mode: 'No test needed: in test mode events are logged and not sent.',
  enable: 'No test ran: run the test above to check that deliveries go through again.',
  test_mode_off: 'No test ran: run the test above to check that deliveries go through again.',
};

/**
 * What a rollback did, in full: the action (and versions for a restore), the mandatory test's
 * result with its failing steps, and whether the target now matches its known-good version.
 */
export function RollbackResult({
  entry,
  connectionId,
  siteId,
  target,
  webhookNames,
}: {
  entry: RollbackEntry;
  connectionId: string;
  siteId: string;
  target: string;
  webhookNames?: WebhookNames;
}) {
  const label = rollbackLabel(entry.action, target, webhookNames);
  const what =
    entry.action === 'restore' && entry.restoredVersion
      ? `${label} v${entry.restoredVersion}: done and recorded${entry.afterVersion ? ` (live is now v${entry.afterVersion})` : ''}.`
      : `${label}: done and recorded.`;
  const test = entry.test;
  return (
    <section
      className="card rollback-result"
      aria-label="Rollback result"
      data-testid="rollback-result"
    >
      <Notice tone={test && !test.ok ? 'error' : 'success'} title={what} />
      <h4>Mandatory test</h4>
      {test?.result ? (
        <TestResultView result={test.result} />
      ) : test ? (
        <p className="step-fail">Test failed: {test.error}</p>
      ) : (
        <p className="small muted">
          {entry.action === 'restore' ? 'The test did not run.' : NO_TEST[entry.action]}
        </p>
      )}
      <h4>Drift afterwards</h4>
      <DriftBadge connectionId={connectionId} siteId={siteId} target={target} />
    </section>
  );
}
