import { describeEntry, type JournalEntry } from '../../../shared/domain/workflow';
import { clock } from '../../ui/format';

/** The change's journal in the operator's words: the same descriptions as the exports. */
export function Timeline({ entries }: { entries: JournalEntry[] }) {
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h3 id="timeline-title">Timeline</h3>
      <ol className="timeline" data-testid="timeline">
        {entries.map((e) => (
          <li key={e.seq} className={`tl-${e.type}`}>
            <time dateTime={e.at}>{clock(e.at)}</time> {describeEntry(e, { time: clock })}
          </li>
        ))}
      </ol>
    </section>
  );
}
