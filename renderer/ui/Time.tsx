import { displayTime, utcTime } from '../../shared/domain/names';

/** Every time on screen: local, in the app's one format, with UTC on hover. */
export function Time({ at, now }: { at: string | null | undefined; now?: number }) {
  if (!at) return <>—</>;
  return (
    <time dateTime={at} title={utcTime(at)}>
      {displayTime(at, now)}
    </time>
  );
}
