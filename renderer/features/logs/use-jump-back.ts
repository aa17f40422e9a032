import { useCallback, useState } from 'react';
import { stopText } from '../../../shared/domain/trace';
import { call } from '../../bridge';
import type { LogModel } from './log-model';
import { TIME_BASE, type Row } from './row';
import type { TailInfo } from './use-tail';

export const JUMP_MINUTES = [1, 5, 15, 60] as const;

export interface JumpOutcome {
  minutes: number;
  /** Per stream: where paging back stopped and why (or that the buffer already reached back). */
  lines: string[];
  busy: boolean;
}

/** The oldest time and the lowest id of one stream the view holds. */
function oldestOf(model: LogModel, stream: string): { t: number; id: number } | undefined {
  let out: { t: number; id: number } | undefined;
  model.rows.forEach((r) => {
    if (r.stream !== stream || r.status === 'gap') return;
    out = out ? { t: out.t, id: Math.min(out.id, r.id) } : { t: r.t, id: r.id };
  });
  return out;
}

/**
 * "Jump to the last N minutes": pages each stream back (main's tail.history) until the view holds
 * lines from N minutes ago, then shows the first line at or after that time. Reports, per stream,
 * where it stopped: the time reached, the API's end, the page budget, or the buffer's size.
 */
export function useJumpBack(
  model: LogModel,
  tails: TailInfo[],
  show: (row: Row) => void,
  clock: (t: number) => string,
) {
  const [outcome, setOutcome] = useState<JumpOutcome>();
  const jump = useCallback(
    async (minutes: number) => {
      const since = Date.now() - minutes * 60_000;
      setOutcome({ minutes, lines: [], busy: true });
      const lines = await Promise.all(
        tails.map(async (t) => {
          const oldest = oldestOf(model, t.label);
          if (oldest && oldest.t + TIME_BASE <= since) return `${t.label}: already in the buffer.`;
          const r = await call('tail.history', {
            ...t.target,
            stream: t.stream,
            ...(oldest ? { beforeId: oldest.id } : {}),
            since: new Date(since).toISOString(),
            maxPages: 30,
          });
          if (!r.ok) return `${t.label}: could not page back (${r.error.message}).`;
          model.ingestHistory(t.label, r.value.entries);
          const reached = r.value.reached ? ` back to ${clock(Date.parse(r.value.reached))}` : '';
          return `${t.label}: ${r.value.entries.length.toLocaleString()} older lines loaded${reached}; ${stopText(r.value.stop, r.value.error ? { message: r.value.error } : undefined)}.`;
        }),
      );
      const full = model.rows.size >= model.rows.capacity;
      if (full)
        lines.push(
          `The buffer is full (${model.rows.capacity.toLocaleString()} lines): the oldest lines went first.`,
        );
      const first = model.viewRow(model.indexAtTime(since));
      if (first) show(first);
      else lines.push('No line in the view is that recent or older with the current filters.');
      setOutcome({ minutes, lines, busy: false });
    },
    [model, tails, show, clock],
  );
  return { outcome, jump, dismiss: () => setOutcome(undefined) };
}
