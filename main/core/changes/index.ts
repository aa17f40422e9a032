import type { CallContext, HandlersOf } from '../../../shared/bridge';
import type { changesCalls } from '../../../shared/bridge/calls/changes';
import type { Feature, FeatureDeps } from '../feature';

export function createChangesFeature(_deps: FeatureDeps): Feature<HandlersOf<typeof changesCalls, CallContext>> {
  return { handlers: {} };
}
