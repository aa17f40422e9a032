import type { TailStream } from '../../../shared/bridge/calls/tail';

export type { TailStream };

import { targetName } from '../../../shared/domain/names';

/** The short label shown in the stream column and used as the row's stream key. */
export function streamLabel(s: TailStream, webhookNames?: Record<string, string>): string {
  if (s.kind === 'provider') return targetName(s.provider);
  return targetName(`webhook:${s.webhookId}`, webhookNames);
}

export { streamKey } from '../../../shared/domain/trace';
