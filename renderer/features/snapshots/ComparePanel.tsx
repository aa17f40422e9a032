import { useEffect, useState } from 'react';
import type { SnapshotKey, SnapshotMeta } from '../../../shared/bridge/calls/snapshots-types';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { DiffView } from './DiffView';

export type Side = number | 'live';

/** Compare any two versions (or a version and live); the older side is "before". */
export function ComparePanel({
  snapKey,
  versions,
  initial,
}: {
  snapKey: SnapshotKey;
  versions: SnapshotMeta[];
  initial: [Side, Side];
}) {
  const [a, setA] = useState<Side>(initial[0]);
  const [b, setB] = useState<Side>(initial[1]);
  useEffect(() => {
    setA(initial[0]);
    setB(initial[1]);
  }, [initial]);
  // Keyed by both sides: a slow answer for an earlier pick can never replace the current one.
  const compare = useBridgeQuery('snapshots.compare', {
    a: { ...snapKey, version: a },
    b: { ...snapKey, version: b },
    withTraffic: true,
  });
  const result = compare.data;
  const error = compare.error;

  const options = (
    <>
      <option value="live">live (now)</option>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version}
          {v.knownGood ? ' (known-good)' : ''}
        </option>
      ))}
    </>
  );
  const parse = (s: string): Side => (s === 'live' ? 'live' : Number(s));
  return (
    <section className="card" aria-labelledby="snap-compare-title">
      <h2 id="snap-compare-title">Compare</h2>
      <div className="row">
        <label htmlFor="snap-cmp-a">Before</label>
        <select id="snap-cmp-a" value={String(a)} onChange={(e) => setA(parse(e.target.value))}>
          {options}
        </select>
        <label htmlFor="snap-cmp-b">After</label>
        <select id="snap-cmp-b" value={String(b)} onChange={(e) => setB(parse(e.target.value))}>
          {options}
        </select>
        {result && !result.trafficKnown && (
          <span className="muted small">
            Recent logs unavailable: risk flags are marked "possible".
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      {!result && !error && (
        <p className="muted" role="status">
          Comparing…
        </p>
      )}
      {result && (
        <DiffView
          diff={result.diff}
          beforeLabel={result.a.label}
          afterLabel={result.b.label}
          bodies={{ before: result.a.body, after: result.b.body }}
        />
      )}
    </section>
  );
}
