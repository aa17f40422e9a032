import type { SnapshotMeta } from '../../../shared/bridge/calls/snapshots-types';
import { ago } from '../../ui/format';
import { Time } from '../../ui/Time';

const SOURCE_WORDS: Record<SnapshotMeta['source'], string> = {
  manual: 'taken by hand',
  baseline: 'the baseline of a change',
  after_change: 'taken after a change',
  import: 'imported',
  rollback: 'taken around a rollback',
};

/**
 * What a restore puts back, named: the version, where it came from (the change that took it), its
 * age and the known-good mark with its note. Shown in every restore confirmation.
 */
export function KnownGoodFacts({ meta }: { meta: SnapshotMeta }) {
  return (
    <p data-testid="restore-facts">
      <strong>Known-good v{meta.version}</strong>
      {meta.label ? ` “${meta.label}”` : ''}: {SOURCE_WORDS[meta.source]}
      {meta.changeId ? ` (change ${meta.changeId})` : ''}, <Time at={meta.createdAt} /> (
      {ago(meta.createdAt)})
      {meta.knownGoodAt ? (
        <>
          ; marked known-good <Time at={meta.knownGoodAt} />
          {meta.knownGoodNote ? `: ${meta.knownGoodNote}` : ''}
        </>
      ) : null}
      .
    </p>
  );
}
