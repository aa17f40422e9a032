import { diffIntegration, diffResource, type ConfigDiff } from '../../../shared/domain/diff';
import type { Body, TargetIO } from '../targets/target-io';

/** The diff of two bodies of the change's target, in the shape its kind calls for. */
export function diffOf(io: TargetIO, before: Body, after: Body): ConfigDiff {
  return io.kind === 'provider'
    ? diffIntegration(before, after)
    : diffResource(io.kind === 'webhook' ? 'webhook' : 'data-layer', before, after);
}
