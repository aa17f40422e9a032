import type { TailStream } from '../../../shared/bridge/calls/tail';
import { streamKey } from '../../../shared/domain/trace';

/** The retained run of one stream of one site of one connection. */
export function retainedKey(t: {
  connectionId: string;
  siteId: string;
  stream: TailStream;
}): string {
  return `${t.connectionId}/${t.siteId}/${streamKey(t.stream)}`;
}
