import type { z } from 'zod';
import type {
  ChangeFilter,
  ExportResult,
  changesCalls,
} from '../../../shared/bridge/calls/changes';
import type { WatchEvent } from '../../../shared/domain/alerts/schema';
import type { Runbook } from '../../../shared/domain/workflow/runbook';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { keyOf } from './context';
import { changeMarkdown, incidentMarkdown, summaryOf } from './export';

/** The journal screen's list: filtered, newest first. */
export function listChanges(all: ChangeState[], i: z.output<typeof ChangeFilter>) {
  return all
    .filter(
      (c) =>
        (!i.connectionId || c.connectionId === i.connectionId) &&
        (!i.siteId || c.siteId === i.siteId) &&
        (!i.target || c.target === i.target),
    )
    .filter(
      (c) =>
        (!i.status || (i.status === 'open') === c.open) && (!i.outcome || c.outcome === i.outcome),
    )
    .filter(
      (c) =>
        (!i.from || (c.entries.at(-1)?.at ?? c.startedAt) >= i.from) &&
        (!i.to || c.startedAt <= i.to),
    )
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .map(summaryOf);
}

/** What the watch saw on a site in a time range (the alerts feature answers it). */
export type WatchEventsOf = (
  connectionId: string,
  siteId: string,
  from: string,
  to: string,
) => Promise<WatchEvent[]>;

type ExportInput = z.output<(typeof changesCalls)['changes.export']['input']>;

/** One change, or every change of a site that has a line in a time range (an incident timeline). */
export async function exportChanges(
  i: ExportInput,
  all: ChangeState[],
  stateOf: (id: string) => ChangeState,
  runbookOf: (s: ChangeState) => Promise<Runbook>,
  watchEventsOf: WatchEventsOf = () => Promise.resolve([]),
): Promise<z.input<typeof ExportResult>> {
  if ('changeId' in i) {
    const s = stateOf(i.changeId);
    const runbook = await runbookOf(s);
    if (i.format === 'json')
      return {
        fileName: `${s.id}.json`,
        mime: 'application/json',
        count: 1,
        text: JSON.stringify(
          { change: summaryOf(s), key: keyOf(s), runbook, entries: s.entries },
          null,
          2,
        ),
      };
    return {
      fileName: `${s.id}.md`,
      mime: 'text/markdown',
      count: 1,
      text: changeMarkdown(s, runbook),
    };
  }
  const r = i.range;
  const list = all.filter(
    (c) =>
      c.connectionId === r.connectionId &&
      c.siteId === r.siteId &&
      c.entries.some((e) => e.at >= r.from && e.at <= r.to),
  );
  const seen = await watchEventsOf(r.connectionId, r.siteId, r.from, r.to);
  const stamp = (iso: string) => iso.slice(0, 16).replace(/[:T]/g, '');
  const name = `incident-${stamp(r.from)}-${stamp(r.to)}`;
  if (i.format === 'json')
    return {
      fileName: `${name}.json`,
      mime: 'application/json',
      count: list.length,
      text: JSON.stringify(
        {
          from: r.from,
          to: r.to,
          changes: list.map((c) => ({
            change: summaryOf(c),
            entries: c.entries.filter((e) => e.at >= r.from && e.at <= r.to),
          })),
          /** What the app saw on the site: health flips, drift, outside changes, alerts. */
          seen,
        },
        null,
        2,
      ),
    };
  return {
    fileName: `${name}.md`,
    mime: 'text/markdown',
    count: list.length,
    text: incidentMarkdown(list, r.from, r.to, seen),
  };
}
