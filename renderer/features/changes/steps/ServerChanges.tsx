import type { ConfigDiff } from '../../../../shared/domain/diff';
import { DiffView } from '../../config-editor/DiffView';

/** What changed on the server since the baseline (after a 412), or what was applied: the one diff view. */
export function ServerChanges({
  diff,
  label = 'Changed on the server since the baseline',
  secretFields,
}: {
  diff: ConfigDiff;
  label?: string;
  secretFields?: readonly string[] | undefined;
}) {
  return <DiffView diff={diff} label={label} secretFields={secretFields} />;
}
