import type { CallContext, HandlersOf } from '../../../shared/bridge';
import type { tailCalls } from '../../../shared/bridge/calls/tail';
import type { Feature, FeatureDeps } from '../feature';

export function createTailFeature(_deps: FeatureDeps): Feature<HandlersOf<typeof tailCalls, CallContext>> {
  return { handlers: {} };
}
