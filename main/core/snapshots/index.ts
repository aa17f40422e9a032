import type { CallContext, HandlersOf } from '../../../shared/bridge';
import type { snapshotsCalls } from '../../../shared/bridge/calls/snapshots';
import type { Feature, FeatureDeps } from '../feature';

export function createSnapshotsFeature(_deps: FeatureDeps): Feature<HandlersOf<typeof snapshotsCalls, CallContext>> {
  return { handlers: {} };
}
