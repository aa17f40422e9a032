import { targetName } from '../../../shared/domain/names';
import { LOUD_SHARE, shareSentence, type FilteredShare } from './filtered-share';

/** "purchase: 97% filtered", loud above 50% whatever the badge says (green health, downstream gap). */
export function ShareList({
  shares,
  provider,
}: {
  shares: FilteredShare[] | undefined;
  provider: string;
}) {
  if (!shares)
    return <p className="muted small">Filtered share unavailable (logs not readable).</p>;
  if (shares.length === 0)
    return <p className="muted small">Nothing filtered in the last 500 log entries.</p>;
  const loud = shares.filter((s) => s.percent > LOUD_SHARE);
  return (
    <div className={loud.length ? 'share share-loud' : 'share'} data-testid={`share-${provider}`}>
      {loud.length > 0 && (
        <strong className="share-warning">Most of an event is being filtered out</strong>
      )}
      <ul className="share-list" aria-label={`Filtered share for ${targetName(provider)}`}>
        {shares.slice(0, 4).map((s) => (
          <li
            key={s.event}
            className={s.percent > LOUD_SHARE ? 'share-item loud' : 'share-item'}
            data-event={s.event}
            data-percent={s.percent}
          >
            <span>{shareSentence(s)}</span>
            <span className="muted small">
              {' '}
              ({s.filtered} of {s.total})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
