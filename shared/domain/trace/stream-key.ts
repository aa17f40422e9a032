import type { TailStream } from '../../bridge/calls/tail';

/** One key per stream of a site (`p:ga4`, `w:<webhookId>`), the same in every log view and trace. */
export function streamKey(s: TailStream): string {
  return s.kind === 'provider' ? `p:${s.provider}` : `w:${s.webhookId}`;
}
