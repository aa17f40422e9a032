import { OpsFailure, type Emit } from '../../../shared/bridge';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { isUnreachable, type ApiService } from '../api';
import type { DamageSink } from '../damage/register';
import type { RunbookStore } from '../runbooks/store';
import type { SettingsStore } from '../settings/settings-store';
import type { SnapshotsService } from '../snapshots/service';
import { TargetIO } from '../targets/target-io';
import type { DraftStore } from './drafts';
import type { ChangeStore } from './store';

/** What the step functions share; one object so each step file stays a plain function. */
export interface ChangeCtx {
  store: ChangeStore;
  drafts: DraftStore;
  api: ApiService;
  snapshots: SnapshotsService;
  runbooks: RunbookStore;
  settings: SettingsStore;
  emit: Emit;
  /** Where a damaged draft, monitor tally or journal is reported. */
  damage: DamageSink;
  now(): Date;
}

export function keyOf(s: Pick<ChangeState, 'connectionId' | 'siteId' | 'target'>): SnapshotKey {
  return { connectionId: s.connectionId, siteId: s.siteId, target: s.target };
}

export function siteOf(s: Pick<ChangeState, 'connectionId' | 'siteId'>) {
  return { connectionId: s.connectionId, siteId: s.siteId };
}

export function ioOf(ctx: ChangeCtx, s: ChangeState): TargetIO {
  return new TargetIO(ctx.api, keyOf(s));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a live read a decision depends on. With the API unreachable the step stops with an
 * `offline` error that says what could not be decided; it never goes on with cached data.
 */
export async function liveFor<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    throw new OpsFailure({
      kind: 'offline',
      message: `The API is unreachable (${error.error.message}): ${what} needs a live read.`,
    });
  }
}
