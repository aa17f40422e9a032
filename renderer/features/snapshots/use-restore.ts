import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { SnapshotKey, SnapshotMeta } from '../../../shared/bridge/calls/snapshots-types';
import { foldChange } from '../../../shared/domain/workflow';
import { call } from '../../bridge';

/**
 * "Restore snapshot" as a change, never a direct PUT: main opens the change (or refuses, naming the
 * open one), takes its baseline and loads the version as the draft; we then go to that change, where
 * the operator reviews the diff and applies, and the mandatory test, health and monitoring follow.
 */
export function useRestore(snapKey: SnapshotKey | undefined, navigate: (path: string) => void) {
  const [restoring, setRestoring] = useState<number>();
  const [error, setError] = useState<BridgeError>();
  async function restore(v: SnapshotMeta) {
    if (!snapKey) return;
    setRestoring(v.version);
    setError(undefined);
    const r = await call('changes.startRestore', { ...snapKey, version: v.version, id: v.id });
    setRestoring(undefined);
    if (!r.ok) return setError(r.error);
    navigate(`changes/${foldChange(r.value.entries).id}`);
  }
  return { restore, restoring, error };
}
