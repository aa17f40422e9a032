import { useMemo } from 'react';
import { LogView } from './LogView';
import { streamLabel, type TailStream } from './streams';
import { useLogModel } from './use-log-model';
import { useTails } from './use-tail';

export interface LogPanelProps {
  connectionId: string;
  siteId: string;
  stream: TailStream;
  /** Hides the chart and the filter bar (provider page, Monitor step of a change). */
  compact?: boolean;
  /** Overrides the heading (default: the stream's label + "live log"). */
  title?: string;
}

/**
 * Self-contained live log of one provider or webhook: starts its tail on mount, stops it on
 * unmount. Mount it anywhere (provider and webhook pages, the Monitor step of a change).
 */
export default function LogPanel({
  connectionId,
  siteId,
  stream,
  compact = false,
  title,
}: LogPanelProps) {
  const model = useLogModel();
  const label = streamLabel(stream);
  const target = useMemo(() => ({ connectionId, siteId }), [connectionId, siteId]);
  const streams = useMemo(() => [{ stream, label }], [stream, label]);
  const tails = useTails(model, target, streams);
  return (
    <LogView
      model={model}
      title={title ?? `${label} live log`}
      tails={tails}
      compact={compact}
      exportName={label.toLowerCase().replace(/\W+/g, '-')}
    />
  );
}

export { LogPanel };
