import { useEffect, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { TailStatus } from '../../../shared/bridge/calls/tail';
import { call, on } from '../../bridge';
import type { LogModel } from './log-model';
import { streamKey, type TailStream } from './streams';
import { reportVisibility } from './visibility';

const KEEPALIVE_MS = 20_000;

export interface TailInfo {
  key: string;
  label: string;
  /** What the tail follows, so a view can page the same stream back ("jump to"). */
  stream: TailStream;
  target: { connectionId: string; siteId: string };
  status: TailStatus | undefined;
  startError: BridgeError | undefined;
}

/**
 * Starts one tail per stream in main, feeds their batches into `model`, renews their lease while
 * mounted and stops them on unmount (or when the streams change).
 */
export function useTails(
  model: LogModel,
  target: { connectionId: string; siteId: string } | undefined,
  streams: { stream: TailStream; label: string }[],
): TailInfo[] {
  const [infos, setInfos] = useState<TailInfo[]>([]);
  const signature = JSON.stringify([target, streams]);

  useEffect(() => {
    if (!target || streams.length === 0) {
      setInfos([]);
      return;
    }
    reportVisibility();
    let disposed = false;
    const byTail = new Map<string, number>();
    const current: TailInfo[] = streams.map((s) => ({
      key: streamKey(s.stream),
      label: s.label,
      stream: s.stream,
      target: { connectionId: target.connectionId, siteId: target.siteId },
      status: undefined,
      startError: undefined,
    }));
    setInfos(current.slice());
    const update = (i: number, patch: Partial<TailInfo>) => {
      current[i] = { ...current[i]!, ...patch };
      if (!disposed) setInfos(current.slice());
    };
    const unsubscribe = on('tail.batch', (batch) => {
      const i = byTail.get(batch.tailId);
      if (i === undefined) return;
      if (batch.entries.length > 0 || batch.gaps)
        model.ingest(streams[i]!.label, batch.entries, batch.gaps);
      if (batch.status) update(i, { status: batch.status });
    });
    streams.forEach((s, i) => {
      void call('tail.start', {
        connectionId: target.connectionId,
        siteId: target.siteId,
        stream: s.stream,
        backfill: 200,
      }).then((r) => {
        if (!r.ok) return update(i, { startError: r.error });
        if (disposed) return void call('tail.stop', { tailId: r.value.tailId });
        byTail.set(r.value.tailId, i);
      });
    });
    const keepalive = setInterval(
      () => void call('tail.keepalive', { tailIds: [...byTail.keys()] }),
      KEEPALIVE_MS,
    );
    return () => {
      disposed = true;
      unsubscribe();
      clearInterval(keepalive);
      for (const tailId of byTail.keys()) void call('tail.stop', { tailId });
    };
    // The signature stands for target and streams: new arrays with equal content must not restart tails.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, signature]);

  return infos;
}
