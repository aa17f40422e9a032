import type { CallContext } from '../../../shared/bridge';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import type { DamageSink } from '../damage/register';
import type { Invoke } from '../feature';
import type { SettingsStore } from '../settings/settings-store';
import type { DraftStore } from './drafts';
import type { ChangeStore } from './store';
import { TargetIO } from './target-io';

/** What the step functions share; one object so each step file stays a plain function. */
export interface ChangeCtx {
  store: ChangeStore;
  drafts: DraftStore;
  invoke: Invoke;
  settings: SettingsStore;
  emit: CallContext['emit'];
  /** Where a damaged draft, monitor tally or journal is reported. */
  damage: DamageSink;
  now(): Date;
}

export function keyOf(s: Pick<ChangeState, 'connectionId' | 'siteId' | 'target'>): SnapshotKey {
  return { connectionId: s.connectionId, siteId: s.siteId, target: s.target };
}

export function ioOf(ctx: ChangeCtx, s: ChangeState): TargetIO {
  return new TargetIO(ctx.invoke, keyOf(s));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
