import type { SnapshotKey } from '../../../../shared/bridge/calls/snapshots-types';
import type { CloseOutcome, RolloutLink } from '../../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../../shared/domain/workflow/state';

/**
 * What a rollout needs of the change workflow: each site's change goes through the same steps,
 * lock, intent journal and monitor as a change an operator makes by hand.
 */
export interface RolloutChanges {
  /** Resolves once the change journal is loaded and interrupted changes are settled. */
  ready(): Promise<void>;
  all(): ChangeState[];
  state(id: string): ChangeState;
  openOn(connectionId: string, siteId: string): ChangeState | undefined;
  /** Opens the change (lock) and takes its baseline. */
  start(key: SnapshotKey, title: string, link: RolloutLink): Promise<ChangeState>;
  baseline(id: string): Promise<ChangeState>;
  saveDraft(id: string, body: Record<string, unknown>): Promise<void>;
  /** PUT with If-Match of the baseline, the intent journaled first. */
  apply(id: string): Promise<ChangeState>;
  /** The change once its mandatory test after the apply has run. */
  tested(id: string): Promise<ChangeState>;
  health(id: string): Promise<ChangeState>;
  startMonitoring(id: string, minutes: number): Promise<ChangeState>;
  close(id: string, outcome: CloseOutcome, note: string): Promise<ChangeState>;
  /** Journals that these regressions/anomalies were read, with the reason (before known-good). */
  acknowledge(id: string, items: string[], reason: string): Promise<ChangeState>;
  note(id: string, text: string): Promise<ChangeState>;
  /** Restores the change's baseline snapshot, then its test runs again. */
  restoreBaseline(id: string): Promise<ChangeState>;
  businessCycleMinutes(key: SnapshotKey): Promise<number>;
  monitorMinimumMinutes(): number;
  operator(): string;
}
