import type { Target } from '../../app/target';
import { LogView } from './LogView';
import type { TailStream } from './streams';
import { useLogModel } from './use-log-model';
import { useTails } from './use-tail';

/** Several streams in one view, each line labelled with its stream. */
export function MergedLog({
  target,
  streams,
}: {
  target: Target;
  streams: { stream: TailStream; label: string }[];
}) {
  const model = useLogModel();
  const tails = useTails(model, target, streams);
  return (
    <LogView
      model={model}
      title="Merged live log"
      tails={tails}
      showStream
      exportName="merged-logs"
    />
  );
}
