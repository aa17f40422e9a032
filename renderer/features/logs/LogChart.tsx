import type { Bucket } from './stats';

const W = 240;
const H = 48;

function path(series: Bucket[], key: 'sent' | 'failed' | 'filtered', max: number): string {
  const step = W / Math.max(1, series.length - 1);
  return series
    .map(
      (b, i) =>
        `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(H - 2 - (b[key] / max) * (H - 4)).toFixed(1)}`,
    )
    .join(' ');
}

/** Sent / failed / filtered per 5 s over the last 5 minutes: three polylines, one SVG, no library. */
export function LogChart({ series }: { series: Bucket[] }) {
  const max = Math.max(1, ...series.map((b) => Math.max(b.sent, b.failed, b.filtered)));
  const last = series[series.length - 1];
  const summary = last
    ? `Last 5 s: ${last.sent} sent, ${last.failed} failed, ${last.filtered} filtered`
    : 'No data';
  return (
    <figure className="log-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label={`Deliveries per 5 seconds. ${summary}`}
      >
        <path d={path(series, 'sent', max)} className="ln-sent" />
        <path d={path(series, 'filtered', max)} className="ln-filtered" />
        <path d={path(series, 'failed', max)} className="ln-failed" />
      </svg>
      <figcaption>
        <span className="key key-sent">sent</span> <span className="key key-failed">failed</span>{' '}
        <span className="key key-filtered">filtered</span>
        <span className="muted"> per 5 s · peak {max}</span>
      </figcaption>
    </figure>
  );
}
