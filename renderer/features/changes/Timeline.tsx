import { rollbackLabel, targetName, type WebhookNames } from '../../../shared/domain/names';
import { describeEntry, type JournalEntry } from '../../../shared/domain/workflow';
import { clock } from '../../ui/format';
import { Time } from '../../ui/Time';

/** The change's journal in the operator's words (the exports' descriptions), each line with the team-workspace commit that recorded it when known. */
export function Timeline({
  entries,
  target,
  webhookNames = {},
  commits = {},
}: {
  entries: JournalEntry[];
  target: string;
  webhookNames?: WebhookNames;
  commits?: Record<string, string>;
}) {
  const words = {
    time: clock,
    target: (t: string) => targetName(t, webhookNames),
    rollback: (a: Parameters<typeof rollbackLabel>[0]) => rollbackLabel(a, target, webhookNames),
  };
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h3 id="timeline-title">Timeline</h3>
      <ol className="timeline" data-testid="timeline">
        {entries.map((e) => (
          <li key={e.seq} className={`tl-${e.type}`}>
            <Time at={e.at} /> {describeEntry(e, words)}
            {commits[String(e.seq)] && (
              <code className="muted small" title={`Commit ${commits[String(e.seq)]}`}>
                {' '}
                commit {commits[String(e.seq)]!.slice(0, 7)}
              </code>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
