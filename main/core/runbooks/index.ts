import type { CallContext, HandlersOf } from '../../../shared/bridge';
import type { runbooksCalls } from '../../../shared/bridge/calls/runbooks';
import type { Feature, FeatureDeps } from '../feature';

export function createRunbooksFeature(_deps: FeatureDeps): Feature<HandlersOf<typeof runbooksCalls, CallContext>> {
  return { handlers: {} };
}
